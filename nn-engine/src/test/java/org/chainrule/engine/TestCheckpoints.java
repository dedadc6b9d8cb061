package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.chainrule.api.ConcurrencyException;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.NumericException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, resuming, early stopping and what stops training. */
final class TestCheckpoints {
    private static final NetworkSpec SPEC = NetworkSpec.builder(8)
            .init("he", "gaussian(std=0.1)")
            .dense(12, "tanh")
            .dense(3, "softmax")
            .loss("cross_entropy")
            .build();
    private static final Dataset TRAIN = new Dataset(Fixtures.gaussian(50, 8, 1, 1), Fixtures.oneHot(50, 3, 2));
    private static final Dataset VALIDATION = new Dataset(Fixtures.gaussian(20, 8, 1, 3), Fixtures.oneHot(20, 3, 4));

    @TempDir
    Path dir;

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.defaults()
                .withEpochs(epochs)
                .withBatchSize(16)
                .withOptimizer("adam(lr=0.01, schedule=step, step_size=5, gamma=0.7)");
    }

    private static void assertSameParameters(Network expected, Network actual) {
        for (int l = 1; l <= expected.depth(); l++) {
            assertArrayEquals(expected.weights(l).data(), actual.weights(l).data(), "W(" + l + ")");
            assertArrayEquals(expected.biases(l).data(), actual.biases(l).data(), "b(" + l + ")");
        }
    }

    private static List<EpochResult> train(Network net, TrainingConfig c, Dataset validation) {
        return Fixtures.CHAINRULE.train(net, c, TRAIN, validation, TrainingListener.NONE);
    }

    @Test
    void aResumedRunEndsWithWeightsBitwiseEqualToAnUninterruptedOne() {
        Network whole = Fixtures.CHAINRULE.network(SPEC, 7);
        List<EpochResult> wholeHistory = train(whole, config(9), VALIDATION);

        Path ckpt = dir.resolve("run.ckpt");
        Network first = Fixtures.CHAINRULE.network(SPEC, 7);
        train(first, config(4).withCheckpoints(ckpt, 2), VALIDATION);
        Network resumed = Fixtures.CHAINRULE.loadNetwork(ckpt);
        List<EpochResult> history = train(resumed, config(9).withResumeFrom(ckpt), VALIDATION);

        assertSameParameters(whole, resumed);
        assertEquals(9, history.size());
        for (int e = 0; e < 9; e++) {
            assertEquals(wholeHistory.get(e).trainLoss(), history.get(e).trainLoss(), "train loss of epoch " + (e + 1));
            assertEquals(
                    wholeHistory.get(e).testLoss(), history.get(e).testLoss(), "validation loss of epoch " + (e + 1));
        }
    }

    @Test
    void resumingIntoAFreshlyBuiltNetworkRestoresTheCheckpointsWeights() {
        Network whole = Fixtures.CHAINRULE.network(SPEC, 7);
        train(whole, config(6), null);
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(3).withCheckpoints(ckpt, 3), null);

        Network other = Fixtures.CHAINRULE.network(SPEC, 99); // different initial weights: overwritten
        train(other, config(6).withResumeFrom(ckpt), null);

        assertSameParameters(whole, other);
    }

    @Test
    void resumingWithAnotherOptimizerIsRefusedNamingBoth() {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), null);
        Network net = Fixtures.CHAINRULE.network(SPEC, 7);

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> train(net, config(4).withOptimizer("sgd(lr=0.1)").withResumeFrom(ckpt), null));

        assertTrue(e.getMessage().contains("was trained with optimizer \"adam(lr=0.01, schedule=step"), e.getMessage());
        assertTrue(e.getMessage().contains("but this run has \"sgd(lr=0.1, schedule=constant,"), e.getMessage());
    }

    @Test
    void resumingOnOtherDataOfTheSameShapeIsRefusedNamingTheTrainingSet() {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), VALIDATION);
        Dataset other = new Dataset(Fixtures.gaussian(50, 8, 1, 5), Fixtures.oneHot(50, 3, 2));
        Network net = Fixtures.CHAINRULE.network(SPEC, 7);

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Fixtures.CHAINRULE.train(
                        net, config(4).withResumeFrom(ckpt), other, VALIDATION, TrainingListener.NONE));

        assertTrue(
                e.getMessage()
                        .matches("resume: model file .*run.ckpt was trained on a training set of 50 rows × 8 inputs"
                                + " → 3 targets \\(sha256 [0-9a-f]{12}…\\) but this run's is 50 rows × 8 inputs → 3 targets"
                                + " \\(sha256 [0-9a-f]{12}…\\), the same shape with other values; resume on the same data,"
                                + " split and scaling"),
                e.getMessage());
    }

    @Test
    void resumingWithAnotherSplitIsRefusedNamingTheValidationSet() {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), VALIDATION);
        Dataset fewer = new Dataset(Fixtures.gaussian(19, 8, 1, 3), Fixtures.oneHot(19, 3, 4));
        Network net = Fixtures.CHAINRULE.network(SPEC, 7);

        ConfigException e =
                assertThrows(ConfigException.class, () -> train(net, config(4).withResumeFrom(ckpt), fewer));

        assertTrue(e.getMessage().contains("was trained on a validation set of 20 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("but this run's is 19 rows"), e.getMessage());
    }

    @Test
    void resumingWithoutTheValidationSetTheCheckpointHadIsRefused() {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), VALIDATION);
        Network net = Fixtures.CHAINRULE.network(SPEC, 7);

        ConfigException e =
                assertThrows(ConfigException.class, () -> train(net, config(4).withResumeFrom(ckpt), null));

        assertTrue(e.getMessage().contains("was trained with a validation set but this run has none"), e.getMessage());
    }

    @Test
    void resumingIntoAnotherNetworkIsRefused() {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), null);
        NetworkSpec wider = NetworkSpec.builder(8)
                .dense(13, "tanh")
                .dense(3, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = Fixtures.CHAINRULE.network(wider, 7);

        ConfigException e =
                assertThrows(ConfigException.class, () -> train(net, config(4).withResumeFrom(ckpt), null));

        assertTrue(
                e.getMessage().startsWith("resume: model file " + ckpt + " holds the network 8 → 12 tanh"),
                e.getMessage());
    }

    @Test
    void aCheckpointWithATruncatedOptimizerStateIsAFormatError() throws Exception {
        Path ckpt = dir.resolve("run.ckpt");
        train(Fixtures.CHAINRULE.network(SPEC, 7), config(2).withCheckpoints(ckpt, 1), null);
        byte[] bytes = Files.readAllBytes(ckpt);
        Files.write(ckpt, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        Network net = Fixtures.CHAINRULE.network(SPEC, 7);

        assertThrows(ModelFormatException.class, () -> train(net, config(4).withResumeFrom(ckpt), null));
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsAndKeepsTheBestWeights() {
        // Twelve samples with random labels: the network memorises them and the validation loss rises.
        Dataset tiny = new Dataset(Fixtures.gaussian(12, 8, 1, 5), Fixtures.oneHot(12, 3, 6));
        Network net = Fixtures.CHAINRULE.network(SPEC, 3);
        List<Matrix> weightsAfter = new ArrayList<>();
        int[] stop = new int[2];
        List<EpochResult> history = Fixtures.CHAINRULE.train(
                net,
                config(300).withEarlyStopping(EarlyStopping.onValidationLoss(4)),
                tiny,
                VALIDATION,
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult r) {
                        weightsAfter.add(net.weights(1));
                    }

                    @Override
                    public void onEarlyStop(int epoch, int bestEpoch) {
                        stop[0] = epoch;
                        stop[1] = bestEpoch;
                    }
                });

        int best = 0;
        for (int e = 1; e < history.size(); e++) {
            best = history.get(e).testLoss() < history.get(best).testLoss() ? e : best;
        }
        assertTrue(history.size() < 300, "stopped early");
        assertEquals(best + 1 + 4, history.size(), "four epochs without improvement after the best");
        assertEquals(history.size(), stop[0]);
        assertEquals(best + 1, stop[1]);
        assertArrayEquals(weightsAfter.get(best).data(), net.weights(1).data(), "the best epoch's weights are kept");
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsAConfigError() {
        Network net = Fixtures.CHAINRULE.network(SPEC, 3);

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> train(net, config(5).withEarlyStopping(EarlyStopping.onValidationLoss(2)), null));

        assertEquals("early stopping: expected a validation set to watch, found none", e.getMessage());
    }

    @Test
    void aResumedRunWithEarlyStoppingMatchesAnUninterruptedOne() {
        Dataset tiny = new Dataset(Fixtures.gaussian(12, 8, 1, 5), Fixtures.oneHot(12, 3, 6));
        TrainingConfig c = config(300).withEarlyStopping(EarlyStopping.onValidationLoss(4));
        Network whole = Fixtures.CHAINRULE.network(SPEC, 3);
        int epochs = Fixtures.CHAINRULE
                .train(whole, c, tiny, VALIDATION, TrainingListener.NONE)
                .size();

        Path ckpt = dir.resolve("es.ckpt");
        Fixtures.CHAINRULE.train(
                Fixtures.CHAINRULE.network(SPEC, 3),
                c.withEpochs(epochs - 2).withCheckpoints(ckpt, 1),
                tiny,
                VALIDATION,
                TrainingListener.NONE);
        Network resumed = Fixtures.CHAINRULE.network(SPEC, 3);
        List<EpochResult> history =
                Fixtures.CHAINRULE.train(resumed, c.withResumeFrom(ckpt), tiny, VALIDATION, TrainingListener.NONE);

        assertEquals(epochs, history.size());
        assertSameParameters(whole, resumed);
    }

    @Test
    void aNaNGradientStopsTrainingNamingEpochStepAndBatchAndLeavesTheLastCheckpointAsItWas() throws Exception {
        Chainrule cr = Fixtures.withActivations(new FaultyActivation("poison", true, 0, Float.NaN));
        // 50 samples in batches of 16: 4 steps per epoch; the 11th step is epoch 3, batch 3.
        NetworkSpec spec = NetworkSpec.builder(8)
                .dense(12, "poison(after=11)")
                .dense(3, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = cr.network(spec, 1);
        Path ckpt = dir.resolve("run.ckpt");
        AtomicReference<byte[]> lastCheckpoint = new AtomicReference<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                if (epoch == 3 && batch == 1) {
                    try {
                        lastCheckpoint.set(Files.readAllBytes(ckpt));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        Matrix before = net.weights(1);

        NumericException e = assertThrows(
                NumericException.class,
                () -> cr.train(net, config(10).withCheckpoints(ckpt, 1), TRAIN, null, listener));

        assertTrue(
                e.getMessage()
                        .startsWith("training diverged: the gradient norm is NaN at epoch 3, step 11, batch 3 of 4"),
                e.getMessage());
        assertArrayEquals(lastCheckpoint.get(), Files.readAllBytes(ckpt), "the epoch-2 checkpoint is untouched");
        for (float w : net.weights(1).data()) {
            assertTrue(Float.isFinite(w), "no NaN reached the weights");
        }
        assertTrue(!java.util.Arrays.equals(before.data(), net.weights(1).data()));
    }

    @Test
    void aSecondConcurrentFitOnTheSameNetworkIsRefused() throws Exception {
        Network net = Fixtures.CHAINRULE.network(SPEC, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(
                () -> Fixtures.CHAINRULE.train(net, config(1), TRAIN, null, new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }),
                "first-trainer");
        first.start();
        inside.await();
        try {
            ConcurrencyException e = assertThrows(ConcurrencyException.class, () -> train(net, config(1), null));

            assertTrue(e.getMessage().contains("already being trained on thread 'first-trainer'"), e.getMessage());
        } finally {
            release.countDown();
            first.join();
        }
        train(net, config(1), null); // free again once the first fit returned
    }
}
