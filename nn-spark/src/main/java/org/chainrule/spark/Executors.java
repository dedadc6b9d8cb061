package org.chainrule.spark;

import org.chainrule.engine.Chainrule;

/** The engine of each executor JVM, made once from the plugins on its class path. */
final class Executors {
    private Executors() {}

    private static final class Holder {
        static final Chainrule CHAINRULE = Chainrule.create();
    }

    static Chainrule chainrule() {
        return Holder.CHAINRULE;
    }
}
