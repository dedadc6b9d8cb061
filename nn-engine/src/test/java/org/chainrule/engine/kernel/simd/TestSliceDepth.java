package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The blocked GEMM splits k into as few slices as KC allows, of one depth, with no short tail. */
final class TestSliceDepth {
    @Test
    void theFirstLayersDepthOf784RunsAsSevenSlicesOf112() {
        assertEquals(112, GemmDriver512.depth(784));
        assertEquals(112, GemmDriver256.depth(784));
        assertEquals(112, GemmDriver128.depth(784));
    }

    @Test
    void everyDepthTakesTheFewestSlicesWithNoneDeeperThanKcAndTheLastNotShort() {
        for (int k = 1; k <= 4096; k++) {
            int depth = GemmDriver512.depth(k);
            int slices = (k + depth - 1) / depth;
            int last = k - (slices - 1) * depth;
            assertTrue(depth <= GemmDriver512.KC, "k " + k + ": depth " + depth);
            assertEquals((k + GemmDriver512.KC - 1) / GemmDriver512.KC, slices, "k " + k + ": slices");
            assertTrue(last > depth - 8 * slices, "k " + k + ": last slice " + last + " of depth " + depth);
        }
    }
}
