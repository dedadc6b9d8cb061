package org.chainrule.bench.measure;

import java.util.SplittableRandom;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.TrainingConfig;

/**
 * The workloads that {@code nn bench} ({@link Bench}) and the JMH benchmarks measure, defined once
 * so that both, and the PyTorch side of {@code bench/compare-pytorch.sh}, run the same networks on
 * the same kind of data.
 */
public final class Workloads {
    private Workloads() {}

    /** @return {@code size} floats uniform in [−1, 1), the same for the same seed */
    public static float[] uniform(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    /** The network: 784-256-128-10, ReLU, softmax, cross-entropy, He and Xavier weights. */
    public static NetworkSpec mlp784() {
        return mlp784("relu");
    }

    /**
     * @param hidden the two hidden layers' activation (relu in the network; tanh shows what
     *     the activations' e^x and tanh cost)
     * @return 784-256-128-10 with that activation, softmax, cross-entropy, He and Xavier weights
     */
    public static NetworkSpec mlp784(String hidden) {
        return NetworkSpec.builder(784)
                .init("he", "zero")
                .dense(256, hidden)
                .dense(128, hidden)
                .init("xavier", "zero")
                .dense(10, "softmax")
                .loss("cross_entropy")
                .build();
    }

    /** @return {@code samples} uniform 784-wide inputs (seed 3) with labels i mod 10, for {@link #mlp784} */
    public static Dataset mlp784Data(int samples) {
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % 10;
        }
        return Dataset.classification(Matrix.wrap(samples, 784, uniform(samples * 784, 3)), labels, 10);
    }

    /** The tiny network of the seeds: 2-2-1, tanh then sigmoid, negative log-likelihood. */
    public static NetworkSpec tiny221() {
        return NetworkSpec.builder(2)
                .dense(2, "tanh")
                .dense(1, "sigmoid")
                .loss("nll")
                .build();
    }

    /** @return {@code samples} uniform 2-wide inputs (seed 4) with targets i mod 2, for {@link #tiny221} */
    public static Dataset tinyData(int samples) {
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = i % 2;
        }
        return new Dataset(Matrix.wrap(samples, 2, uniform(2 * samples, 4)), Matrix.wrap(samples, 1, y));
    }

    /** @return plain SGD (learning rate 0.01), as the PyTorch side trains, at this batch size */
    public static TrainingConfig sgd(int batch) {
        return TrainingConfig.defaults().withBatchSize(batch).withOptimizer("sgd(lr=0.01)");
    }
}
