/**
 * JMH benchmarks of Chainrule on the machine at hand: the three GEMM forms, a training epoch and
 * single-sample inference. Built with the project so it keeps compiling, never shipped; run it
 * with {@code bench/jmh.sh}. Open, because JMH's generated code reaches the benchmark state
 * reflectively.
 */
open module org.chainrule.bench {
    requires org.chainrule.engine;
    requires jmh.core; // automatic module (jmh-core has no module name of its own)
}
