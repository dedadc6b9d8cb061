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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fixed cost of a training step: the 2-2-1 tanh/sigmoid network with NLL, one sample per
 * step, an epoch of {@value #SAMPLES} steps per invocation; the score is steps/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TinyTrainingBench {
    static final int SAMPLES = 4096;

    private Chainrule chainrule;
    private Network net;
    private Dataset data;
    private TrainingConfig config;

    @Setup
    public void setUp() {
        chainrule = Chainrule.create();
        net = chainrule.network(Workloads.tiny221(), 1);
        data = Workloads.tinyData(SAMPLES);
        config = Workloads.sgd(1).withEpochs(1);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public List<EpochResult> step() {
        return chainrule.train(net, config, data, null, TrainingListener.NONE);
    }
}
