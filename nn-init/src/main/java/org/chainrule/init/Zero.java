package org.chainrule.init;

import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.Params;

/** {@code zero}: every element 0 (the default for biases; constant, so hidden units stay identical). */
public final class Zero implements InitializerProvider {
    private static final Initializer INSTANCE = Fill.constant(0f);

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "zero";
    }

    @Override
    public String description() {
        return "all zeros";
    }

    @Override
    public Initializer create(Params params) {
        return INSTANCE;
    }
}
