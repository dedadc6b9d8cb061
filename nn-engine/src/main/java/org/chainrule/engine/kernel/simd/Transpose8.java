package org.chainrule.engine.kernel.simd;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes for packing with 8-lane vectors: 8 × 8 blocks in three rounds, each swapping one bit
 * of the row index with the same bit of the lane index. Round 1 moves single floats as halves of
 * 64-bit lanes (a shift and a blend); rounds 2 and 3 swap pairs and halves by a one-source
 * rearrange and a blend (AVX2 has no two-source permute, so the two-vector selections {@link
 * Transpose16} uses cost more there). The rearranges of a round share one shuffle that swaps its
 * two partners' lanes, so the loop keeps 5 constants in registers, not 9: with 9, C2 spilled on
 * AVX2's 16 registers. Shared by the kernels of every width and used only where they have 8 lanes.
 * On a Zen 3, an 8 × 8 block takes 0.39-0.41 ns a float against 0.47-0.49 with a shuffle per
 * direction and round (1.35-1.40 element by element), and {@link #rows6} 0.21-0.29 against
 * 0.36-0.49 for an 8 × 8 block into 6-wide rows (microbenchmark, best of 600 rounds, same run);
 * in a JFR profile of {@code nn train} on Fashion-MNIST at batch 128 the transposes went from 5.0 %
 * to 3.5 % of the samples.
 */
final class Transpose8 {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    // Rounds 2 and 3: a rearrange swaps the partner's pairs (halves) of lanes over, a blend keeps
    // each row's own.
    private static final VectorShuffle<Float> SWAP_PAIRS = shuffle(2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP_HALVES = shuffle(4, 5, 6, 7, 0, 1, 2, 3);
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
            // round 1, rows 2i and 2i + 1: [r0, r1, r2, r3 ...] even lanes then odd lanes, each
            // partner's floats shifted half a 64-bit lane into place. (Written out here rather than
            // in helper methods: C2 compiled a helper on its own and then did not inline it, and its
            // blends ran boxed, allocating.)
            FloatVector s0 = r0.blend(r1.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s1 = r0.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r1, ODD);
            FloatVector s2 = r2.blend(r3.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s3 = r2.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r3, ODD);
            FloatVector s4 = r4.blend(r5.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s5 = r4.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r5, ODD);
            FloatVector s6 = r6.blend(r7.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s7 = r6.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r7, ODD);
            // round 2, rows i and i + 2: pairs of lanes
            FloatVector t0 = s0.blend(s2.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t2 = s0.rearrange(SWAP_PAIRS).blend(s2, HIGH_PAIRS);
            FloatVector t1 = s1.blend(s3.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t3 = s1.rearrange(SWAP_PAIRS).blend(s3, HIGH_PAIRS);
            FloatVector t4 = s4.blend(s6.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t6 = s4.rearrange(SWAP_PAIRS).blend(s6, HIGH_PAIRS);
            FloatVector t5 = s5.blend(s7.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t7 = s5.rearrange(SWAP_PAIRS).blend(s7, HIGH_PAIRS);
            // round 3, rows i and i + 4: halves
            int to = dst + p * ldd;
            t0.blend(t4.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to);
            t1.blend(t5.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + ldd);
            t2.blend(t6.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + 2 * ldd);
            t3.blend(t7.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + 3 * ldd);
            t0.rearrange(SWAP_HALVES).blend(t4, HIGH_HALF).intoArray(out, to + 4 * ldd);
            t1.rearrange(SWAP_HALVES).blend(t5, HIGH_HALF).intoArray(out, to + 5 * ldd);
            t2.rearrange(SWAP_HALVES).blend(t6, HIGH_HALF).intoArray(out, to + 6 * ldd);
            t3.rearrange(SWAP_HALVES).blend(t7, HIGH_HALF).intoArray(out, to + 7 * ldd);
        }
        return p;
    }

    /**
     * out[dst + p·ldd + r] = in[src + r·ld + p] for the 6 rows r < 6 and p below {@code len}
     * rounded down to a multiple of 8, as {@link #blocks} but reading 6 rows: packA's 6-row groups
     * (16 registers). Each store writes 8 lanes, the last 2 unspecified, and they go in ascending p:
     * with ldd = 6 each store's spare lanes are written over by the next, and the last store's 2
     * lie past the block (the caller leaves room and writes them later). Rows 6 and 7 of the 8 × 8
     * transpose are never read, and the pairs and halves made only of them are skipped: 38
     * rearranges and blends a block instead of 48.
     *
     * @return the count of p done (a multiple of 8; the caller copies the rest)
     */
    static int rows6(float[] in, int src, int ld, int len, float[] out, int dst, int ldd) {
        int p = 0;
        for (; p + 8 <= len; p += 8) {
            int from = src + p;
            FloatVector r0 = FloatVector.fromArray(F8, in, from);
            FloatVector r1 = FloatVector.fromArray(F8, in, from + ld);
            FloatVector r2 = FloatVector.fromArray(F8, in, from + 2 * ld);
            FloatVector r3 = FloatVector.fromArray(F8, in, from + 3 * ld);
            FloatVector r4 = FloatVector.fromArray(F8, in, from + 4 * ld);
            FloatVector r5 = FloatVector.fromArray(F8, in, from + 5 * ld);
            FloatVector s0 = r0.blend(r1.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s1 = r0.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r1, ODD);
            FloatVector s2 = r2.blend(r3.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s3 = r2.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r3, ODD);
            FloatVector s4 = r4.blend(r5.reinterpretAsLongs().lanewise(LSHL, 32).reinterpretAsFloats(), ODD);
            FloatVector s5 = r4.reinterpretAsLongs()
                    .lanewise(LSHR, 32)
                    .reinterpretAsFloats()
                    .blend(r5, ODD);
            FloatVector t0 = s0.blend(s2.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t2 = s0.rearrange(SWAP_PAIRS).blend(s2, HIGH_PAIRS);
            FloatVector t1 = s1.blend(s3.rearrange(SWAP_PAIRS), HIGH_PAIRS);
            FloatVector t3 = s1.rearrange(SWAP_PAIRS).blend(s3, HIGH_PAIRS);
            // rows 4 and 5 alone: their low pairs are s4 and s5 as they are, the high ones moved down
            FloatVector t6 = s4.rearrange(SWAP_PAIRS);
            FloatVector t7 = s5.rearrange(SWAP_PAIRS);
            int to = dst + p * ldd;
            t0.blend(s4.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to);
            t1.blend(s5.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + ldd);
            t2.blend(t6.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + 2 * ldd);
            t3.blend(t7.rearrange(SWAP_HALVES), HIGH_HALF).intoArray(out, to + 3 * ldd);
            t0.rearrange(SWAP_HALVES).blend(s4, HIGH_HALF).intoArray(out, to + 4 * ldd);
            t1.rearrange(SWAP_HALVES).blend(s5, HIGH_HALF).intoArray(out, to + 5 * ldd);
            t2.rearrange(SWAP_HALVES).blend(t6, HIGH_HALF).intoArray(out, to + 6 * ldd);
            t3.rearrange(SWAP_HALVES).blend(t7, HIGH_HALF).intoArray(out, to + 7 * ldd);
        }
        return p;
    }
}
