package org.chainrule.bench.measure;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.select.KernelSelection;

/**
 * What {@code nn bench} measures: GEMM throughput per form and size against the FMA peak, on one
 * thread and on several, training samples/s of a 784-256-128-10 network, steps/s of a 2-2-1
 * network and single-sample inference latency. Each figure is the best of several timed rounds
 * after a warm-up, so JIT compilation and brief interference from other processes do not count.
 * Compare figures only with others measured in the same run (the machine is shared).
 */
public final class Bench {
    private Bench() {}

    /**
     * What to measure.
     *
     * @param quick fewer sizes and shorter rounds (under 20 s)
     * @param gemmOnly the GEMM kernels only
     * @param kernels the kind of kernels: {@code auto}, {@code vector512}, {@code vector256}, {@code
     *     vector128} or {@code scalar}
     * @param threads threads for large products (GEMM is also measured on one)
     */
    public record Options(boolean quick, boolean gemmOnly, String kernels, int threads) {
        /** @throws ConfigException if the kind is unknown or the thread count below 1 */
        public Options {
            KernelSelection.requireKind(kernels, "kernels");
            if (threads < 1) {
                throw new ConfigException("--threads: expected at least 1, found " + threads);
            }
        }
    }

    /** One GEMM measurement: GFLOP/s on one thread and on {@code threads}. */
    public record Gemm(
            String form,
            int m,
            int k,
            int n,
            double gflops,
            double fractionOfPeak,
            int threads,
            double gflopsThreaded) {}

    /** One training measurement. */
    public record Training(String network, int batch, double samplesPerSecond) {}

    /** Everything measured, with the kernels' name (their geometry) and the JVM. */
    public record Report(
            String kernels,
            String jvm,
            int processors,
            double fmaPeakGflops,
            List<Gemm> gemm,
            List<Training> training,
            double tinyStepsPerSecond,
            double inferenceMicros) {}

    private static final int[][] SHAPES_QUICK = {
        {256, 256, 256}, {512, 512, 512}, {128, 784, 256}, {784, 128, 256}, {128, 256, 784}
    };
    private static final int[][] SHAPES_FULL = {
        {256, 256, 256},
        {512, 512, 512},
        {1024, 1024, 1024},
        {2048, 2048, 2048},
        {128, 784, 256},
        {784, 128, 256},
        {128, 256, 784},
        {32, 784, 256},
        {128, 256, 10}
    };

    /**
     * Runs the measurements.
     *
     * @param engines makes the engine the training and inference figures use (with the same kernels
     *     and threads as {@code options}), called after the GEMM figures (making it compiles much
     *     code, which would compete with the kernels' warm-up); not called with {@link Options#gemmOnly}
     * @return the figures
     */
    public static Report run(Options options, java.util.function.Supplier<Chainrule> engines) {
        boolean quick = options.quick();
        Timing timing = quick ? Timing.QUICK : Timing.FULL;
        int threadCount = options.threads();
        try (Kernels kernels = KernelSelection.create(options.kernels(), threadCount);
                Kernels single = KernelSelection.create(options.kernels(), 1)) {
            double peak = FmaPeak.gflops(kernels.vectorBits(), quick ? 300 : 1000);
            warmUp(single, quick ? 600 : 2000);
            if (threadCount > 1) {
                warmUp(kernels, quick ? 300 : 1000);
            }
            List<Gemm> gemm = new ArrayList<>();
            for (int[] s : quick ? SHAPES_QUICK : SHAPES_FULL) {
                for (String form : List.of("NN", "TN", "NT")) {
                    Kernels[] measured = threadCount > 1 ? new Kernels[] {single, kernels} : new Kernels[] {single};
                    double[] gflops = gemmGflops(measured, form, s[0], s[1], s[2], timing);
                    double g = gflops[0];
                    double gn = gflops[gflops.length - 1];
                    gemm.add(new Gemm(form, s[0], s[1], s[2], g, g / peak, threadCount, gn));
                }
            }
            String jvm = Runtime.version().toString();
            int processors = Runtime.getRuntime().availableProcessors();
            if (options.gemmOnly()) {
                return new Report(kernels.name(), jvm, processors, peak, gemm, List.of(), Double.NaN, Double.NaN);
            }
            Chainrule engine = engines.get();
            List<Training> training = new ArrayList<>();
            // relu at batch 32 and 128 (the workloads), tanh at 128 (the activations' own cost)
            String[] hidden = {"relu", "relu", "tanh"};
            int[] batches = {32, 128, 128};
            for (int w = 0; w < batches.length; w++) {
                training.add(new Training(
                        "784-256-128-10 " + hidden[w] + " softmax cross_entropy sgd",
                        batches[w],
                        trainingSamplesPerSecond(engine, hidden[w], batches[w], quick ? 2 : 4)));
            }
            return new Report(
                    kernels.name(),
                    jvm,
                    processors,
                    peak,
                    gemm,
                    training,
                    tinyStepsPerSecond(engine, quick ? 1 : 3),
                    inferenceMicros(engine, timing));
        }
    }

    /** Runs every GEMM form on a few shapes so the JIT has compiled all kernel paths before timing. */
    private static void warmUp(Kernels k, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        // Blocked (with every tail kind), few-row and one-row (GEMV: 16 and 4 vectors) paths.
        int[][] shapes = {{256, 256, 256}, {128, 256, 10}, {64, 64, 80}, {3, 256, 100}, {1, 784, 256}, {1, 256, 128}};
        while (System.nanoTime() < end) {
            for (int[] s : shapes) {
                float[] a = new float[s[0] * s[1]];
                float[] b = new float[s[1] * s[2]];
                float[] c = new float[s[0] * s[2]];
                k.gemm(a, b, c, s[0], s[1], s[2], false);
                k.gemmTN(a, b, c, s[0], s[1], s[2], true);
                k.gemmNT(a, b, c, s[0], s[1], s[2], false);
            }
        }
    }

