package org.chainrule.init;

import java.util.random.RandomGenerator;
import org.chainrule.api.Matrix;

/** Fills a matrix from a seeded generator, element 0 first, so the order of draws is fixed. */
final class Fill {
    private Fill() {}

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
