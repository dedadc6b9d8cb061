package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels that read A in place (element (i, p) at a[a0 + i·ars + p·acs]): the rows left
 * after the packed groups, products of fewer than 8 rows, and the narrow column tails. Each element
 * is the same FMA chain as in {@link PackedTiles512}. Generated per width like {@link
 * VectorKernels512}.
 */
final class InPlaceRows512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /** Four rows of C against one vector of a narrow panel, with masked access to C. */
    static void narrow4(
            float[] a,
            int a0,
            int ars,
            int acs,
            float[] packed,
            int bp0,
            int stride,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc,
            int valid) {
        VectorMask<Float> mask = S.indexInRange(0, valid); // made here, so C2 keeps it in a register
        FloatVector s0, s1, s2, s3;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0, mask);
            s1 = FloatVector.fromArray(S, c, c0 + ldc, mask);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * ldc, mask);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * ldc, mask);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * stride;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, packed, bp, mask); // masked: B may be read in place
            s0 = FloatVector.broadcast(S, a[ap]).fma(b0, s0);
            s1 = FloatVector.broadcast(S, a[ap + ars]).fma(b0, s1);
            s2 = FloatVector.broadcast(S, a[ap + 2 * ars]).fma(b0, s2);
            s3 = FloatVector.broadcast(S, a[ap + 3 * ars]).fma(b0, s3);
        }
        s0.intoArray(c, c0, mask);
        s1.intoArray(c, c0 + ldc, mask);
        s2.intoArray(c, c0 + 2 * ldc, mask);
        s3.intoArray(c, c0 + 3 * ldc, mask);
    }

    /**
     * Four rows of C against a packed chunk of two vectors (row p at packed[bp0 + 2V·p]) of which
     * the second holds {@code valid − V} real columns, with masked access to that vector of C: 8
     * FMA chains where {@link #narrow4} run twice has 4, for a C between one and two vectors wide (a
     * 10-unit output layer with 8 lanes), A read in place with its rows contiguous (element (i, p)
     * at a[a0 + i·ars + p]). Both indexes are linear in one induction variable with constant
     * scales, so C2 hoists every range check: with the strides as parameters it checked all six
     * accesses and multiplied both indexes afresh each step, 40 integer instructions around 8 FMAs.
     */
    static void narrow4x2(
            float[] a,
            int a0,
            int ars,
            float[] packed,
            int bp0,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc,
            int valid) {
        VectorMask<Float> mask = S.indexInRange(V, valid); // made here, so C2 keeps it in a register
        int c1 = c0 + V;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c1, mask);
            s10 = FloatVector.fromArray(S, c, c0 + ldc);
            s11 = FloatVector.fromArray(S, c, c1 + ldc, mask);
            s20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
            s21 = FloatVector.fromArray(S, c, c1 + 2 * ldc, mask);
            s30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
            s31 = FloatVector.fromArray(S, c, c1 + 3 * ldc, mask);
        } else {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = FloatVector.zero(S);
        }
        int bShift = bp0 - 2 * V * a0;
        for (int ap = a0, end = a0 + kc; ap < end; ap++) {
            int bp = bShift + 2 * V * ap;
            FloatVector b0 = FloatVector.fromArray(S, packed, bp);
            FloatVector b1 = FloatVector.fromArray(S, packed, bp + V); // zero padding past valid
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(S, a[ap + ars]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(S, a[ap + 2 * ars]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(S, a[ap + 3 * ars]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c1, mask);
        s10.intoArray(c, c0 + ldc);
        s11.intoArray(c, c1 + ldc, mask);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c1 + 2 * ldc, mask);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c1 + 3 * ldc, mask);
    }

    /** One row of C against one vector of a narrow panel, with masked access to C. */
    static void narrow1(
            float[] a,
            int a0,
            int acs,
            float[] packed,
            int bp0,
            int stride,
            int kc,
            float[] c,
            int c0,
            boolean acc,
            int valid) {
        VectorMask<Float> mask = S.indexInRange(0, valid);
        FloatVector s0 = acc ? FloatVector.fromArray(S, c, c0, mask) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * stride;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            s0 = FloatVector.broadcast(S, a[ap]).fma(FloatVector.fromArray(S, packed, bp, mask), s0);
        }
        s0.intoArray(c, c0, mask);
    }

    /** Three rows of C, A in place, against a panel: {@link #micro4} with 9 accumulators, for 16 registers. */
    static void micro3(
            float[] a,
            int a0,
            int ars,
            int acs,
            float[] panel,
            int bp0,
            int bs,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc) {
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
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * bs;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = FloatVector.broadcast(S, a[ap + ars]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = FloatVector.broadcast(S, a[ap + 2 * ars]);
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

    /** Two rows of C, A in place, against a panel: {@link #micro3} with 6 accumulators. */
    static void micro2(
            float[] a,
            int a0,
            int ars,
            int acs,
            float[] panel,
            int bp0,
            int bs,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc) {
        int c1 = c0 + ldc;
        FloatVector s00, s01, s02, s10, s11, s12;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + V);
            s02 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s10 = FloatVector.fromArray(S, c, c1);
            s11 = FloatVector.fromArray(S, c, c1 + V);
            s12 = FloatVector.fromArray(S, c, c1 + 2 * V);
        } else {
            s00 = s01 = s02 = s10 = s11 = s12 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * bs;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = FloatVector.broadcast(S, a[ap + ars]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + V);
        s02.intoArray(c, c0 + 2 * V);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + V);
        s12.intoArray(c, c1 + 2 * V);
    }

    /** The micro-kernel: a 4 × NR block of C in 12 accumulators, over kc steps of the panel. */
    static void micro4(
            float[] a,
            int a0,
            int ars,
            int acs,
            float[] panel,
            int bp0,
            int bs,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00, s01, s02, s10, s11, s12, s20, s21, s22, s30, s31, s32;
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
            s30 = FloatVector.fromArray(S, c, c3);
            s31 = FloatVector.fromArray(S, c, c3 + V);
            s32 = FloatVector.fromArray(S, c, c3 + 2 * V);
        } else {
            s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 = s32 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * bs;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * V);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = FloatVector.broadcast(S, a[ap + ars]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = FloatVector.broadcast(S, a[ap + 2 * ars]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            x = FloatVector.broadcast(S, a[ap + 3 * ars]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
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
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + V);
        s32.intoArray(c, c3 + 2 * V);
    }

    /**
     * One row of C against two panels (the second {@code second} floats after the first): the
     * same FMA sequence per element as {@link #micro1}, with six independent chains instead of three.
     */
    static void micro1Wide(
            float[] a,
            int a0,
            int acs,
            float[] panel,
            int bp0,
            int second,
            int bs,
            int kc,
            float[] c,
            int c0,
            boolean acc) {
        FloatVector s0, s1, s2, s3, s4, s5;
        int c3 = c0 + GemmDriver512.NR;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + V);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s3 = FloatVector.fromArray(S, c, c3);
            s4 = FloatVector.fromArray(S, c, c3 + V);
            s5 = FloatVector.fromArray(S, c, c3 + 2 * V);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * bs;
            int bq = bp + second;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
            s0 = x.fma(FloatVector.fromArray(S, panel, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, panel, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, panel, bp + 2 * V), s2);
            s3 = x.fma(FloatVector.fromArray(S, panel, bq), s3);
            s4 = x.fma(FloatVector.fromArray(S, panel, bq + V), s4);
            s5 = x.fma(FloatVector.fromArray(S, panel, bq + 2 * V), s5);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + V);
        s2.intoArray(c, c0 + 2 * V);
        s3.intoArray(c, c3);
        s4.intoArray(c, c3 + V);
        s5.intoArray(c, c3 + 2 * V);
    }

    /** One row of C against the panel: the row tail of {@link #micro4}, same summation order. */
    static void micro1(
            float[] a, int a0, int acs, float[] panel, int bp0, int bs, int kc, float[] c, int c0, boolean acc) {
        FloatVector s0, s1, s2;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + V);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * V);
        } else {
            s0 = s1 = s2 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bp = bp0 + p * bs;
            int ap = a0 + p * acs; // one induction variable: C2 hoists the range checks
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s0 = x.fma(FloatVector.fromArray(S, panel, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, panel, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, panel, bp + 2 * V), s2);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + V);
        s2.intoArray(c, c0 + 2 * V);
    }
}
