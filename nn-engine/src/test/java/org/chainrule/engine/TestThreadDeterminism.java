package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.chainrule.engine.kernel.simd.Geometry;
import org.chainrule.engine.kernel.simd.VectorKernelsLoader;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bitwise the same trained weights with every vector width and tile geometry,
 * and on 1, 2 and 4 kernel threads with the kernels the selection picks (CI runs this at each
 * vector width through {@code chainrule.kernels}).
 */
final class TestThreadDeterminism {
    private static Chainrule withThreads(int threads) {
        return Chainrule.wire(Fixtures.CHAINRULE.plugins(), KernelSelection.create(threads));
    }

    /**
     * Every vector width and tile geometry sums each element of a product with the same FMA chain,
     * and the activation math is element-wise, so a network trains to the same bits on AVX-512, AVX2
     * and NEON-shaped kernels (the 512-bit ones run here even on a CPU without them, slowly).
     */
    @Test
    void trainedWeightsAreBitwiseEqualWithEveryVectorWidthAndTileGeometry() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        NetworkSpec spec = NetworkSpec.builder(30)
                .dense(40, "tanh")
                .dense(20, "relu")
                .dense(10, "softmax")
                .loss("cross_entropy")
                .build();
        int[] labels = new int[96];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        Dataset data = Dataset.classification(Fixtures.gaussian(96, 30, 1, 5), labels, 10);
        TrainingConfig config =
                TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withOptimizer("adam");
        Network first = null;
        for (Geometry g : Geometry.ALL) {
            Chainrule cr = Chainrule.wire(Fixtures.CHAINRULE.plugins(), VectorKernelsLoader.create(g, 1));
            Network net = cr.network(spec, 3);
            cr.train(net, config, data, null, TrainingListener.NONE);
            if (first == null) {
                first = net;
                continue;
            }
            for (int l = 1; l <= 3; l++) {
                assertArrayEquals(first.weights(l).data(), net.weights(l).data(), "W" + l + ", " + g);
                assertArrayEquals(first.biases(l).data(), net.biases(l).data(), "b" + l + ", " + g);
            }
        }
    }

    @Test
    void trainedWeightsAreBitwiseEqualOnOneTwoAndFourThreads() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        // 400-wide layers at batch 128: the products between them (128 × 400 × 400 = 20 M FMAs,
        // forward and both backward forms) are large enough to be split.
        NetworkSpec spec = NetworkSpec.builder(40)
                .dense(400, "relu")
                .dense(400, "tanh")
                .dense(7, "softmax")
                .loss("cross_entropy")
                .build();
        int[] labels = new int[256];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7;
        }
        Dataset data = Dataset.classification(Fixtures.gaussian(256, 40, 1, 3), labels, 7);
        TrainingConfig config =
                TrainingConfig.defaults().withEpochs(2).withBatchSize(128).withOptimizer("momentum(lr=0.05)");

        Network[] nets = new Network[3];
        int[] threads = {1, 2, 4};
        for (int t = 0; t < 3; t++) {
            Chainrule cr = withThreads(threads[t]);
            nets[t] = cr.network(spec, 11);
            cr.train(nets[t], config, data, null, TrainingListener.NONE);
        }

        for (int t = 1; t < 3; t++) {
            for (int l = 1; l <= 3; l++) {
                assertArrayEquals(
                        nets[0].weights(l).data(), nets[t].weights(l).data(), "W" + l + ", " + threads[t] + " threads");
                assertArrayEquals(
                        nets[0].biases(l).data(), nets[t].biases(l).data(), "b" + l + ", " + threads[t] + " threads");
            }
        }
    }
}
