package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training's worker, driven in-process the way nn-spark's driver drives it: load the
 * averaged state, run a slice of the epoch, average. One partition reproduces local training bit
 * for bit; several give the same result on every run.
 */
class TestPartitionTrainer {
    static final NetworkSpec SPEC = new NetworkSpec(
            5,
            List.of(new LayerSpec(12, PluginSpec.of("tanh")), new LayerSpec(3, PluginSpec.of("softmax"))),
            PluginSpec.of("cross_entropy"));
    static final TrainingConfig CONFIG = TrainingConfig.defaults()
            .withEpochs(3)
            .withBatchSize(16)
            .withSeed(7)
            .withOptimizer("adam(lr=0.01, clip_norm=1)");

    @Test
    void onePartitionRunRoundByRoundIsBitwiseLocalTraining() {
        Dataset data = data(100, 1);
        Network local = Fixtures.CHAINRULE.network(SPEC, 3);
        float[] start = local.parameters();
        Fixtures.CHAINRULE.train(local, CONFIG, data, null, TrainingListener.NONE);

        float[] averaged = drive(List.of(data), start, 2);

        assertArrayEquals(local.parameters(), averaged);
    }

    @Test
    void threePartitionsGiveTheSameParametersOnEveryRun() {
        List<Dataset> parts = List.of(data(40, 2), data(35, 3), data(25, 4));
        float[] start = Fixtures.CHAINRULE.network(SPEC, 3).parameters();

        float[] first = drive(parts, start, 1);
        float[] second = drive(parts, start, 1);

        assertArrayEquals(first, second);
    }

    @Test
    void theAverageWeighsEachPartBySamplesAndSkipsPartsThatDidNotTrain() {
        float[] a = {1, 2};
        float[] b = {4, 8};
        float[] idle = {100, 100};

        assertArrayEquals(new float[] {2, 4}, PartitionTrainer.average(List.of(a, b, idle), new int[] {2, 1, 0}));
        assertArrayEquals(
                new float[] {0.1f, 0.3f},
                PartitionTrainer.average(List.of(new float[] {0.1f, 0.3f}, idle), new int[] {7, 0}));
    }

    @Test
    void aSliceOutsideTheEpochIsRefusedNamingThePartition() {
        PartitionTrainer w = Fixtures.CHAINRULE.partitionTrainer(SPEC, CONFIG, data(20, 1), 4);

        ConfigException e = assertThrows(ConfigException.class, () -> w.train(1, 0, 3, 0));

        assertEquals(
                "partition 4: expected epoch ≥ 1 and batches 0 ≤ from ≤ to ≤ 2, found epoch 1, 0..3", e.getMessage());
    }

    /** The driver's loop: every round, each partition runs its next k batches from the averaged state. */
    static float[] drive(List<Dataset> parts, float[] start, int k) {
        List<PartitionTrainer> workers = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            workers.add(Fixtures.CHAINRULE.partitionTrainer(SPEC, CONFIG, parts.get(p), p));
        }
        long[] steps = new long[parts.size()];
        float[] params = start;
        float[] state = null;
        int rounds = 0;
        for (PartitionTrainer w : workers) {
            rounds = Math.max(rounds, (w.batchesPerEpoch() + k - 1) / k);
        }
        for (int epoch = 1; epoch <= CONFIG.epochs(); epoch++) {
            for (int r = 0; r < rounds; r++) {
                List<float[]> ps = new ArrayList<>();
                List<float[]> ss = new ArrayList<>();
                int[] weights = new int[workers.size()];
                for (int p = 0; p < workers.size(); p++) {
                    PartitionTrainer w = workers.get(p);
                    w.load(params, state);
                    int from = Math.min(r * k, w.batchesPerEpoch());
                    int to = Math.min(from + k, w.batchesPerEpoch());
                    PartitionTrainer.Slice s = w.train(epoch, from, to, steps[p]);
                    steps[p] += s.steps();
                    weights[p] = s.samples();
                    ps.add(w.parameters());
                    ss.add(w.optimizerState());
                }
                params = PartitionTrainer.average(ps, weights);
                state = PartitionTrainer.average(ss, weights);
            }
        }
        return params;
    }

    static Dataset data(int n, long seed) {
        Matrix x = Fixtures.gaussian(n, 5, 1, seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = x.get(i, 0) + x.get(i, 1) > 0 ? (x.get(i, 2) > 0 ? 2 : 1) : 0;
        }
        return Dataset.classification(x, labels, 3);
    }
}
