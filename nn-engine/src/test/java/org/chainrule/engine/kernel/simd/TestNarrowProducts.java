package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.engine.bench.Workloads;
import org.chainrule.engine.kernel.KernelSelection;
import org.chainrule.engine.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A·B and Aᵀ·B with C narrower than a vector run with C's rows in vector lanes: the same bits as
 * the blocked kernels, for every count of columns (the 8-, 4-, 2- and 1-column kernels) and with
 * rows past the last 32-row block.
 */
final class TestNarrowProducts {
    @ParameterizedTest(name = "{0}×{1}×{2}, accumulate {3}")
    @CsvSource({
        "128, 256, 10, false",
        "128, 256, 10, true",
        "32, 7, 1, false",
        "300, 129, 15, true",
        "1000, 64, 3, false",
        "49, 300, 9, true",
        "64, 17, 8, false",
        "96, 33, 6, true",
        "40, 785, 2, false",
        "33, 16, 14, true"
    })
    void lanesProductsAreBitwiseTheBlockedOnes(int m, int k, int n, boolean accumulate) {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        assumeTrue(n < VectorKernels.NR / 3, "the shapes assume C narrower than a vector");
        assertTrue(VectorKernels.takesLanes(m, k, n), "the shape must take the lanes path");
        Kernels kernels = VectorKernelsLoader.create(1);
        float[] a = Workloads.uniform(m * k, 1); // m × k for A·B, k × m for Aᵀ·B
        float[] b = Workloads.uniform(k * n, 2);
        float[] start = Workloads.uniform(m * n, 3);

        float[] blocked = start.clone();
        float[] lanes = start.clone();
        VectorKernels.gemmBlocked(a, k, 1, b, false, blocked, m, k, n, accumulate, 0, m, 0, n);
        kernels.gemm(a, b, lanes, m, k, n, accumulate);
        assertArrayEquals(blocked, lanes, "A·B");

        blocked = start.clone();
        lanes = start.clone();
        VectorKernels.gemmBlocked(a, 1, m, b, false, blocked, m, k, n, accumulate, 0, m, 0, n);
        kernels.gemmTN(a, b, lanes, m, k, n, accumulate);
        assertArrayEquals(blocked, lanes, "Aᵀ·B");
    }
}
