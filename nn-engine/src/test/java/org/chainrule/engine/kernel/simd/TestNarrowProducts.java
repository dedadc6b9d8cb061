package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.engine.bench.Workloads;
import org.chainrule.engine.kernel.KernelSelection;
import org.chainrule.engine.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aᵀ·B with C narrower than a vector runs as the wide product Cᵀ = Bᵀ·A: the same bits as directly. */
final class TestNarrowProducts {
    @ParameterizedTest(name = "{0}×{1}×{2}, accumulate {3}")
    @CsvSource({
        "128, 256, 10, false",
        "128, 256, 10, true",
        "48, 7, 1, false",
        "300, 129, 15, true",
        "1000, 64, 3, false",
        "49, 300, 9, true"
    })
    void narrowTransposedProductIsBitwiseTheDirectOne(int m, int k, int n, boolean accumulate) {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        assumeTrue(n < VectorKernels.NR / 3 && m >= VectorKernels.NR, "the shapes assume the narrow path");
        float[] a = Workloads.uniform(k * m, 1); // stored k × m
        float[] b = Workloads.uniform(k * n, 2);
        float[] direct = Workloads.uniform(m * n, 3);
        float[] viaTranspose = direct.clone();
        VectorKernels.gemmBlocked(a, 1, m, b, false, direct, m, k, n, accumulate, 0, m, 0, n);
        Kernels kernels = VectorKernelsLoader.create(1);
        kernels.gemmTN(a, b, viaTranspose, m, k, n, accumulate);
        assertArrayEquals(direct, viaTranspose);
    }
}
