package org.chainrule.engine.kernel.simd;

import org.chainrule.engine.kernel.Kernels;

/**
 * The only way into this package: its signature mentions no vector type, so calling it from a
 * class that is loaded without {@code jdk.incubator.vector} is safe as long as the call is not made.
 */
public final class VectorKernelsLoader {
    private VectorKernelsLoader() {}

    /**
     * @param threads threads a large product may use, the caller's included (1 = single-threaded)
     * @return the Vector API kernels; call only when {@code jdk.incubator.vector} is readable
     */
    public static Kernels create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, found " + threads);
        }
        return new VectorKernels(threads);
    }
}
