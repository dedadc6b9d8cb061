package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes for packing with 4-lane vectors (NEON, SSE, or {@code --kernels vector128}): 4 × 4
 * blocks in two rounds, each swapping one bit of the row index with the same bit of the lane
 * index, every output vector a one-source rearrange and a blend, as {@link Transpose8} does with 8
 * lanes. Shared by the kernels of every width and used only where they have 4 lanes; without it
 * their packing of A for A·B and of B for A·Bᵀ went element by element.
 */
final class Transpose4 {
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorShuffle<Float> EVEN_DOWN = VectorShuffle.fromValues(F4, 0, 0, 2, 2);
    private static final VectorShuffle<Float> ODD_UP = VectorShuffle.fromValues(F4, 1, 1, 3, 3);
    private static final VectorShuffle<Float> PAIR_DOWN = VectorShuffle.fromValues(F4, 0, 1, 0, 1);
    private static final VectorShuffle<Float> PAIR_UP = VectorShuffle.fromValues(F4, 2, 3, 2, 3);
    private static final VectorMask<Float> ODD = VectorMask.fromValues(F4, false, true, false, true);
    private static final VectorMask<Float> HIGH_PAIR = VectorMask.fromValues(F4, false, false, true, true);

    private Transpose4() {}

    /**
     * out[dst + p·ldd + r] = in[src + r·ld + p] for r < 4 and p below {@code len} rounded down to a
     * multiple of 4: 4 rows read side by side, written as rows of 4 ({@code ldd} ≥ 4).
     *
     * @return the count of p done (a multiple of 4; the caller copies the rest)
     */
    static int blocks(float[] in, int src, int ld, int len, float[] out, int dst, int ldd) {
        int p = 0;
        for (; p + 4 <= len; p += 4) {
            int from = src + p;
            FloatVector r0 = FloatVector.fromArray(F4, in, from);
            FloatVector r1 = FloatVector.fromArray(F4, in, from + ld);
            FloatVector r2 = FloatVector.fromArray(F4, in, from + 2 * ld);
            FloatVector r3 = FloatVector.fromArray(F4, in, from + 3 * ld);
            // round 1, rows 2i and 2i + 1 swap their odd and even lanes' neighbours
            FloatVector s0 = r0.blend(r1.rearrange(EVEN_DOWN), ODD);
            FloatVector s1 = r0.rearrange(ODD_UP).blend(r1, ODD);
            FloatVector s2 = r2.blend(r3.rearrange(EVEN_DOWN), ODD);
            FloatVector s3 = r2.rearrange(ODD_UP).blend(r3, ODD);
            // round 2, rows i and i + 2: pairs of lanes
            int to = dst + p * ldd;
            s0.blend(s2.rearrange(PAIR_DOWN), HIGH_PAIR).intoArray(out, to);
            s1.blend(s3.rearrange(PAIR_DOWN), HIGH_PAIR).intoArray(out, to + ldd);
            s0.rearrange(PAIR_UP).blend(s2, HIGH_PAIR).intoArray(out, to + 2 * ldd);
            s1.rearrange(PAIR_UP).blend(s3, HIGH_PAIR).intoArray(out, to + 3 * ldd);
        }
        return p;
    }

    /**
     * {@link #blocks} for 8 rows, as {@code Transpose8.blocks}: out[dst + p·ldd + r] for r < 8, rows
     * 4-7 first, then rows 0-3. With ldd = 6 (packA's 6-row groups) a store of rows 4-7 puts its
     * last two lanes in the next p's first two, which the pass of rows 0-3 then writes; the last
     * p's land past the block (the caller leaves room and writes them after).
     *
     * @return the count of p done (a multiple of 4; the caller copies the rest)
     */
    static int rows8(float[] in, int src, int ld, int len, float[] out, int dst, int ldd) {
        blocks(in, src + 4 * ld, ld, len, out, dst + 4, ldd);
        return blocks(in, src, ld, len, out, dst, ldd);
    }
}
