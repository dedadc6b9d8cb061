package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One row of A against a row-major B (single-sample inference), streaming B row after row: {@link
 * #gemv}. Generated per width like {@link VectorKernels512}.
 */
final class Gemv512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /**
     * c[c0 + j] (+)= Σ_p a[a0 + p·acs] · b[p·n + j] for j in [j0, j1): one row of A against a
     * row-major B. Up to sixteen vectors of C stay in registers while the whole of k passes, so B
     * is read front to back, row after row (the prefetchers follow), and sixteen FMA chains hide
     * the latency. Each element of C is the same chain of FMAs over p = 0..k−1 as in the blocked
     * kernels, so a single row gives bitwise the result of the same row in a batch.
     */
    static void gemv(
            boolean wideTiles,
            float[] a,
            int a0,
            int acs,
            float[] b,
            float[] c,
            int c0,
            int k,
            int n,
            int j0,
            int j1,
            boolean acc) {
        int j = j0;
        if (wideTiles) {
            for (; j + 16 * V <= j1; j += 16 * V) {
                gemv16(a, a0, acs, b, j, n, k, c, c0 + j, acc);
            }
        }
        for (; !wideTiles && j + 8 * V <= j1; j += 8 * V) {
            gemv8(a, a0, acs, b, j, n, k, c, c0 + j, acc);
        }
        for (; j + 4 * V <= j1; j += 4 * V) {
            gemv4(a, a0, acs, b, j, n, k, c, c0 + j, acc);
        }
        for (; j < j1; j += V) {
            InPlaceRows512.narrow1(a, a0, acs, b, j, n, k, c, c0 + j, acc, Math.min(V, j1 - j));
        }
    }

    private static void gemv4(
            float[] a, int a0, int acs, float[] b, int bp0, int n, int k, float[] c, int c0, boolean acc) {
        FloatVector s0, s1, s2, s3;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + V);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * V);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bp = bp0 + p * n;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
            s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * V), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * V), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + V);
        s2.intoArray(c, c0 + 2 * V);
        s3.intoArray(c, c0 + 3 * V);
    }

    /** {@link #gemv16} with 8 accumulators, for 16 registers. */
    private static void gemv8(
            float[] a, int a0, int acs, float[] b, int bp0, int n, int k, float[] c, int c0, boolean acc) {
        FloatVector s0, s1, s2, s3, s4, s5, s6, s7;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + V);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * V);
            s4 = FloatVector.fromArray(S, c, c0 + 4 * V);
            s5 = FloatVector.fromArray(S, c, c0 + 5 * V);
            s6 = FloatVector.fromArray(S, c, c0 + 6 * V);
            s7 = FloatVector.fromArray(S, c, c0 + 7 * V);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bp = bp0 + p * n;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
            s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * V), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * V), s3);
            s4 = x.fma(FloatVector.fromArray(S, b, bp + 4 * V), s4);
            s5 = x.fma(FloatVector.fromArray(S, b, bp + 5 * V), s5);
            s6 = x.fma(FloatVector.fromArray(S, b, bp + 6 * V), s6);
            s7 = x.fma(FloatVector.fromArray(S, b, bp + 7 * V), s7);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + V);
        s2.intoArray(c, c0 + 2 * V);
        s3.intoArray(c, c0 + 3 * V);
        s4.intoArray(c, c0 + 4 * V);
        s5.intoArray(c, c0 + 5 * V);
        s6.intoArray(c, c0 + 6 * V);
        s7.intoArray(c, c0 + 7 * V);
    }

    private static void gemv16(
            float[] a, int a0, int acs, float[] b, int bp0, int n, int k, float[] c, int c0, boolean acc) {
        FloatVector s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + V);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * V);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * V);
            s4 = FloatVector.fromArray(S, c, c0 + 4 * V);
            s5 = FloatVector.fromArray(S, c, c0 + 5 * V);
            s6 = FloatVector.fromArray(S, c, c0 + 6 * V);
            s7 = FloatVector.fromArray(S, c, c0 + 7 * V);
            s8 = FloatVector.fromArray(S, c, c0 + 8 * V);
            s9 = FloatVector.fromArray(S, c, c0 + 9 * V);
            s10 = FloatVector.fromArray(S, c, c0 + 10 * V);
            s11 = FloatVector.fromArray(S, c, c0 + 11 * V);
            s12 = FloatVector.fromArray(S, c, c0 + 12 * V);
            s13 = FloatVector.fromArray(S, c, c0 + 13 * V);
            s14 = FloatVector.fromArray(S, c, c0 + 14 * V);
            s15 = FloatVector.fromArray(S, c, c0 + 15 * V);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = s8 = s9 = s10 = s11 = s12 = s13 = s14 = s15 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bp = bp0 + p * n;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
            s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * V), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * V), s3);
            s4 = x.fma(FloatVector.fromArray(S, b, bp + 4 * V), s4);
            s5 = x.fma(FloatVector.fromArray(S, b, bp + 5 * V), s5);
            s6 = x.fma(FloatVector.fromArray(S, b, bp + 6 * V), s6);
            s7 = x.fma(FloatVector.fromArray(S, b, bp + 7 * V), s7);
            s8 = x.fma(FloatVector.fromArray(S, b, bp + 8 * V), s8);
            s9 = x.fma(FloatVector.fromArray(S, b, bp + 9 * V), s9);
            s10 = x.fma(FloatVector.fromArray(S, b, bp + 10 * V), s10);
            s11 = x.fma(FloatVector.fromArray(S, b, bp + 11 * V), s11);
            s12 = x.fma(FloatVector.fromArray(S, b, bp + 12 * V), s12);
            s13 = x.fma(FloatVector.fromArray(S, b, bp + 13 * V), s13);
            s14 = x.fma(FloatVector.fromArray(S, b, bp + 14 * V), s14);
            s15 = x.fma(FloatVector.fromArray(S, b, bp + 15 * V), s15);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + V);
        s2.intoArray(c, c0 + 2 * V);
        s3.intoArray(c, c0 + 3 * V);
        s4.intoArray(c, c0 + 4 * V);
        s5.intoArray(c, c0 + 5 * V);
        s6.intoArray(c, c0 + 6 * V);
        s7.intoArray(c, c0 + 7 * V);
        s8.intoArray(c, c0 + 8 * V);
        s9.intoArray(c, c0 + 9 * V);
        s10.intoArray(c, c0 + 10 * V);
        s11.intoArray(c, c0 + 11 * V);
        s12.intoArray(c, c0 + 12 * V);
        s13.intoArray(c, c0 + 13 * V);
        s14.intoArray(c, c0 + 14 * V);
        s15.intoArray(c, c0 + 15 * V);
    }
}
