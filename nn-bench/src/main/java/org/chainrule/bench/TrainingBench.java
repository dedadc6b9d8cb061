package org.chainrule.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainrule.bench.measure.Workloads;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Training throughput through the public API: one epoch of plain SGD over {@value #SAMPLES} seeded
 * samples per invocation, reported per sample, so the score is samples/s. The 784-256-128-10
 * network at batch 32 and 128 is the comparison with PyTorch (with relu, and with tanh at 128, which
 * adds the activations' e^x and tanh); the 2-2-1 network at batch 1 is the
 * fixed cost of a step (steps/s). Run with {@code -prof gc} to see the allocation per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainingBench {
    static final int SAMPLES = 4096;

    /** Network and samples per step. */
    @Param({"784-256-128-10/32", "784-256-128-10/128", "784-256-128-10-tanh/128", "2-2-1/1"})
    public String workload;

    private Chainrule chainrule;
    private Network net;
    private Dataset data;
    private TrainingConfig config;

    @Setup
    public void setUp() {
        boolean tiny = workload.startsWith("2-2-1/");
        chainrule = Chainrule.create();
        String hidden = workload.contains("-tanh/") ? "tanh" : "relu";
        net = chainrule.network(tiny ? Workloads.tiny221() : Workloads.mlp784(hidden), 1);
        data = tiny ? Workloads.tinyData(SAMPLES) : Workloads.mlp784Data(SAMPLES);
        config = Workloads.sgd(Integer.parseInt(workload.substring(workload.indexOf('/') + 1)))
                .withEpochs(1);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public List<EpochResult> epoch() {
        return chainrule.train(net, config, data, null, TrainingListener.NONE);
    }
}
