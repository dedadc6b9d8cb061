package org.chainrule.engine.kernel;

import java.util.function.IntToDoubleFunction;

/** Times a register-only FMA loop the way both kernel implementations measure their peak. */
public final class PeakTimer {
    private PeakTimer() {}

    /**
     * Calls {@code chains} for half of {@code millis} to let C2 compile it, then for the other half
     * timing each call, and returns the best rate.
     *
     * @param chains runs the FMA chains for the given number of iterations; returns a value that
     *     depends on every chain, so the JIT cannot drop them
     * @param iterations the argument for each call
     * @param flopsPerCall floating-point operations one call performs (an FMA counts two)
     * @return GFLOP/s of the fastest timed call
     */
    public static double bestGflops(IntToDoubleFunction chains, int iterations, double flopsPerCall, long millis) {
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
}
