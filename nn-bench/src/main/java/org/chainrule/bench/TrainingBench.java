package org.chainrule.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.chainrule.engine.bench.Workloads;
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
 * samples per invocation, reported per sample (so the score is samples/s): the 784-256-128-10
 * network at batch 32 and 128, the comparison with PyTorch. Run with {@code -prof gc} to see the
 * allocation per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainingBench {
    static final int SAMPLES = 4096;

    /** Samples per step. */
    @Param({"32", "128"})
    public int batch;

    private Chainrule chainrule;
    private Network mlp;
    private Dataset data;
    private TrainingConfig config;

    @Setup
    public void setUp() {
        chainrule = Chainrule.create();
        mlp = chainrule.network(Workloads.mlp784(), 1);
        data = Workloads.mlp784Data(SAMPLES);
        config = Workloads.sgd(batch).withEpochs(1);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public List<EpochResult> mlp784() {
        return chainrule.train(mlp, config, data, null, TrainingListener.NONE);
    }
}
