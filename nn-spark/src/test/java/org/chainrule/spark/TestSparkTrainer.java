package org.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ChainruleException;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.Params;
import org.chainrule.api.PluginSpec;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Network;
import org.chainrule.engine.PluginRegistry;
import org.chainrule.engine.Plugins;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel training on a local Spark with two executor threads (a task may be tried 3 times). */
class TestSparkTrainer {
    static final Chainrule CR = Chainrule.create();
    static JavaSparkContext sc;

    static final TrainingConfig CONFIG = TrainingConfig.defaults()
            .withEpochs(3)
            .withBatchSize(16)
            .withSeed(7)
            .withOptimizer("adam(lr=0.01)");

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf()
                .setMaster("local[2,3]")
                .setAppName("chainrule-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void onePartitionGivesTheWeightsOfLocalTrainingBitForBit() {
        Dataset data = synthetic(120, 1);
        NetworkSpec spec = spec(5, "12:tanh", "3:softmax");
        Network local = CR.network(spec, 3);
        Network spark = CR.network(spec, 3);
        CR.train(local, CONFIG, data, null, TrainingListener.NONE);

        new SparkTrainer(sc, CR, 2).fit(spark, CONFIG, SparkTrainer.rdd(sc, data, 1), null, TrainingListener.NONE);

        assertArrayEquals(local.parameters(), spark.parameters());
    }

    @Test
    void twoPartitionsGiveTheSameWeightsOnEveryRun() {
        Dataset data = synthetic(150, 2);
        NetworkSpec spec = spec(5, "12:relu", "3:softmax");

        float[] first = train(spec, data, 2, 1);
        float[] second = train(spec, data, 2, 1);

        assertArrayEquals(first, second);
    }

    /** A task that throws on its first attempt mid-training is retried by Spark; the result is an undisturbed run's. */
    @Test
    void aTaskRetriedAfterAFailureGivesTheUndisturbedResult() {
        Dataset data = synthetic(150, 3);
        NetworkSpec spec = spec(5, "12:relu", "3:softmax");
        float[] undisturbed = train(spec, data, 2, 2);

        SparkTrainer.failAt = "2:1:1"; // epoch 2, round 1, partition 1
        float[] retried;
        try {
            retried = train(spec, data, 2, 2);
        } finally {
            SparkTrainer.failAt = null;
        }

        assertArrayEquals(undisturbed, retried);
    }

    /**
     * The digits set, 80/20 stratified, 40 epochs of adam(lr=0.004): two workers averaging every 2
     * steps end within 0.5 points of local training (measured: 98.89 % against 99.16 %, one test
     * sample; with lr=0.002 the gap was two samples, 0.56 points, so this bound is not loose).
     */
    @Test
    void onTheDigitsTwoWorkersReachTheAccuracyOfLocalTrainingWithinHalfAPoint() {
        LabeledData digits = LabeledData.embedded("digits");
        LabeledData[] split = digits.split(0.2, 1, "test");
        Dataset train = Dataset.classification(split[0].x(), split[0].labels(), 10);
        Dataset test = Dataset.classification(split[1].x(), split[1].labels(), 10);
        InputScaling scaling = InputScaling.standardize(train.x());
        train = new Dataset(scaling.apply(train.x()), train.y());
        test = new Dataset(scaling.apply(test.x()), test.y());
        NetworkSpec spec = spec(64, "64:relu", "10:softmax");
        TrainingConfig config = TrainingConfig.defaults()
                .withEpochs(40)
                .withBatchSize(32)
                .withSeed(5)
                .withOptimizer("adam(lr=0.004)");

        Network local = CR.network(spec, 11);
        List<EpochResult> l = CR.train(local, config, train, test, TrainingListener.NONE);
        Network spark = CR.network(spec, 11);
        List<EpochResult> s = new SparkTrainer(sc, CR, 2)
                .fit(spark, config, SparkTrainer.rdd(sc, train, 2), test, TrainingListener.NONE);

        double localAccuracy = l.getLast().testAccuracy();
        double sparkAccuracy = s.getLast().testAccuracy();
        System.out.printf(
                "digits test accuracy: local %.4f, Spark (2 partitions, k = 2) %.4f%n", localAccuracy, sparkAccuracy);
        assertTrue(Math.abs(localAccuracy - sparkAccuracy) <= 0.005, localAccuracy + " vs " + sparkAccuracy);
    }

