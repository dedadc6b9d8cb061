package org.chainrule.bench;

import java.util.concurrent.TimeUnit;
import org.chainrule.api.Matrix;
import org.chainrule.bench.measure.Workloads;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Latency of one prediction of the 784-256-128-10 network, as an embedding application makes it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InferenceBench {
    private Model model;
    private float[] sample;
    private Matrix batchOfOne;

    @Setup
    public void setUp() {
        Chainrule chainrule = Chainrule.create();
        model = chainrule.model(chainrule.network(Workloads.mlp784(), 1));
        sample = Workloads.uniform(784, 5);
        batchOfOne = Matrix.wrap(1, 784, sample);
    }

    /** Through the thread-safe {@code Model} facade, from a {@code float[]}. */
    @Benchmark
    public float[] predictSample() {
        return model.predict(sample);
    }

    /** Through the facade, from a one-row matrix. */
    @Benchmark
    public Matrix predictMatrix() {
        return model.predict(batchOfOne);
    }
}
