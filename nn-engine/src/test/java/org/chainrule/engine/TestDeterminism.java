package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The same seed gives the same weights, run after run; another seed gives others. */
final class TestDeterminism {
    private static final NetworkSpec SPEC = NetworkSpec.builder(6)
            .init("he", "uniform(low=-0.1, high=0.1)")
            .dense(8, "relu")
            .init("xavier(distribution=normal)", "zero")
            .dense(3, "softmax")
            .loss("cross_entropy")
            .build();

    @Test
    void sameSeedGivesSameInitialWeights() {
        Network a = Fixtures.CHAINRULE.network(SPEC, 123);
        Network b = Fixtures.CHAINRULE.network(SPEC, 123);

        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(a.weights(l).data(), b.weights(l).data());
            assertArrayEquals(a.biases(l).data(), b.biases(l).data());
        }
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        Network a = Fixtures.CHAINRULE.network(SPEC, 1);
        Network b = Fixtures.CHAINRULE.network(SPEC, 2);

        assertFalse(Arrays.equals(a.weights(1).data(), b.weights(1).data()));
    }

    @Test
    void sameSeedGivesSameTrainedWeights() {
        Dataset data = Dataset.classification(Fixtures.gaussian(50, 6, 1, 9), labels(50), 3);
        TrainingConfig config =
                TrainingConfig.defaults().withEpochs(3).withBatchSize(7).withOptimizer("adam(lr=0.01)");

        Network a = Fixtures.CHAINRULE.network(SPEC, 5);
        Fixtures.CHAINRULE.train(a, config, data, null, TrainingListener.NONE);
        Network b = Fixtures.CHAINRULE.network(SPEC, 5);
        Fixtures.CHAINRULE.train(b, config, data, null, TrainingListener.NONE);

        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(a.weights(l).data(), b.weights(l).data(), "W" + l);
            assertArrayEquals(a.biases(l).data(), b.biases(l).data(), "b" + l);
        }
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7) % 3;
        }
        return y;
    }
}
