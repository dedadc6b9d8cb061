package org.chainrule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chainrule.api.Matrix;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.chainrule.engine.bench.Workloads;
import org.chainrule.engine.kernel.KernelSelection;
import org.chainrule.engine.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn bench}: GEMM throughput per form and size against the measured FMA peak, training
 * samples/s of a 784-256-128-10 network, steps/s of a 2-2-1 network and single-sample inference
 * latency. Each figure is the best of several timed rounds after a warm-up, so JIT compilation and
 * brief interference from other processes do not count. Compare figures only with others measured
 * in the same run (the machine is shared); {@code bench/compare-pytorch.sh} does that for PyTorch.
 */
@Command(name = "bench", description = "Measure kernels, training and inference on this machine.", sortOptions = false)
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer sizes and shorter rounds (under 20 s).")
    boolean quick;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--gemm-only", description = "Measure the GEMM kernels only.")
    boolean gemmOnly;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "Threads for large products (default: the number of processors); GEMM is also measured on one.")
    Integer threads;

    /** One GEMM measurement. */
    record Gemm(
            String form,
            int m,
            int k,
            int n,
            double gflops,
            double fractionOfPeak,
            int threads,
            double gflopsThreaded) {}

    /** One training measurement. */
    record Training(String network, int batch, double samplesPerSecond) {}

    /** Everything {@code nn bench} measured. */
    record Report(
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Timing timing = quick ? Timing.QUICK : Timing.FULL;
        if (threads != null) {
            if (threads < 1) {
                throw new org.chainrule.api.ConfigException("--threads: expected at least 1, found " + threads);
            }
        }
        int threadCount = threads != null ? threads : KernelSelection.threads();
        Kernels kernels = KernelSelection.create(Main.kernelKind(), threadCount);
        Kernels single = threadCount == 1 ? kernels : KernelSelection.create(Main.kernelKind(), 1);
        double peak = kernels.fmaPeakGflops(quick ? 300 : 1000);
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
        if (gemmOnly) {
            Report report = new Report(
                    kernels.name(),
                    Runtime.version().toString(),
                    Runtime.getRuntime().availableProcessors(),
                    peak,
                    gemm,
                    List.of(),
                    Double.NaN,
                    Double.NaN);
            print(out, report);
            return 0;
        }
        Chainrule chainrule = Main.chainrule(threadCount);
        List<Training> training = new ArrayList<>();
        // relu at batch 32 and 128 (the workloads), tanh at 128 (the activations' own cost)
        String[] hidden = {"relu", "relu", "tanh"};
        int[] batches = {32, 128, 128};
        for (int w = 0; w < batches.length; w++) {
            training.add(new Training(
                    "784-256-128-10 " + hidden[w] + " softmax cross_entropy sgd",
                    batches[w],
                    trainingSamplesPerSecond(chainrule, hidden[w], batches[w], quick ? 2 : 4)));
        }
        Report report = new Report(
                kernels.name(),
                Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(),
                peak,
                gemm,
                training,
                tinyStepsPerSecond(chainrule, quick ? 1 : 3),
                inferenceMicros(chainrule, timing));
        print(out, report);
        return 0;
    }

    private void print(PrintWriter out, Report report) throws Exception {
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } else {
            printTable(out, report);
        }
    }

    private static void printTable(PrintWriter out, Report r) {
        out.printf("kernels %s, JDK %s, %d processors%n", r.kernels(), r.jvm(), r.processors());
        out.printf("FMA peak on registers, one thread: %.1f GFLOP/s%n%n", r.fmaPeakGflops());
        int threads = r.gemm().isEmpty() ? 1 : r.gemm().getFirst().threads();
        out.printf(
                "%-6s %6s %6s %6s %10s %8s %14s %9s%n",
                "gemm", "m", "k", "n", "GFLOP/s", "of peak", "GFLOP/s, " + threads + " thr", "speed-up");
        for (Gemm g : r.gemm()) {
            out.printf(
                    "%-6s %6d %6d %6d %10.1f %7.0f%% %14.1f %8.2fx%n",
                    g.form(),
                    g.m(),
                    g.k(),
                    g.n(),
                    g.gflops(),
                    100 * g.fractionOfPeak(),
                    g.gflopsThreaded(),
                    g.gflopsThreaded() / g.gflops());
        }
        out.println();
        for (Training t : r.training()) {
            out.printf("training %s, batch %d: %,.0f samples/s%n", t.network(), t.batch(), t.samplesPerSecond());
        }
        if (!Double.isNaN(r.tinyStepsPerSecond())) {
            out.printf("training 2-2-1 tanh sigmoid nll, batch 1: %,.0f steps/s%n", r.tinyStepsPerSecond());
            out.printf("inference 784-256-128-10, one sample: %.1f µs%n", r.inferenceMicros());
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
