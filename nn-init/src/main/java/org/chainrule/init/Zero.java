package org.chainrule.init;

import java.util.random.RandomGenerator;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;

/** {@code zero}: every element 0 (the default for biases; constant, so hidden units stay identical). */
public final class Zero implements InitializerProvider {
    private static final Initializer INSTANCE = new Initializer() {
        @Override
        public void initialize(Matrix target, int fanIn, int fanOut, RandomGenerator random) {
            target.fill(0f);
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    };

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
