package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels on packed row groups of A (element (r, p) of a group at a[a0 + mr·p + r])
 * against packed panels of B: 8-row tiles in 24, 16 or 8 accumulators for 32 registers, 3-row halves
 * of a 6-row group in 9 or 6 for 16, and the 16-row tile of a last partial vector. Generated per
 * width like {@link VectorKernels512}.
 */
final class PackedTiles512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /**
     * Three rows of a packed 6-row group (element (r, p) at a[a0 + 6p + r]) against a full panel:
     * 9 accumulators, the micro-kernel of 16-register CPUs. C2 loads the broadcasts of a step ahead
     * of their FMAs, so a tile of 12 accumulators (4 × 3, or BLIS's Haswell 6 × 2) kept one of them
     * on the stack, its FMA chain then running through a store and a load: 36-40 GFLOP/s on a Zen 3
     * whose FMA peak is 86, where 3 × 3 ran at 74-79 in the same runs (4 × 2: 70-77, 8 × 1: 64-70;
     * with 6 accumulators, 2 × 3: 48-51, too few chains to hide the FMA latency). The early loads
     * come from C2's register-pressure scheduling: with {@code -XX:-OptoRegScheduling} (JVM-wide) a
     * 6 × 2 tile keeps its 12 accumulators and runs at 72-85 alone, but in the GEMM it was 0.91-0.99×
     * this tile (CHANGELOG), so the tiles do not depend on a JVM flag.
     */
    static void micro3x3(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        FloatVector s00, s01, s02, s10, s11, s12, s20, s21, s22;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + V);
            s02 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s10 = FloatVector.fromArray(S, c, c1);
            s11 = FloatVector.fromArray(S, c, c1 + V);
            s12 = FloatVector.fromArray(S, c, c1 + 2 * V);
            s20 = FloatVector.fromArray(S, c, c2);
            s21 = FloatVector.fromArray(S, c, c2 + V);
            s22 = FloatVector.fromArray(S, c, c2 + 2 * V);
        } else {
            s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = FloatVector.zero(S);
        }
        // One induction variable, A's index, stepping by the group's 6 rows, and B's index a linear
        // function of it: C2 still hoists both range checks, and a step is 6 integer instructions
        // besides its 15 vector ones, not 12 (p counting 0..kc, both indexes made from it each step:
        // at 27 instructions a step, the 6-wide dispatch of a Zen 3 was as busy as its FMA units).
        // A/B in nn bench, 3 alternating runs a side: 256-2048 products 0.99-1.11 (mostly 1.03-1.10).
        int bShift = bp0 - (GemmDriver512.NR / 6) * a0;
        for (int ap = a0, end = a0 + 6 * kc; ap < end; ap += 6) {
            int bp = bShift + (GemmDriver512.NR / 6) * ap;
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = FloatVector.broadcast(S, a[ap + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = FloatVector.broadcast(S, a[ap + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + V);
        s02.intoArray(c, c0 + 2 * V);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + V);
        s12.intoArray(c, c1 + 2 * V);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + V);
        s22.intoArray(c, c2 + 2 * V);
    }

    /** Three rows of a packed 6-row group against two vectors: {@link #micro3x3} with 6 accumulators. */
    static void micro3x2(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        FloatVector s00, s01, s10, s11, s20, s21;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + V);
            s10 = FloatVector.fromArray(S, c, c1);
            s11 = FloatVector.fromArray(S, c, c1 + V);
            s20 = FloatVector.fromArray(S, c, c2);
            s21 = FloatVector.fromArray(S, c, c2 + V);
        } else {
            s00 = s01 = s10 = s11 = s20 = s21 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * 2 * V;
            int ap = a0 + 6 * p; // constant strides in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + V);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + V);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + V);
    }

    /** A packed 6-row group against one vector (row p at panel[bp0 + p·V]): 6 accumulators. */
    static void micro6x1(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        FloatVector s0, s1, s2, s3, s4, s5;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + ldc);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
            s4 = FloatVector.fromArray(S, c, c0 + 4 * ldc);
            s5 = FloatVector.fromArray(S, c, c0 + 5 * ldc);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int ap = a0 + 6 * p; // constant strides in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp0 + p * V);
            s0 = FloatVector.broadcast(S, a[ap]).fma(b0, s0);
            s1 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, s1);
            s2 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, s2);
            s3 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, s3);
            s4 = FloatVector.broadcast(S, a[ap + 4]).fma(b0, s4);
            s5 = FloatVector.broadcast(S, a[ap + 5]).fma(b0, s5);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + ldc);
        s2.intoArray(c, c0 + 2 * ldc);
        s3.intoArray(c, c0 + 3 * ldc);
        s4.intoArray(c, c0 + 4 * ldc);
        s5.intoArray(c, c0 + 5 * ldc);
    }

    /**
     * The main micro-kernel: an 8 × NR block of C in 24 accumulators over kc steps of a packed
     * panel of B (row p at panel[bp0 + p·NR]). A comes packed, its 8 rows interleaved: element
     * (r, p) at a[a0 + 8p + r]. Both strides are constants, so C2 hoists every range check.
     */
    static void micro8(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        FloatVector s00,
                s01,
                s02,
                s10,
                s11,
                s12,
                s20,
                s21,
                s22,
                s30,
                s31,
                s32,
                s40,
                s41,
                s42,
                s50,
                s51,
                s52,
                s60,
                s61,
                s62,
                s70,
                s71,
                s72;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + 1 * V);
            s02 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s10 = FloatVector.fromArray(S, c, c0 + 1 * ldc);
            s11 = FloatVector.fromArray(S, c, c0 + 1 * ldc + 1 * V);
            s12 = FloatVector.fromArray(S, c, c0 + 1 * ldc + 2 * V);
            s20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
            s21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + 1 * V);
            s22 = FloatVector.fromArray(S, c, c0 + 2 * ldc + 2 * V);
            s30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
            s31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + 1 * V);
            s32 = FloatVector.fromArray(S, c, c0 + 3 * ldc + 2 * V);
            s40 = FloatVector.fromArray(S, c, c0 + 4 * ldc);
            s41 = FloatVector.fromArray(S, c, c0 + 4 * ldc + 1 * V);
            s42 = FloatVector.fromArray(S, c, c0 + 4 * ldc + 2 * V);
            s50 = FloatVector.fromArray(S, c, c0 + 5 * ldc);
            s51 = FloatVector.fromArray(S, c, c0 + 5 * ldc + 1 * V);
            s52 = FloatVector.fromArray(S, c, c0 + 5 * ldc + 2 * V);
            s60 = FloatVector.fromArray(S, c, c0 + 6 * ldc);
            s61 = FloatVector.fromArray(S, c, c0 + 6 * ldc + 1 * V);
            s62 = FloatVector.fromArray(S, c, c0 + 6 * ldc + 2 * V);
            s70 = FloatVector.fromArray(S, c, c0 + 7 * ldc);
            s71 = FloatVector.fromArray(S, c, c0 + 7 * ldc + 1 * V);
            s72 = FloatVector.fromArray(S, c, c0 + 7 * ldc + 2 * V);
        } else {
            s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 =
                    s32 = s40 = s41 = s42 = s50 = s51 = s52 = s60 = s61 = s62 = s70 = s71 = s72 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * GemmDriver512.NR;
            int ap = a0 + 8 * p; // constant strides in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + 1 * V);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = FloatVector.broadcast(S, a[ap + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = FloatVector.broadcast(S, a[ap + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            x = FloatVector.broadcast(S, a[ap + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
            x = FloatVector.broadcast(S, a[ap + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            s42 = x.fma(b2, s42);
            x = FloatVector.broadcast(S, a[ap + 5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            s52 = x.fma(b2, s52);
            x = FloatVector.broadcast(S, a[ap + 6]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            s62 = x.fma(b2, s62);
            x = FloatVector.broadcast(S, a[ap + 7]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
            s72 = x.fma(b2, s72);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + 1 * V);
        s02.intoArray(c, c0 + 2 * V);
        s10.intoArray(c, c0 + 1 * ldc);
        s11.intoArray(c, c0 + 1 * ldc + 1 * V);
        s12.intoArray(c, c0 + 1 * ldc + 2 * V);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c0 + 2 * ldc + 1 * V);
        s22.intoArray(c, c0 + 2 * ldc + 2 * V);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c0 + 3 * ldc + 1 * V);
        s32.intoArray(c, c0 + 3 * ldc + 2 * V);
        s40.intoArray(c, c0 + 4 * ldc);
        s41.intoArray(c, c0 + 4 * ldc + 1 * V);
        s42.intoArray(c, c0 + 4 * ldc + 2 * V);
        s50.intoArray(c, c0 + 5 * ldc);
        s51.intoArray(c, c0 + 5 * ldc + 1 * V);
        s52.intoArray(c, c0 + 5 * ldc + 2 * V);
        s60.intoArray(c, c0 + 6 * ldc);
        s61.intoArray(c, c0 + 6 * ldc + 1 * V);
        s62.intoArray(c, c0 + 6 * ldc + 2 * V);
        s70.intoArray(c, c0 + 7 * ldc);
        s71.intoArray(c, c0 + 7 * ldc + 1 * V);
        s72.intoArray(c, c0 + 7 * ldc + 2 * V);
    }

    /**
     * Eight rows of C against two vectors of a panel: {@link #micro8} with 16 accumulators, for
     * column tails of two full vectors (n = 128 leaves 32 columns after two panels).
     */
    static void micro8x2(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51, s60, s61, s70, s71;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + 1 * V);
            s10 = FloatVector.fromArray(S, c, c0 + 1 * ldc);
            s11 = FloatVector.fromArray(S, c, c0 + 1 * ldc + 1 * V);
            s20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
            s21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + 1 * V);
            s30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
            s31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + 1 * V);
            s40 = FloatVector.fromArray(S, c, c0 + 4 * ldc);
            s41 = FloatVector.fromArray(S, c, c0 + 4 * ldc + 1 * V);
            s50 = FloatVector.fromArray(S, c, c0 + 5 * ldc);
            s51 = FloatVector.fromArray(S, c, c0 + 5 * ldc + 1 * V);
            s60 = FloatVector.fromArray(S, c, c0 + 6 * ldc);
            s61 = FloatVector.fromArray(S, c, c0 + 6 * ldc + 1 * V);
            s70 = FloatVector.fromArray(S, c, c0 + 7 * ldc);
            s71 = FloatVector.fromArray(S, c, c0 + 7 * ldc + 1 * V);
        } else {
            s00 = s01 = s10 =
                    s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = s60 = s61 = s70 = s71 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * 2 * V;
            int ap = a0 + 8 * p; // constant strides in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + 1 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(S, a[ap + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(S, a[ap + 5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(S, a[ap + 6]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(S, a[ap + 7]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + 1 * V);
        s10.intoArray(c, c0 + 1 * ldc);
        s11.intoArray(c, c0 + 1 * ldc + 1 * V);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c0 + 2 * ldc + 1 * V);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c0 + 3 * ldc + 1 * V);
        s40.intoArray(c, c0 + 4 * ldc);
        s41.intoArray(c, c0 + 4 * ldc + 1 * V);
        s50.intoArray(c, c0 + 5 * ldc);
        s51.intoArray(c, c0 + 5 * ldc + 1 * V);
        s60.intoArray(c, c0 + 6 * ldc);
        s61.intoArray(c, c0 + 6 * ldc + 1 * V);
        s70.intoArray(c, c0 + 7 * ldc);
        s71.intoArray(c, c0 + 7 * ldc + 1 * V);
    }

    /**
     * Eight rows of C against one vector of a panel: {@link #micro8} with 8 accumulators, for a
     * column tail of one full vector (n = 256 leaves 16 columns after five panels).
     */
    static void micro8x1(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        FloatVector s00, s10, s20, s30, s40, s50, s60, s70;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s10 = FloatVector.fromArray(S, c, c0 + 1 * ldc);
            s20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
            s30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
            s40 = FloatVector.fromArray(S, c, c0 + 4 * ldc);
            s50 = FloatVector.fromArray(S, c, c0 + 5 * ldc);
            s60 = FloatVector.fromArray(S, c, c0 + 6 * ldc);
            s70 = FloatVector.fromArray(S, c, c0 + 7 * ldc);
        } else {
            s00 = s10 = s20 = s30 = s40 = s50 = s60 = s70 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * V;
            int ap = a0 + 8 * p; // constant strides in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            x = FloatVector.broadcast(S, a[ap + 1]);
            s10 = x.fma(b0, s10);
            x = FloatVector.broadcast(S, a[ap + 2]);
            s20 = x.fma(b0, s20);
            x = FloatVector.broadcast(S, a[ap + 3]);
            s30 = x.fma(b0, s30);
            x = FloatVector.broadcast(S, a[ap + 4]);
            s40 = x.fma(b0, s40);
            x = FloatVector.broadcast(S, a[ap + 5]);
            s50 = x.fma(b0, s50);
            x = FloatVector.broadcast(S, a[ap + 6]);
            s60 = x.fma(b0, s60);
            x = FloatVector.broadcast(S, a[ap + 7]);
            s70 = x.fma(b0, s70);
        }
        s00.intoArray(c, c0);
        s10.intoArray(c, c0 + 1 * ldc);
        s20.intoArray(c, c0 + 2 * ldc);
        s30.intoArray(c, c0 + 3 * ldc);
        s40.intoArray(c, c0 + 4 * ldc);
        s50.intoArray(c, c0 + 5 * ldc);
        s60.intoArray(c, c0 + 6 * ldc);
        s70.intoArray(c, c0 + 7 * ldc);
    }

    /**
     * Sixteen rows of C, held in a 16 × V tile, against one vector of a narrow panel (row p at
     * packed[bp0 + p·V]): two groups of A packed and interleaved as for {@link #micro8}, from
     * a0 and a1. Sixteen FMA chains per load of B instead of eight: Aᵀ·B with 10 columns went
     * from 37 to 41-43 GFLOP/s in one A/B run (A·B and A·Bᵀ unchanged); such an Aᵀ·B with 48 rows
     * or more now runs as its wide transpose instead ({@link #gemmTN}).
     */
    static void narrow16(float[] a, int a0, int a1, float[] packed, int bp0, int kc, float[] tile) {
        FloatVector s0 = FloatVector.fromArray(S, tile, 0 * V);
        FloatVector s1 = FloatVector.fromArray(S, tile, 1 * V);
        FloatVector s2 = FloatVector.fromArray(S, tile, 2 * V);
        FloatVector s3 = FloatVector.fromArray(S, tile, 3 * V);
        FloatVector s4 = FloatVector.fromArray(S, tile, 4 * V);
        FloatVector s5 = FloatVector.fromArray(S, tile, 5 * V);
        FloatVector s6 = FloatVector.fromArray(S, tile, 6 * V);
        FloatVector s7 = FloatVector.fromArray(S, tile, 7 * V);
        FloatVector s8 = FloatVector.fromArray(S, tile, 8 * V);
        FloatVector s9 = FloatVector.fromArray(S, tile, 9 * V);
        FloatVector s10 = FloatVector.fromArray(S, tile, 10 * V);
        FloatVector s11 = FloatVector.fromArray(S, tile, 11 * V);
        FloatVector s12 = FloatVector.fromArray(S, tile, 12 * V);
        FloatVector s13 = FloatVector.fromArray(S, tile, 13 * V);
        FloatVector s14 = FloatVector.fromArray(S, tile, 14 * V);
        FloatVector s15 = FloatVector.fromArray(S, tile, 15 * V);
        for (int p = 0; p < kc; p++) {
            int ap = a0 + 8 * p;
            int aq = a1 + 8 * p;
            FloatVector b0 = FloatVector.fromArray(S, packed, bp0 + p * V);
            s0 = FloatVector.broadcast(S, a[ap]).fma(b0, s0);
            s1 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, s1);
            s2 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, s2);
            s3 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, s3);
            s4 = FloatVector.broadcast(S, a[ap + 4]).fma(b0, s4);
            s5 = FloatVector.broadcast(S, a[ap + 5]).fma(b0, s5);
            s6 = FloatVector.broadcast(S, a[ap + 6]).fma(b0, s6);
            s7 = FloatVector.broadcast(S, a[ap + 7]).fma(b0, s7);
            s8 = FloatVector.broadcast(S, a[aq]).fma(b0, s8);
            s9 = FloatVector.broadcast(S, a[aq + 1]).fma(b0, s9);
            s10 = FloatVector.broadcast(S, a[aq + 2]).fma(b0, s10);
            s11 = FloatVector.broadcast(S, a[aq + 3]).fma(b0, s11);
            s12 = FloatVector.broadcast(S, a[aq + 4]).fma(b0, s12);
            s13 = FloatVector.broadcast(S, a[aq + 5]).fma(b0, s13);
            s14 = FloatVector.broadcast(S, a[aq + 6]).fma(b0, s14);
            s15 = FloatVector.broadcast(S, a[aq + 7]).fma(b0, s15);
        }
        s0.intoArray(tile, 0 * V);
        s1.intoArray(tile, 1 * V);
        s2.intoArray(tile, 2 * V);
        s3.intoArray(tile, 3 * V);
        s4.intoArray(tile, 4 * V);
        s5.intoArray(tile, 5 * V);
        s6.intoArray(tile, 6 * V);
        s7.intoArray(tile, 7 * V);
        s8.intoArray(tile, 8 * V);
        s9.intoArray(tile, 9 * V);
        s10.intoArray(tile, 10 * V);
        s11.intoArray(tile, 11 * V);
        s12.intoArray(tile, 12 * V);
        s13.intoArray(tile, 13 * V);
        s14.intoArray(tile, 14 * V);
        s15.intoArray(tile, 15 * V);
    }
}
