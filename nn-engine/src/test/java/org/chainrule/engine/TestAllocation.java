package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.HotSpotDiagnosticMXBean;
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
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return {@code bytes} rounded up to this JVM's object alignment */
    private static long roundUp(long bytes) {
        long alignment = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("ObjectAlignmentInBytes")
                .getValue());
        return (bytes + alignment - 1) / alignment * alignment;
    }

    /** @return the bytes the kernels' helper threads have allocated so far */
    private static long allocatedByHelpers(long[] helpers) {
        return Arrays.stream(THREADS.getThreadAllocatedBytes(helpers)).sum();
    }

    @Test
    void trainingStepsAllocateNothingInSteadyState() {
        // 512 × 512 products at batch 32 (8.4 M FMAs) are split across the kernels' helper
        // threads; the narrower layers run every activation with a vectorised e^x or tanh.
        NetworkSpec spec = NetworkSpec.builder(20)
                .dense(512, "relu")
                .dense(512, "tanh")
                .dense(64, "sigmoid")
                .dense(64, "elu")
                .dense(64, "swish")
                .dense(64, "softplus")
                .dense(64, "gelu(approximate=tanh)")
                .dense(64, "gelu")
                .dense(5, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 1);
        Dataset data = Dataset.classification(Fixtures.gaussian(100, 20, 1, 2), new int[100], 5);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(32).withOptimizer("adam(clip_norm=1)");
        long before = allocated();
        long probe = allocated() - before; // what reading the counter costs
        long[] perEpoch = new long[3];
        long helperBytes = 0;
        for (int round = 0; round < 40; round++) {
            Fixtures.CHAINRULE.train(net, config.withEpochs(50), data, null, TrainingListener.NONE);
            long[] helpers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("chainrule-gemm-"))
                    .mapToLong(Thread::threadId)
                    .toArray();
            long helpersBefore = allocatedByHelpers(helpers);
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
            helperBytes = allocatedByHelpers(helpers) - helpersBefore;
            // Each epoch makes one EpochResult (48 bytes) and its shuffle generator (72 bytes), each
            // rounded up to the JVM's object alignment (these tests run with 64); its 4 training
            // steps must add nothing (4 × the smallest object would exceed the allowance), and the
            // helper threads' share of the products nothing at all.
            long allowance = Math.max(128, roundUp(48) + roundUp(72));
            if (perEpoch[1] <= allowance && perEpoch[2] <= allowance && helperBytes == 0) {
                return;
            }
        }
        fail("bytes allocated per epoch of 4 steps after warm-up: " + Arrays.toString(perEpoch)
                + ", by the helper threads in 3 epochs: " + helperBytes);
    }

    @Test
    void aSecondTrainingRunReusesTheBatchBuffers() {
        // 784 inputs at batch 64: the batch of inputs alone is 200 KB, the per-run rest a few KB
        NetworkSpec spec = NetworkSpec.builder(784)
                .dense(16, "relu")
                .dense(3, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 1);
        Dataset data = Dataset.classification(Fixtures.gaussian(200, 784, 1, 2), new int[200], 3);
        TrainingConfig config =
                TrainingConfig.defaults().withBatchSize(64).withOptimizer("sgd").withEpochs(1);
        long perRun = Long.MAX_VALUE;
        // Kernels allocate until C2 has compiled them (the Vector API boxes in the interpreter and
        // C1); with 4 short steps per run that took 250-500 runs in a fresh JVM, so allow 3000.
        for (int round = 0; round < 3000 && perRun > 64 * 1024; round++) {
            long before = allocated();
            Fixtures.CHAINRULE.train(net, config, data, null, TrainingListener.NONE);
            perRun = allocated() - before;
        }
        if (perRun > 64 * 1024) {
            fail("bytes allocated by one training run of 4 steps: " + perRun);
        }
    }
}
