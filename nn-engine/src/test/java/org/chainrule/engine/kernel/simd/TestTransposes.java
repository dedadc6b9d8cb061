package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The packing transposes move every float to where an element-by-element copy puts it, leave the
 * columns past the last whole block to the caller, and write nothing outside their rows.
 */
final class TestTransposes {
    private static final float UNTOUCHED = -1f;

    /** Distinct values: a float out of place shows as a mismatch. */
    private static float[] numbered(int length) {
        float[] in = new float[length];
        for (int i = 0; i < length; i++) {
            in[i] = i + 1;
        }
        return in;
    }

    private static float[] untouched(int length) {
        float[] out = new float[length];
        java.util.Arrays.fill(out, UNTOUCHED);
        return out;
    }

    /**
     * The element copy the transposes must match: out[dst + p·ldd + r] = in[src + r·ld + p] for
     * rows r < rows and p < cols, every other float untouched.
     */
    private static float[] copied(float[] in, int src, int ld, int rows, int cols, int dst, int ldd, int length) {
        float[] expected = untouched(length);
        for (int p = 0; p < cols; p++) {
            for (int r = 0; r < rows; r++) {
                expected[dst + p * ldd + r] = in[src + r * ld + p];
            }
        }
        return expected;
    }

    @Test
    void transpose8WritesEachOfEightRowsAsAColumnOfWhole8By8Blocks() {
        int ld = 37; // rows of 37 floats, starting mid-row
        int src = 3;
        int len = 29; // three whole blocks and 5 columns left to the caller
        int ldd = 11;
        float[] in = numbered(src + 8 * ld);
        float[] out = untouched(len * ldd + 8);
        float[] expected = copied(in, src, ld, 8, 24, 2, ldd, out.length);

        int done = Transpose8.blocks(in, src, ld, len, out, 2, ldd);

        assertEquals(24, done);
        assertArrayEquals(expected, out);
    }

    @Test
    void transpose8IntoSixWideRowsLeavesEachBlocksFirstSixLanesAndTheLastRowsSpareTwo() {
        // packA's 6-row groups: each store's lanes 6 and 7 are written over by the next store
        int ld = 40;
        float[] in = numbered(8 * ld);
        float[] out = untouched(16 * 6 + 2);

        int done = Transpose8.blocks(in, 0, ld, 16, out, 0, 6);

        assertEquals(16, done);
        assertSixRowsAStepAndTheLastStepsSpareTwo(in, ld, 16, out);
    }

    @Test
    void transpose8OfSixRowsReadsOnlyThoseRowsAndLeavesEachStepsSixRowsInOrder() {
        // packA's 6-row groups with 8 lanes: an A of exactly 6 rows, so a read of a 7th would throw
        int ld = 27;
        float[] in = numbered(6 * ld);
        float[] out = untouched(24 * 6 + 2);

        int done = Transpose8.rows6(in, 0, ld, ld, out, 0, 6);

        assertEquals(24, done);
        assertSixRowsAStep(in, 0, ld, 24, out, 0, 6);
    }

    @Test
    void transpose8OfSixRowsWritesEightLanesAStepAndNothingBeyond() {
        int ld = 16;
        int ldd = 10;
        float[] in = numbered(3 + 6 * ld);
        float[] out = untouched(1 + 15 * ldd + 8 + 4);

        Transpose8.rows6(in, 3, ld, 13, out, 1, ldd); // one block: 5 columns left to the caller

        assertSixRowsAStep(in, 3, ld, 8, out, 1, ldd);
        for (int i = 0; i < out.length; i++) {
            int lane = (i - 1) % ldd;
            boolean written = i >= 1 && i < 1 + 8 * ldd && lane < 8;
            if (!written) {
                assertEquals(UNTOUCHED, out[i], "index " + i);
            }
        }
    }

    /** Each step p holds rows 0-5 of column p; rows 6 and 7 of the last step lie just past them. */
    private static void assertSixRowsAStepAndTheLastStepsSpareTwo(float[] in, int ld, int steps, float[] out) {
        assertSixRowsAStep(in, 0, ld, steps, out, 0, 6);
        assertEquals(in[6 * ld + steps - 1], out[steps * 6]);
        assertEquals(in[7 * ld + steps - 1], out[steps * 6 + 1]);
    }

    @Test
    void transpose16PacksSixteenRowsAsColumnsOfAPanel() {
        int k = 50;
        int stride = 48;
        float[] in = numbered(16 * k);
        float[] out = untouched(50 * stride);
        float[] expected = copied(in, 0, k, 16, 48, 5, stride, out.length);

        int done = Transpose16.cols16(in, 0, k, k, out, 5, stride);

        assertEquals(48, done);
        assertArrayEquals(expected, out);
    }

    @Test
    void transpose16InterleavesEightRowsAsPackA() {
        int ars = 70;
        int kc = 40;
        float[] in = numbered(8 * ars);
        float[] out = untouched(8 * kc);
        float[] expected = copied(in, 1, ars, 8, 32, 0, 8, out.length);

        int done = Transpose16.rows8(in, 1, ars, kc, out, 0);

        assertEquals(32, done);
        assertArrayEquals(expected, out);
    }

    /** out[dst + p·ldd + r] = in[src + r·ld + p] for the 6 rows r and the first {@code steps} p. */
    private static void assertSixRowsAStep(float[] in, int src, int ld, int steps, float[] out, int dst, int ldd) {
        for (int p = 0; p < steps; p++) {
            for (int r = 0; r < 6; r++) {
                assertEquals(in[src + r * ld + p], out[dst + p * ldd + r], "p " + p + ", row " + r);
            }
        }
    }

    @Test
    void transpose4WritesEachOfFourRowsAsAColumnOfWhole4By4Blocks() {
        int ld = 23;
        int src = 5;
        int len = 14; // three whole blocks and 2 columns left to the caller
        int ldd = 7;
        float[] in = numbered(src + 4 * ld);
        float[] out = untouched(len * ldd + 4);
        float[] expected = copied(in, src, ld, 4, 12, 3, ldd, out.length);

        int done = Transpose4.blocks(in, src, ld, len, out, 3, ldd);

        assertEquals(12, done);
        assertArrayEquals(expected, out);
    }

    @Test
    void transpose4PacksEightRowsAsColumnsOfAPanel() {
        int k = 30;
        int stride = 12; // a 4-lane panel: three vectors
        float[] in = numbered(8 * k);
        float[] out = untouched(k * stride + 4);
        float[] expected = copied(in, 0, k, 8, 28, 4, stride, out.length);

        int done = Transpose4.rows8(in, 0, k, k, out, 4, stride);

        assertEquals(28, done);
        assertArrayEquals(expected, out);
    }

    @Test
    void transpose4IntoSixWideRowsLeavesEachStepsSixRowsAndTheLastStepsSpareTwo() {
        // packA's 6-row groups: rows 4-7 go first, their lanes 6 and 7 written over by rows 0-3
        int ld = 19;
        float[] in = numbered(8 * ld);
        float[] out = untouched(12 * 6 + 2);

        int done = Transpose4.rows8(in, 0, ld, 12, out, 0, 6);

        assertEquals(12, done);
        assertSixRowsAStepAndTheLastStepsSpareTwo(in, ld, 12, out);
    }
}
