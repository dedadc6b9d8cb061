package org.chainrule.init;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.chainrule.api.Initializer;
import org.chainrule.api.Matrix;

/** Fills a matrix from a seeded generator, element 0 first, so the order of draws is fixed. */
final class Fill {
    private Fill() {}

    /** How an initializer fills a layer of a given shape. */
    interface Draw {
        void fill(Matrix target, int fanIn, int fanOut, RandomGenerator random);
    }

    /** The variance an initializer promises for a layer of a given shape. */
    interface Variance {
        double of(int fanIn, int fanOut);
    }

    /** @return an initializer that draws with {@code draw} and promises {@code variance} */
    static Initializer drawing(Draw draw, Variance variance) {
        return new Initializer() {
            @Override
            public void initialize(Matrix target, int fanIn, int fanOut, RandomGenerator random) {
                draw.fill(target, fanIn, fanOut, random);
            }

            @Override
            public OptionalDouble variance(int fanIn, int fanOut) {
                return OptionalDouble.of(variance.of(fanIn, fanOut));
            }
        };
    }

    /** @return an initializer that sets every element to {@code value} */
    static Initializer constant(float value) {
        return new Initializer() {
            @Override
            public void initialize(Matrix target, int fanIn, int fanOut, RandomGenerator random) {
                target.fill(value);
            }

            @Override
            public boolean isConstant() {
                return true;
            }

            @Override
            public OptionalDouble variance(int fanIn, int fanOut) {
                return OptionalDouble.of(0);
            }
        };
    }

    static void normal(Matrix target, double mean, double std, RandomGenerator random) {
        float[] d = target.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian(mean, std);
        }
    }

    static void uniform(Matrix target, double low, double high, RandomGenerator random) {
        float[] d = target.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextDouble(low, high);
        }
    }
}