    /** A third party's plugin on the application's class path resolves in the executors: the run equals local training. */
    @Test
    void aThirdPartyPluginOnTheClassPathTrainsOnTheExecutors() {
        Dataset data = synthetic(90, 7);
        NetworkSpec spec = spec(5, "8:softsign", "3:softmax");
        Network local = CR.network(spec, 2);
        CR.train(local, CONFIG, data, null, TrainingListener.NONE);
        Network spark = CR.network(spec, 2);

        new SparkTrainer(sc, CR, 2).fit(spark, CONFIG, SparkTrainer.rdd(sc, data, 1), null, TrainingListener.NONE);

        assertArrayEquals(local.parameters(), spark.parameters());
    }

    /** A third party's activation the driver has but the executors do not: the project's one-line message. */
    @Test
    void aPluginMissingOnTheExecutorsFailsTheJobWithOneLine() {
        Plugins installed = Plugins.discover();
        List<ActivationProvider> activations =
                new ArrayList<>(installed.activations().all());
        activations.add(new Cube());
        Chainrule driver = Chainrule.create(new Plugins(
                PluginRegistry.of("activation", activations),
                installed.losses(),
                installed.initializers(),
                installed.optimizers()));
        NetworkSpec spec = spec(5, "4:cube", "3:softmax");
        Network net = driver.network(spec, 1);

        ChainruleException e = assertThrows(
                ChainruleException.class,
                () -> new SparkTrainer(sc, driver, 1)
                        .fit(net, CONFIG, SparkTrainer.rdd(sc, synthetic(40, 4), 2), null, TrainingListener.NONE));

        assertTrue(
                e.getMessage().startsWith("layer 1 activation: unknown activation 'cube'; installed: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /**
     * Early stopping on Spark watches as local training does: one partition stops at the same epoch and
     * keeps the same best weights, bit for bit. (Random labels: the validation loss soon only rises.)
     */
    @Test
    void withEarlyStoppingOnePartitionStopsWhereLocalTrainingStopsWithItsWeights() {
        Dataset train = randomLabels(120, 8);
        Dataset validation = randomLabels(60, 9);
        NetworkSpec spec = spec(5, "32:relu", "3:softmax");
        TrainingConfig config = CONFIG.withEpochs(40)
                .withOptimizer("adam(lr=0.03)")
                .withEarlyStopping(org.chainrule.engine.EarlyStopping.onValidationLoss(2));
        Network local = CR.network(spec, 3);
        List<EpochResult> l = CR.train(local, config, train, validation, TrainingListener.NONE);
        Network spark = CR.network(spec, 3);

        List<EpochResult> s = new SparkTrainer(sc, CR, 3)
                .fit(spark, config, SparkTrainer.rdd(sc, train, 1), validation, TrainingListener.NONE);

        assertTrue(l.size() < 40, "local training stopped early: " + l.size() + " epochs");
        assertEquals(l.size(), s.size());
        assertArrayEquals(local.parameters(), spark.parameters());
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsRefusedInOneLine() {
        Network net = CR.network(spec(5, "4:relu", "3:softmax"), 1);
        TrainingConfig config = CONFIG.withEarlyStopping(org.chainrule.engine.EarlyStopping.onValidationLoss(3));

        ChainruleException e = assertThrows(
                ChainruleException.class,
                () -> new SparkTrainer(sc, CR, 1)
                        .fit(net, config, SparkTrainer.rdd(sc, synthetic(40, 4), 2), null, TrainingListener.NONE));

        assertEquals("early stopping: expected a validation set to watch, found none", e.getMessage());
    }

    /** Gaussian features with labels drawn at random: nothing to learn, so early stopping fires. */
    static Dataset randomLabels(int n, long seed) {
        return gaussian(n, seed, true);
    }

    /**
     * A job that fails for good mid-epoch (every attempt of one task throws) leaves the last
     * checkpoint, written mid-epoch; resuming from it ends with the weights and per-epoch losses of
     * an uninterrupted run.
     */
    @Test
    void resumingFromAMidEpochCheckpointEndsAsTheUninterruptedRun(@TempDir Path dir) {
        Dataset data = synthetic(150, 5); // 2 partitions of 75 rows: 5 batches of 16 each, 3 rounds of k = 2
        NetworkSpec spec = spec(5, "12:tanh", "3:softmax");
        Network whole = CR.network(spec, 3);
        List<EpochResult> wholeHistory = new SparkTrainer(sc, CR, 2)
                .fit(whole, CONFIG, SparkTrainer.rdd(sc, data, 2), null, TrainingListener.NONE);

        Path file = dir.resolve("spark.checkpoint.safetensors");
        SparkTrainer.failAt = "2:2:0"; // epoch 2, round 2: after the checkpoint of round 4 (epoch 2, round 1)
        SparkTrainer.failAttempts = Integer.MAX_VALUE;
        try {
            assertThrows(
                    ChainruleException.class,
                    () -> new SparkTrainer(sc, CR, 2)
                            .checkpoints(file, 2)
                            .fit(
                                    CR.network(spec, 3),
                                    CONFIG,
                                    SparkTrainer.rdd(sc, data, 2),
                                    null,
                                    TrainingListener.NONE));
        } finally {
            SparkTrainer.failAt = null;
            SparkTrainer.failAttempts = 1;
        }
        Network resumed = CR.network(spec, 99); // other initial weights: the checkpoint's replace them
        List<EpochResult> resumedHistory = new SparkTrainer(sc, CR, 2)
                .fit(resumed, CONFIG.withResumeFrom(file), SparkTrainer.rdd(sc, data, 2), null, TrainingListener.NONE);

        assertArrayEquals(whole.parameters(), resumed.parameters());
        assertEquals(wholeHistory.size(), resumedHistory.size());
        for (int e = 0; e < wholeHistory.size(); e++) {
            assertEquals(wholeHistory.get(e).trainLoss(), resumedHistory.get(e).trainLoss(), "epoch " + (e + 1));
        }
    }

    @Test
    void aCheckpointOfLocalTrainingIsRefusedSayingWhichTrainerWroteIt(@TempDir Path dir) {
        Dataset data = synthetic(60, 6);
        NetworkSpec spec = spec(5, "4:relu", "3:softmax");
        Path file = dir.resolve("local.safetensors");
        CR.train(CR.network(spec, 1), CONFIG.withCheckpoints(file, 1), data, null, TrainingListener.NONE);

        ChainruleException e = assertThrows(
                ChainruleException.class,
                () -> new SparkTrainer(sc, CR, 1)
                        .fit(
                                CR.network(spec, 1),
                                CONFIG.withResumeFrom(file),
                                SparkTrainer.rdd(sc, data, 2),
                                null,
                                TrainingListener.NONE));

        assertEquals(
                "resume: model file " + file + " was written by local training; resume it with Chainrule.train",
                e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static float[] train(NetworkSpec spec, Dataset data, int partitions, int k) {
        Network net = CR.network(spec, 3);
        new SparkTrainer(sc, CR, k)
                .fit(net, CONFIG, SparkTrainer.rdd(sc, data, partitions), null, TrainingListener.NONE);
        return net.parameters();
    }

    static NetworkSpec spec(int inputs, String... layers) {
        List<LayerSpec> list = new ArrayList<>();
        for (String l : layers) {
            String[] u = l.split(":");
            list.add(new LayerSpec(Integer.parseInt(u[0]), PluginSpec.parse(u[1])));
        }
        return new NetworkSpec(inputs, list, PluginSpec.of("cross_entropy"));
    }

    /** Gaussian features with three classes decided by the first three: learnable. */
    static Dataset synthetic(int n, long seed) {
        return gaussian(n, seed, false);
    }

    private static Dataset gaussian(int n, long seed, boolean randomLabels) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = new Matrix(n, 5);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 5; c++) {
                x.set(i, c, (float) r.nextGaussian());
            }
            labels[i] = randomLabels ? r.nextInt(3) : x.get(i, 0) + x.get(i, 1) > 0 ? (x.get(i, 2) > 0 ? 2 : 1) : 0;
        }
        return Dataset.classification(x, labels, 3);
    }

    /** z³: an activation only the driver has. */
    static final class Cube implements ActivationProvider {
        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String name() {
            return "cube";
        }

        @Override
        public String description() {
            return "z cubed";
        }

        @Override
        public Activation create(Params params) {
            return new org.chainrule.api.ElementwiseActivation() {
                @Override
                protected float apply(float z) {
                    return z * z * z;
                }

                @Override
                protected float derivative(float z, float a) {
                    return 3 * z * z;
                }
            };
        }
    }
}
