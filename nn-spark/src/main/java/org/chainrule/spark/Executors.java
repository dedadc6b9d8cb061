package org.chainrule.spark;

import org.chainrule.engine.Chainrule;

/**
 * The engine of each executor JVM, made once from the plugins on its class path. One helper thread:
 * Spark already runs a task per core, and products split over more threads would only contend
 * (results do not depend on the thread count).
 */
final class Executors {
    private Executors() {}

    private static final class Holder {
        static final Chainrule CHAINRULE = Chainrule.builder().threads(1).build();
    }

    static Chainrule chainrule() {
        return Holder.CHAINRULE;
    }
}
