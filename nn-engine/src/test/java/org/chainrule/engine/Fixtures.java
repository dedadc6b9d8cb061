package org.chainrule.engine;

import java.util.SplittableRandom;
import org.chainrule.api.Matrix;

/** Shared test helpers: the engine wired around the installed plugins, and seeded random matrices. */
final class Fixtures {
    static final Chainrule CHAINRULE = Chainrule.create();

    private Fixtures() {}

    static Matrix gaussian(int rows, int cols, double std, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextGaussian() * std);
        }
        return m;
    }

    static Matrix oneHot(int rows, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, classes);
        for (int i = 0; i < rows; i++) {
            m.set(i, r.nextInt(classes), 1f);
        }
        return m;
    }

    static Matrix binary(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextBoolean() ? 1f : 0f;
        }
        return m;
    }

    /** @return an engine with the installed plugins and these test activations besides */
    static Chainrule withActivations(org.chainrule.api.ActivationProvider... extra) {
        Plugins installed = Plugins.discover();
        java.util.List<org.chainrule.api.ActivationProvider> activations =
                new java.util.ArrayList<>(installed.activations().all());
        activations.addAll(java.util.List.of(extra));
        return Chainrule.create(new Plugins(
                PluginRegistry.of("activation", activations),
                installed.losses(),
                installed.initializers(),
                installed.optimizers()));
    }
}
