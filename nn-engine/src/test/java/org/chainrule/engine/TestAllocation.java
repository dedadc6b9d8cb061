package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates nothing once its buffers exist and the JIT has compiled it. Measured
 * with the JVM's per-thread allocation counter (bytes, not time), so load does not change the
 * result; only how long the warm-up takes, which is why the test keeps warming up (up to a bound)
 * until the kernels are compiled: before that, Vector API operations box their lanes into arrays.
 */
final class TestAllocation {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void trainingStepsAllocateNothingInSteadyState() {
        // 300 × 300 layers at batch 16 and 32: big enough for the kernels' helper threads.
        NetworkSpec spec = NetworkSpec.builder(20)
                .dense(300, "relu")
                .dense(300, "gelu")
                .dense(5, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 1);
        Dataset data = Dataset.classification(Fixtures.gaussian(100, 20, 1, 2), new int[100], 5);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(32).withOptimizer("adam(clip_norm=1)");
        long before = allocated();
        long probe = allocated() - before; // what reading the counter costs
        long[] perEpoch = new long[3];
        for (int round = 0; round < 40; round++) {
            Fixtures.CHAINRULE.train(net, config.withEpochs(50), data, null, TrainingListener.NONE);
            Fixtures.CHAINRULE.train(net, config.withEpochs(3), data, null, new TrainingListener() {
                long last = allocated();
                int epoch;

                @Override
                public void onEpoch(EpochResult r) {
                    long now = allocated();
                    perEpoch[epoch++] = now - last - probe;
                    last = now;
                }
            });
            // Each epoch makes one EpochResult (48 bytes) and its shuffle generator (72 bytes); its 4
            // training steps must add nothing (4 × the smallest object, 16 bytes, would exceed 128).
            if (perEpoch[1] <= 128 && perEpoch[2] <= 128) {
                return;
            }
        }
        fail("bytes allocated per epoch of 4 steps after warm-up: " + Arrays.toString(perEpoch));
    }
}