    /**
     * GFLOP/s of one product with each of the given kernels, their timed rounds alternating (see
     * {@link #bestSecondsPerCall(Runnable[], Timing)}).
     */
    private static double[] gemmGflops(Kernels[] kernels, String form, int m, int kk, int n, Timing timing) {
        float[] a = Workloads.uniform(m * kk, 1);
        float[] b = Workloads.uniform(kk * n, 2);
        float[] c = new float[m * n];
        Runnable[] ops = new Runnable[kernels.length];
        for (int i = 0; i < kernels.length; i++) {
            ops[i] = product(kernels[i], form, a, b, c, m, kk, n);
        }
        double[] seconds = bestSecondsPerCall(ops, timing);
        double[] gflops = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            gflops[i] = 2.0 * m * kk * n / seconds[i] / 1e9;
        }
        return gflops;
    }

    private static Runnable product(Kernels k, String form, float[] a, float[] b, float[] c, int m, int kk, int n) {
        return switch (form) {
            case "NN" -> () -> k.gemm(a, b, c, m, kk, n, false);
            case "TN" -> () -> k.gemmTN(a, b, c, m, kk, n, false);
            case "NT" -> () -> k.gemmNT(a, b, c, m, kk, n, false);
            default -> throw new IllegalArgumentException(form);
        };
    }

    /**
     * How long each measurement runs: a warm-up of at least {@code warmMillis} (and two rounds),
     * then five timed rounds of about {@code roundMillis}. The full run warms each measurement up
     * for half a second: on two busy cores C2 can take that long to (re)compile a kernel; the
     * quick one relies on {@link #warmUp} having compiled every kernel path first.
     */
    record Timing(long roundMillis, long warmMillis) {
        static final Timing FULL = new Timing(250, 500);
        static final Timing QUICK = new Timing(40, 120);
    }

    /**
     * Best time per call over five rounds (see {@link Timing}); the calls per round are set from
     * the speed after the warm-up, which lets the JIT compile (and, after a deoptimisation,
     * recompile) the code.
     */
    static double bestSecondsPerCall(Runnable op, Timing timing) {
        return bestSecondsPerCall(new Runnable[] {op}, timing)[0];
    }

    /**
     * Best time per call of each operation, their timed rounds alternating (round r of every
     * operation, then round r + 1), so a burst of load from another process costs each of them a
     * round rather than costing one of them all its rounds: the ratio of two (one thread against
     * several) stays comparable.
     */
    static double[] bestSecondsPerCall(Runnable[] ops, Timing timing) {
        long roundMillis = timing.roundMillis();
        long[] calls = new long[ops.length];
        for (int o = 0; o < ops.length; o++) {
            Runnable op = ops[o];
            long warmEnd = System.nanoTime() + Math.max(2 * roundMillis, timing.warmMillis()) * 1_000_000;
            long warmCalls = 0;
            while (System.nanoTime() < warmEnd || warmCalls < 3) {
                op.run();
                warmCalls++;
            }
            long t0 = System.nanoTime();
            op.run();
            op.run();
            calls[o] = Math.max(1, roundMillis * 1_000_000 / Math.max(1, (System.nanoTime() - t0) / 2));
        }
        double[] best = new double[ops.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < 5; r++) {
            for (int o = 0; o < ops.length; o++) {
                long t = System.nanoTime();
                for (int i = 0; i < calls[o]; i++) {
                    ops[o].run();
                }
                best[o] = Math.min(best[o], (System.nanoTime() - t) / 1e9 / calls[o]);
            }
        }
        return best;
    }

    private static double trainingSamplesPerSecond(Chainrule cr, String hidden, int batch, int epochs) {
        Network net = cr.network(Workloads.mlp784(hidden), 1);
        return bestSamplesPerSecond(cr, net, Workloads.mlp784Data(8192), batch, 1, epochs);
    }

    /**
     * Trains with plain SGD for {@code warmUp} untimed epochs, then {@code epochs} timed ones.
     *
     * @return samples per second of the fastest timed epoch (one step per sample at batch 1)
     */
    private static double bestSamplesPerSecond(
            Chainrule cr, Network net, Dataset data, int batch, int warmUp, int epochs) {
        TrainingConfig config = Workloads.sgd(batch);
        cr.train(net, config.withEpochs(warmUp), data, null, TrainingListener.NONE);
        double best = 0;
        for (EpochResult r : cr.train(net, config.withEpochs(epochs), data, null, TrainingListener.NONE)) {
            best = Math.max(best, data.size() / r.seconds());
        }
        return best;
    }

    private static double tinyStepsPerSecond(Chainrule cr, int epochs) {
        Network net = cr.network(Workloads.tiny221(), 1);
        return bestSamplesPerSecond(cr, net, Workloads.tinyData(20_000), 1, 2, epochs);
    }

    private static double inferenceMicros(Chainrule cr, Timing timing) {
        Network net = cr.network(Workloads.mlp784(), 1);
        Matrix x = Matrix.wrap(1, 784, Workloads.uniform(784, 5));
        // The prediction path (Pass buffers, activations, GEMV) is not in warmUp: half a second always.
        Timing warm = new Timing(timing.roundMillis(), Math.max(timing.warmMillis(), Timing.FULL.warmMillis()));
        return 1e6 * bestSecondsPerCall(() -> net.predict(x), warm);
    }
}
