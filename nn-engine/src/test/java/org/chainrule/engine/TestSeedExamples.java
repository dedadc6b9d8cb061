package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The seeds' worked examples and the behaviours they call for, as exact tests. */
final class TestSeedExamples {

    /**
     * Recitation 000 §2 and §4. The seed folds the bias into column 0 of α (x₀ = 1) and entry 0 of
     * β (z₀ = 1), with α_{j,i} the weight into hidden unit j from input i. In Chainrule's layout
     * W(1)[i][j] = α_{j,i} for i ≥ 1, b(1)[j] = α_{j,0}, W(2)[j][0] = β_j, b(2) = β₀.
     */
    private static Network recitationNetwork() {
        NetworkSpec spec = NetworkSpec.builder(2)
                .dense(2, "relu")
                .dense(1, "identity")
                .loss("square(scale=0.5)")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 1);
        // α = [[2, 1, 0], [0, 2, 0]]
        net.setWeights(1, Matrix.of(new float[][] {{1, 2}, {0, 0}}));
        net.setBiases(1, Matrix.of(new float[][] {{2, 0}}));
        // β = [0, 1, 2]
        net.setWeights(2, Matrix.of(new float[][] {{1}, {2}}));
        net.setBiases(2, Matrix.of(new float[][] {{0}}));
        return net;
    }

    private static final Matrix X = Matrix.of(new float[][] {{1, 2}});
    private static final Matrix Y = Matrix.of(new float[][] {{3}});

    @Test
    void recitationForwardGivesHiddenThreeTwoAndOutputSeven() {
        Network net = recitationNetwork();
        Network hidden = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(2).dense(2, "relu").loss("square").build(), 1);
        hidden.setWeights(1, net.weights(1));
        hidden.setBiases(1, net.biases(1));

        assertArrayEquals(new float[] {3, 2}, hidden.predict(X).data());
        assertArrayEquals(new float[] {7}, net.predict(X).data());
    }

    @Test
    void recitationLossIsHalfSquaredError() {
        Network net = recitationNetwork();

        assertEquals(8.0, net.computeGradients(X, Y), 0.0); // ½ (7 − 3)²
    }

    @Test
    void recitationGradientsMatchTheSeed() {
        Network net = recitationNetwork();
        net.computeGradients(X, Y);
        Matrix dW1 = net.weightGradient(1);
        Matrix db1 = net.biasGradient(1);
        Matrix dW2 = net.weightGradient(2);
        Matrix db2 = net.biasGradient(2);

        float[] dBeta = {db2.get(0, 0), dW2.get(0, 0), dW2.get(1, 0)};
        float[][] dAlpha = {
            {db1.get(0, 0), dW1.get(0, 0), dW1.get(1, 0)},
            {db1.get(0, 1), dW1.get(0, 1), dW1.get(1, 1)}
        };
        assertArrayEquals(new float[] {4, 12, 8}, dBeta);
        assertArrayEquals(new float[] {4, 4, 8}, dAlpha[0]);
        assertArrayEquals(new float[] {8, 8, 16}, dAlpha[1]);
    }

    /** Section 002 §2.2: with every weight and bias 0, hidden units stay identical after any number of steps. */
    @Test
    void zeroInitialisationKeepsHiddenUnitsIdenticalWhileTraining() {
        NetworkSpec spec = NetworkSpec.builder(3)
                .init("zero", "zero")
                .dense(4, "sigmoid")
                .dense(1, "identity")
                .loss("square")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 7);
        Dataset data = new Dataset(Fixtures.gaussian(40, 3, 1, 1), Fixtures.gaussian(40, 1, 1, 2));

        Fixtures.CHAINRULE.train(
                net, TrainingConfig.defaults().withEpochs(25).withBatchSize(8), data, null, TrainingListener.NONE);

        Matrix w1 = net.weights(1);
        Matrix b1 = net.biases(1);
        Matrix w2 = net.weights(2);
        assertNotEquals(0f, w2.get(0, 0), "training moved the output weights");
        for (int j = 1; j < 4; j++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(w1.get(i, 0), w1.get(i, j), "W1 column " + j + " equals column 0");
            }
            assertEquals(b1.get(0, 0), b1.get(0, j), "b1[" + j + "] equals b1[0]");
            assertEquals(w2.get(0, 0), w2.get(j, 0), "W2 row " + j + " equals row 0");
        }
    }

    @Test
    void constantInitialisationOfHiddenWeightsIsWarnedAbout() {
        NetworkSpec spec = NetworkSpec.builder(3)
                .init("constant(value=0.5)", "zero")
                .dense(4, "tanh")
                .init("xavier", "zero")
                .dense(1, "identity")
                .loss("square")
                .build();

        Network net = Fixtures.CHAINRULE.network(spec, 1);

        assertEquals(1, net.warnings().size());
        assertTrue(
                net.warnings().getFirst().startsWith("layer 1 weight initializer 'constant(value=0.5)' is constant"),
                net.warnings().getFirst());
    }

    /** Seed 003: with a step activation, every weight gradient at or below it is exactly zero. */
    @Test
    void stepActivationGivesZeroGradientToEveryLayerBelowIt() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .init("gaussian(std=1)", "gaussian(std=1)")
                .dense(5, "tanh")
                .dense(6, "step")
                .dense(3, "sigmoid")
                .loss("nll")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 3);

        net.computeGradients(Fixtures.gaussian(8, 4, 1, 4), Fixtures.binary(8, 3, 5));

        for (int l = 1; l <= 2; l++) {
            for (float g : net.weightGradient(l).data()) {
                assertEquals(0f, g, "dW" + l);
            }
            for (float g : net.biasGradient(l).data()) {
                assertEquals(0f, g, "db" + l);
            }
        }
        assertTrue(maxAbs(net.weightGradient(3)) > 0, "the layer above the step still learns");
    }

    @Test
    void stepActivationBelowTheOutputIsWarnedAbout() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(5, "step")
                .dense(3, "sigmoid")
                .loss("nll")
                .build();

        Network net = Fixtures.CHAINRULE.network(spec, 3);

        assertEquals(1, net.warnings().size());
        assertTrue(
                net.warnings().getFirst().startsWith("layer 1 activation 'step' has zero derivative"),
                net.warnings().getFirst());
    }

    private static float maxAbs(Matrix m) {
        float max = 0;
        for (float v : m.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
