package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.Uniform;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Products split across helper threads: bitwise the same on any thread count for every geometry,
 * and how they are cut.
 */
final class TestGemmWorkers {
    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
    }

    /**
     * Large enough to be split, with tails: by rows, and by column panels (24 × 500 and 40 × 1000
     * on two threads); the last three are cut into four units per thread. Every geometry, with its
     * own panel width (12, 24 or 48 columns).
     */
    @ParameterizedTest(name = "{0}×{1}×{2}")
    @CsvSource({
        "24, 800, 500",
        "256, 300, 333",
        "600, 400, 40",
        "97, 900, 130",
        "1000, 500, 17",
        "40, 2000, 1000",
        "420, 400, 410",
        "2000, 300, 120"
    })
    void everyThreadCountGivesBitwiseTheSameProducts(int m, int k, int n) {
        assertTrue((long) m * k * n >= GemmWorkers.MIN_PARALLEL_FMAS, "too small to be split");
        float[] a = Uniform.floats(m * k, 1);
        float[] b = Uniform.floats(k * n, 2);
        float[] c0 = Uniform.floats(m * n, 3);
        for (Geometry geometry : Geometry.ALL) {
            Kernels one = VectorKernelsLoader.create(geometry, 1);
            float[][] expected = {c0.clone(), c0.clone(), c0.clone()};
            one.gemm(a, b, expected[0], m, k, n, true);
            one.gemmTN(a, b, expected[1], m, k, n, true); // a read as k × m
            one.gemmNT(a, b, expected[2], m, k, n, true); // b read as n × k
            for (int threads : new int[] {2, 3}) {
                Kernels many = VectorKernelsLoader.create(geometry, threads);
                float[][] actual = {c0.clone(), c0.clone(), c0.clone()};
                many.gemm(a, b, actual[0], m, k, n, true);
                many.gemmTN(a, b, actual[1], m, k, n, true);
                many.gemmNT(a, b, actual[2], m, k, n, true);
                for (int f = 0; f < 3; f++) {
                    assertArrayEquals(expected[f], actual[f], "form " + f + " on " + threads + " threads, " + geometry);
                }
            }
        }
    }

    @Test
    void theLastUnitTakesTheColumnsPastTheLastWholePanel() {
        assertEquals(160, GemmWorkers.largestUnit(5, 2, 48, 256)); // 96 + (144 + 16)
        assertEquals(64, GemmWorkers.largestUnit(16, 2, 8, 128));
        assertEquals(48 + 26, GemmWorkers.largestUnit(8, 8, 48, 410));
    }

    @Test
    void networkShapesSplitByRowsWhereColumnPanelsWouldBeUneven() {
        for (int nr : new int[] {48, 24}) {
            assertFalse(GemmWorkers.splitsByColumns(128, 256, nr, 8, 2, 1)); // forward 128×784 · 784×256
            assertFalse(GemmWorkers.splitsByColumns(784, 256, nr, 8, 2, 1)); // dW1 = Xᵀ·dZ1
            assertFalse(GemmWorkers.splitsByColumns(128, 128, nr, 8, 2, 1));
        }
    }

    @Test
    void sixRowGroupsSplitTwentyFourRowsEvenlyByRows() {
        assertFalse(GemmWorkers.splitsByColumns(24, 500, 24, 6, 2, 1)); // 12 + 12 rows
        assertFalse(GemmWorkers.splitsByColumns(128, 256, 24, 6, 2, 1)); // 60 + 68 rows against 120 + 136 columns
        assertTrue(GemmWorkers.splitsByColumns(7, 480, 24, 6, 2, 1)); // one group: no split by rows
    }

    @Test
    void fewRowsAndWideProductsSplitByColumns() {
        for (int nr : new int[] {48, 24, 12}) {
            assertTrue(GemmWorkers.splitsByColumns(24, 500, nr, 8, 2, 1)); // rows would split 8 + 16
            assertTrue(GemmWorkers.splitsByColumns(40, 1000, nr, 8, 2, 4));
            assertTrue(GemmWorkers.splitsByColumns(7, 480, nr, 8, 2, 1)); // no whole 8-row group per thread
        }
    }
}
