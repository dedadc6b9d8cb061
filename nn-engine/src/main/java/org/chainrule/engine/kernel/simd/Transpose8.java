package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes for packing with 8-lane vectors: 8 × 8 blocks in three rounds, each swapping one bit
 * of the row index with the same bit of the lane index, every output vector a one-source rearrange
 * and a blend (AVX2 has no two-source permute, so the two-vector selections {@link Transpose16}
 * uses cost more there). Shared by the kernels of every width and used only where they have 8
 * lanes. On a Zen 3 a block took 0.34 ns a float, against 0.48 by two-vector selections and
 * 1.35-1.40 element by element in the best loop order; A/B in {@code nn bench}, 3 alternating
 * runs a side: A·Bᵀ 1.03-1.10, A·B 1.01-1.07 (packing Bᵀ for 128×784·(256×784)ᵀ column by column
 * had once cost as much as the product).
 */
final class Transpose8 {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    // Round r pairs rows whose index differs in bit r with lanes whose index differs in bit r: a
    // rearrange moves the partner's lanes over, a blend keeps each row's own.
    private static final VectorShuffle<Float> EVEN_DOWN = shuffle(0, 0, 2, 2, 4, 4, 6, 6);
    private static final VectorShuffle<Float> ODD_UP = shuffle(1, 1, 3, 3, 5, 5, 7, 7);
    private static final VectorShuffle<Float> PAIR_DOWN = shuffle(0, 1, 0, 1, 4, 5, 4, 5);
    private static final VectorShuffle<Float> PAIR_UP = shuffle(2, 3, 2, 3, 6, 7, 6, 7);
    private static final VectorShuffle<Float> HALF_DOWN = shuffle(0, 1, 2, 3, 0, 1, 2, 3);
    private static final VectorShuffle<Float> HALF_UP = shuffle(4, 5, 6, 7, 4, 5, 6, 7);
    private static final VectorMask<Float> ODD = mask(1, 3, 5, 7);
    private static final VectorMask<Float> HIGH_PAIRS = mask(2, 3, 6, 7);
    private static final VectorMask<Float> HIGH_HALF = mask(4, 5, 6, 7);

    private Transpose8() {}

    private static VectorShuffle<Float> shuffle(int... lanes) {
        return VectorShuffle.fromArray(F8, lanes, 0);
    }

    private static VectorMask<Float> mask(int... lanes) {
        boolean[] set = new boolean[8];
        for (int lane : lanes) {
            set[lane] = true;
        }
        return VectorMask.fromArray(F8, set, 0);
    }

    /**
     * out[dst + p·ldd + r] = in[src + r·ld + p] for r < 8 and p below {@code len} rounded down
     * to a multiple of 8: 8 rows read side by side, written as rows of 8. Each block's 8 stores
     * go in ascending p, so with ldd < 8 each store's spare lanes are written over by the next
     * (the caller leaves room after the last).
     *
     * @return the count of p done (a multiple of 8; the caller copies the rest)
     */
    static int blocks(float[] in, int src, int ld, int len, float[] out, int dst, int ldd) {
        int p = 0;
        for (; p + 8 <= len; p += 8) {
            int from = src + p;
            FloatVector r0 = FloatVector.fromArray(F8, in, from);
            FloatVector r1 = FloatVector.fromArray(F8, in, from + ld);
            FloatVector r2 = FloatVector.fromArray(F8, in, from + 2 * ld);
            FloatVector r3 = FloatVector.fromArray(F8, in, from + 3 * ld);
            FloatVector r4 = FloatVector.fromArray(F8, in, from + 4 * ld);
            FloatVector r5 = FloatVector.fromArray(F8, in, from + 5 * ld);
            FloatVector r6 = FloatVector.fromArray(F8, in, from + 6 * ld);
            FloatVector r7 = FloatVector.fromArray(F8, in, from + 7 * ld);
            // round 1, rows 2i and 2i + 1 swap their odd and even lanes' neighbours
            FloatVector s0 = r0.blend(r1.rearrange(EVEN_DOWN), ODD);
            FloatVector s1 = r0.rearrange(ODD_UP).blend(r1, ODD);
            FloatVector s2 = r2.blend(r3.rearrange(EVEN_DOWN), ODD);
            FloatVector s3 = r2.rearrange(ODD_UP).blend(r3, ODD);
            FloatVector s4 = r4.blend(r5.rearrange(EVEN_DOWN), ODD);
            FloatVector s5 = r4.rearrange(ODD_UP).blend(r5, ODD);
            FloatVector s6 = r6.blend(r7.rearrange(EVEN_DOWN), ODD);
            FloatVector s7 = r6.rearrange(ODD_UP).blend(r7, ODD);
            // round 2, rows i and i + 2: pairs of lanes
            FloatVector t0 = s0.blend(s2.rearrange(PAIR_DOWN), HIGH_PAIRS);
            FloatVector t2 = s0.rearrange(PAIR_UP).blend(s2, HIGH_PAIRS);
            FloatVector t1 = s1.blend(s3.rearrange(PAIR_DOWN), HIGH_PAIRS);
            FloatVector t3 = s1.rearrange(PAIR_UP).blend(s3, HIGH_PAIRS);
            FloatVector t4 = s4.blend(s6.rearrange(PAIR_DOWN), HIGH_PAIRS);
            FloatVector t6 = s4.rearrange(PAIR_UP).blend(s6, HIGH_PAIRS);
            FloatVector t5 = s5.blend(s7.rearrange(PAIR_DOWN), HIGH_PAIRS);
            FloatVector t7 = s5.rearrange(PAIR_UP).blend(s7, HIGH_PAIRS);
            // round 3, rows i and i + 4: halves
            int to = dst + p * ldd;
            t0.blend(t4.rearrange(HALF_DOWN), HIGH_HALF).intoArray(out, to);
            t1.blend(t5.rearrange(HALF_DOWN), HIGH_HALF).intoArray(out, to + ldd);
            t2.blend(t6.rearrange(HALF_DOWN), HIGH_HALF).intoArray(out, to + 2 * ldd);
            t3.blend(t7.rearrange(HALF_DOWN), HIGH_HALF).intoArray(out, to + 3 * ldd);
            t0.rearrange(HALF_UP).blend(t4, HIGH_HALF).intoArray(out, to + 4 * ldd);
            t1.rearrange(HALF_UP).blend(t5, HIGH_HALF).intoArray(out, to + 5 * ldd);
            t2.rearrange(HALF_UP).blend(t6, HIGH_HALF).intoArray(out, to + 6 * ldd);
            t3.rearrange(HALF_UP).blend(t7, HIGH_HALF).intoArray(out, to + 7 * ldd);
        }
        return p;
    }
}
