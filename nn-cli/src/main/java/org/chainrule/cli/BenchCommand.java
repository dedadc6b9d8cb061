package org.chainrule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.chainrule.bench.measure.Bench;
import org.chainrule.bench.measure.Bench.Gemm;
import org.chainrule.bench.measure.Bench.Report;
import org.chainrule.bench.measure.Bench.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn bench}: the options of {@link Bench} (module nn-bench, which owns the workloads, the
 * FMA-peak probe and the timing) and its report as a table or JSON. Compare figures only with others
 * measured in the same run (the machine is shared); {@code bench/compare-pytorch.sh} does that for
 * PyTorch.
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

    @Override
    public Integer call() throws Exception {
        int threadCount = threads != null ? threads : Main.threadCount();
        Bench.Options options = new Bench.Options(quick, gemmOnly, Main.kernelKind(), threadCount);
        print(spec.commandLine().getOut(), Bench.run(options, () -> Main.chainrule(threadCount)));
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
}
