package org.chainrule.bench.measure;

import java.util.function.IntToDoubleFunction;

/**
 * The ceiling GEMM is compared with: the FMA throughput one thread reaches on registers alone (no
 * memory), with independent chains enough to cover the FMA latency, timed after C2 has compiled
 * them. An FMA counts as two floating-point operations.
 */
public final class FmaPeak {
    private FmaPeak() {}

    /**
     * @param vectorBits the vector width of the kernels compared with it (512, 256, 128), or 0 for
     *     scalar kernels
     * @param millis roughly how long to measure
     * @return GFLOP/s on the calling thread
     */
    public static double gflops(int vectorBits, long millis) {
        if (vectorBits == 0) {
            int iterations = 100_000;
            return bestGflops(FmaPeak::scalarChains, iterations, 2.0 * 8 * iterations, millis);
        }
        int iterations = 20_000;
        return switch (vectorBits) {
            case 512 ->
                bestGflops(VectorFma512::chains, iterations, VectorFma512.FLOPS_PER_ITERATION * iterations, millis);
            case 256 ->
                bestGflops(VectorFma256::chains, iterations, VectorFma256.FLOPS_PER_ITERATION * iterations, millis);
            case 128 ->
                bestGflops(VectorFma128::chains, iterations, VectorFma128.FLOPS_PER_ITERATION * iterations, millis);
            default ->
                throw new IllegalArgumentException("vector bits: expected 512, 256, 128 or 0, found " + vectorBits);
        };
    }

    /**
     * Calls {@code chains} for half of {@code millis} to let C2 compile it, then for the other half
     * timing each call, and returns the best rate.
     */
    private static double bestGflops(IntToDoubleFunction chains, int iterations, double flopsPerCall, long millis) {
        double sink = 0;
        long deadline = System.nanoTime() + millis * 1_000_000 / 2;
        while (System.nanoTime() < deadline) {
            sink += chains.applyAsDouble(iterations); // warm-up
        }
        long best = Long.MAX_VALUE;
        deadline = System.nanoTime() + millis * 1_000_000 / 2;
        while (System.nanoTime() < deadline) {
            long t = System.nanoTime();
            sink += chains.applyAsDouble(iterations);
            best = Math.min(best, System.nanoTime() - t);
        }
        return flopsPerCall / Math.max(1, best) + (sink == 42 ? 1e-9 : 0); // sink keeps the chains alive
    }

    /** Eight independent scalar FMA chains. */
    private static float scalarChains(int iterations) {
        float x = 0.999999f;
        float y = 1e-7f;
        float a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y;
        for (int i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, x, y);
            a1 = Math.fma(a1, x, y);
            a2 = Math.fma(a2, x, y);
            a3 = Math.fma(a3, x, y);
            a4 = Math.fma(a4, x, y);
            a5 = Math.fma(a5, x, y);
            a6 = Math.fma(a6, x, y);
            a7 = Math.fma(a7, x, y);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }
}
