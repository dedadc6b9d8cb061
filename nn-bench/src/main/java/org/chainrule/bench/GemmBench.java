package org.chainrule.bench;

import java.util.concurrent.TimeUnit;
import org.chainrule.bench.measure.Workloads;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * C = A·B, Aᵀ·B and A·Bᵀ (the forward pass, the weight gradient and the back-propagated error) at
 * the sizes of the issue and the 784-256-128-10 network's shapes. Time per product; GFLOP/s is
 * 2·m·k·n / time (bench/jmh.sh prints it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {
    /** m×k×n. */
    @Param({
        "256x256x256",
        "512x512x512",
        "1024x1024x1024",
        "128x784x256",
        "784x128x256",
        "128x256x784",
        "32x784x256",
        "128x256x10"
    })
    public String shape;

    /** NN = A·B, TN = Aᵀ·B, NT = A·Bᵀ. */
    @Param({"NN", "TN", "NT"})
    public String form;

    /** Threads a large product may use. */
    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;
    private int m;
    private int k;
    private int n;

    @Setup
    public void setUp() {
        String[] mkn = shape.split("x");
        m = Integer.parseInt(mkn[0]);
        k = Integer.parseInt(mkn[1]);
        n = Integer.parseInt(mkn[2]);
        kernels = KernelSelection.create(threads);
        a = Workloads.uniform(m * k, 1);
        b = Workloads.uniform(k * n, 2);
        c = new float[m * n];
    }

    @Benchmark
    public float[] gemm() {
        switch (form) {
            case "NN" -> kernels.gemm(a, b, c, m, k, n, false);
            case "TN" -> kernels.gemmTN(a, b, c, m, k, n, false);
            default -> kernels.gemmNT(a, b, c, m, k, n, false);
        }
        return c;
    }
}
