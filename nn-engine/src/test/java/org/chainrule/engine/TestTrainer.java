package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TestTrainer {
    /** XOR: not linearly separable, so only a working hidden layer and chain rule solve it. */
    private static final Dataset XOR = new Dataset(
            Matrix.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}), Matrix.of(new float[][] {{0}, {1}, {1}, {0}}));

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "sgd(lr=0.5)",
                "momentum(lr=0.1)",
                "momentum(lr=0.1, nesterov=true)",
                "adam(lr=0.05)",
                "adamw(lr=0.05)",
                "rmsprop(lr=0.02)",
                "adagrad(lr=0.3)",
                "sgd(lr=1, schedule=cosine, period=2000)",
                "sgd(lr=1, clip_norm=0.5)"
            })
    void everyOptimizerLearnsXor(String optimizer) {
        NetworkSpec spec = NetworkSpec.builder(2)
                .dense(8, "tanh")
                .dense(1, "sigmoid")
                .loss("nll")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 3);

        List<EpochResult> r = Fixtures.CHAINRULE.train(
                net,
                TrainingConfig.defaults().withEpochs(1000).withBatchSize(4).withOptimizer(optimizer),
                XOR,
                XOR,
                TrainingListener.NONE);

        assertEquals(1.0, r.getLast().testAccuracy(), () -> optimizer + " reached " + r.getLast());
        assertTrue(
                r.getLast().testLoss() < 0.2,
                () -> optimizer + " loss " + r.getLast().testLoss());
    }

    @Test
    void listenerSeesEveryBatchAndEpoch() {
        NetworkSpec spec = NetworkSpec.builder(2)
                .dense(3, "tanh")
                .dense(1, "sigmoid")
                .loss("nll")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 3);
        Dataset data = new Dataset(Fixtures.gaussian(10, 2, 1, 1), Fixtures.binary(10, 1, 2));
        List<String> seen = new ArrayList<>();

        Fixtures.CHAINRULE.train(
                net, TrainingConfig.defaults().withEpochs(2).withBatchSize(4), data, null, new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        seen.add(epoch + ":" + batch + "/" + batches);
                    }

                    @Override
                    public void onEpoch(EpochResult result) {
                        seen.add("epoch " + result.epoch());
                    }
                });

        assertEquals(List.of("1:1/3", "1:2/3", "1:3/3", "epoch 1", "2:1/3", "2:2/3", "2:3/3", "epoch 2"), seen);
    }

    @Test
    void epochWithoutTestSetReportsNaNTestFigures() {
        NetworkSpec spec =
                NetworkSpec.builder(2).dense(1, "sigmoid").loss("nll").build();
        Network net = Fixtures.CHAINRULE.network(spec, 3);

        List<EpochResult> r = Fixtures.CHAINRULE.train(
                net, TrainingConfig.defaults().withEpochs(1), XOR, null, TrainingListener.NONE);

        assertTrue(Double.isNaN(r.getFirst().testLoss()));
        assertTrue(r.getFirst().trainLoss() > 0);
    }
}
