/**
 * What {@code nn bench} and the JMH benchmarks measure on the machine at hand: the workloads (the
 * networks and data, defined once), the FMA-peak probe and the timed rounds ({@code
 * org.chainrule.bench.measure}, which the {@code nn} command calls), and the JMH benchmarks of the
 * three GEMM forms, a training epoch and single-sample inference ({@code org.chainrule.bench}, run
 * with {@code bench/jmh.sh}). Shipped with the command, not as a library. Open, because JMH's
 * generated code reaches the benchmark state reflectively.
 */
open module org.chainrule.bench {
    requires org.chainrule.engine;
    requires static jmh.core; // automatic module; only the JMH benchmarks need it, not `nn bench`
    requires static jdk.incubator.vector; // the FMA probe of vector widths; scalar kernels without it

    exports org.chainrule.bench.measure;
}
