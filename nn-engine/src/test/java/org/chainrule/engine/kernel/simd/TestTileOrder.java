package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.engine.kernel.Uniform;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked GEMM sweeps full panels by rows (large C) or down each panel (small C): the tiles
 * change order, the bits of C do not, in every geometry.
 */
final class TestTileOrder {
    @ParameterizedTest(name = "{0} {1}×{2}×{3}, accumulate {4}")
    @CsvSource({
        "NN, 136, 300, 150, false",
        "NN, 257, 129, 200, true",
        "TN, 136, 300, 150, true",
        "TN, 203, 64, 97, false",
        "NT, 136, 300, 150, false",
        "NT, 64, 257, 290, true"
    })
    void sweepingByRowsGivesTheBitsOfSweepingByPanels(String form, int m, int k, int n, boolean accumulate) {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        float[] a = Uniform.floats(m * k, 1);
        float[] b = Uniform.floats(k * n, 2);
        float[] start = Uniform.floats(m * n, 3);
        boolean tn = form.equals("TN");
        boolean nt = form.equals("NT");
        int ars = tn ? 1 : k;
        int acs = tn ? m : 1;
        for (BlockedGemm kernels : Geometries.blocked(1)) {
            float[] byPanels = start.clone();
            float[] byRows = start.clone();
            kernels.gemmBlocked(a, ars, acs, b, nt, byPanels, m, k, n, accumulate, 0, m, 0, n, false);
            kernels.gemmBlocked(a, ars, acs, b, nt, byRows, m, k, n, accumulate, 0, m, 0, n, true);
            assertArrayEquals(byPanels, byRows, kernels.name());
        }
    }

    @Test
    void aProductWithCLargerThanTheThresholdSweepsByRowsWithTheSameBits() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        int m = 1030;
        int k = 40;
        int n = 520;
        assertTrue((long) m * n >= BlockedGemm.ROW_SWEEP_MIN_C, "the shape must take the row sweep");
        float[] a = Uniform.floats(m * k, 4);
        float[] b = Uniform.floats(k * n, 5);
        for (BlockedGemm kernels : Geometries.blocked(1)) {
            float[] byPanels = new float[m * n];
            float[] viaKernels = new float[m * n];
            kernels.gemmBlocked(a, k, 1, b, false, byPanels, m, k, n, false, 0, m, 0, n, false);
            kernels.gemm(a, b, viaKernels, m, k, n, false);
            assertArrayEquals(byPanels, viaKernels, kernels.name());
        }
    }
}
