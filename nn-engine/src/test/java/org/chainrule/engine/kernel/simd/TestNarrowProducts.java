package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chainrule.engine.kernel.Uniform;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A·B and Aᵀ·B with C narrower than a vector run with C's rows in vector lanes: the same bits as
 * the blocked kernels, for every count of columns (the 8-, 4-, 2- and 1-column kernels), with rows
 * past the last block of two vectors' lanes, in every geometry (a shape takes the lanes where C is
 * narrower than that geometry's vector).
 */
final class TestNarrowProducts {
    private static final Map<Geometry, Integer> EXERCISED = new ConcurrentHashMap<>();

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
        "33, 16, 14, true",
        "37, 50, 3, true",
        "130, 200, 5, false"
    })
    void lanesProductsAreBitwiseTheBlockedOnes(int m, int k, int n, boolean accumulate) {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        float[] a = Uniform.floats(m * k, 1); // m × k for A·B, k × m for Aᵀ·B
        float[] b = Uniform.floats(k * n, 2);
        float[] start = Uniform.floats(m * n, 3);
        for (BlockedGemm kernels : Geometries.blocked(1)) {
            if (!kernels.takesLanes(m, k, n)) {
                continue;
            }
            EXERCISED.merge(kernels.geometry(), 1, Integer::sum);
            float[] blocked = start.clone();
            float[] lanes = start.clone();
            kernels.gemmBlocked(a, k, 1, b, false, blocked, m, k, n, accumulate, 0, m, 0, n);
            kernels.gemm(a, b, lanes, m, k, n, accumulate);
            assertArrayEquals(blocked, lanes, "A·B, " + kernels.name());

            blocked = start.clone();
            lanes = start.clone();
            kernels.gemmBlocked(a, 1, m, b, false, blocked, m, k, n, accumulate, 0, m, 0, n);
            kernels.gemmTN(a, b, lanes, m, k, n, accumulate);
            assertArrayEquals(blocked, lanes, "Aᵀ·B, " + kernels.name());
        }
    }

    /** Runs after the shapes: each geometry took the lanes path in at least three of them. */
    @AfterAll
    static void everyGeometryTookTheLanesPath() {
        if (!KernelSelection.vectorAvailable()) {
            return;
        }
        for (Geometry g : Geometry.ALL) {
            assertTrue(
                    EXERCISED.getOrDefault(g, 0) >= 3, g + " took the lanes path in " + EXERCISED.get(g) + " shapes");
        }
    }
}
