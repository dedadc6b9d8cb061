package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products whose C is narrower than a vector (a 10-unit output layer), with C's rows in the lanes
 * instead of its columns: {@link #narrowByLanes}. Generated per width like {@link VectorKernels512}.
 */
final class Lanes512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /** Rows of C per block of {@link #narrowByLanes}: the lanes of two vectors. */
    static final int LANE_ROWS = 2 * V;

    /**
     * C (+)= A·B for C narrower than a vector (A·B: element (i, p) of A at a[i·ars + p·acs] with
     * acs = 1; Aᵀ·B: ars = 1), its rows in the lanes of two vectors instead of its columns: for
     * each block of 32 rows, A's 32 × k block is laid out k × 32 (Aᵀ·B's stored A already is, at
     * stride m, and is read in place), each B(p, j) is broadcast, and eight, four, two and one
     * columns of C run with all their lanes in use. The row-major kernels would fill 10 of 16
     * lanes of a 10-wide C and pack A for only those 10 columns: 128 × 256 × 10 Aᵀ·B from 59 to
     * 102 GFLOP/s in one A/B run. Each element is the same FMA chain over p = 0..k−1 as in the
     * blocked kernels, so the bits are the same (tested); the rows past the last block are left to
     * them.
     *
     * @param wideTiles whether the CPU has 32 vector registers (eight columns at once) or 16 (four)
     * @return the rows of C done: m rounded down to a multiple of {@link #LANE_ROWS}
     */
    static int narrowByLanes(
            boolean wideTiles, float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        float[][] holder = GemmDriver512.SCRATCH.get();
        if (acs == 1 && holder[3].length < LANE_ROWS * k) {
            holder[3] = new float[LANE_ROWS * k];
        }
        if (holder[2].length < LANE_ROWS * n) {
            holder[2] = new float[LANE_ROWS * n];
        }
        float[] t = holder[2]; // the C block, column j at t[32j]
        float[] packed = holder[3]; // A·B: the A block, k × 32
        int rows = m / LANE_ROWS * LANE_ROWS;
        for (int i = 0; i < rows; i += LANE_ROWS) {
            float[] ab = a;
            int a0 = i;
            int lda = acs;
            if (acs == 1) {
                Packing512.packRowsAsLanes(a, i * ars, ars, k, packed);
                ab = packed;
                a0 = 0;
                lda = LANE_ROWS;
            }
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < LANE_ROWS; r++) {
                    t[j * LANE_ROWS + r] = acc ? c[(i + r) * n + j] : 0f;
                }
            }
            int j = 0;
            if (n - j >= 8 && wideTiles) {
                lanes8(ab, a0, lda, b, j, n, k, t, j * LANE_ROWS);
                j += 8;
            }
            for (; n - j >= 4; j += 4) { // with 16 registers, eight columns as two fours
                lanes4(ab, a0, lda, b, j, n, k, t, j * LANE_ROWS);
            }
            if (n - j >= 2) {
                lanes2(ab, a0, lda, b, j, n, k, t, j * LANE_ROWS);
                j += 2;
            }
            if (n - j >= 1) {
                lanes1(ab, a0, lda, b, j, n, k, t, j * LANE_ROWS);
            }
            for (j = 0; j < n; j++) {
                for (int r = 0; r < LANE_ROWS; r++) {
                    c[(i + r) * n + j] = t[j * LANE_ROWS + r];
                }
            }
        }
        return rows;
    }

    /**
     * Eight columns j0..j0+7 of a 32-row block of C in the lanes of 16 accumulators (t[t0 + 32j +
     * r] in and out), over all k steps: A's 32 rows at a[a0 + p·lda], B(p, j0 + j) at b[b0 + p·n + j].
     */
    private static void lanes8(float[] a, int a0, int lda, float[] b, int b0, int n, int k, float[] t, int t0) {
        FloatVector s00 = FloatVector.fromArray(S, t, t0 + 0 * V);
        FloatVector s01 = FloatVector.fromArray(S, t, t0 + 1 * V);
        FloatVector s10 = FloatVector.fromArray(S, t, t0 + 2 * V);
        FloatVector s11 = FloatVector.fromArray(S, t, t0 + 3 * V);
        FloatVector s20 = FloatVector.fromArray(S, t, t0 + 4 * V);
        FloatVector s21 = FloatVector.fromArray(S, t, t0 + 5 * V);
        FloatVector s30 = FloatVector.fromArray(S, t, t0 + 6 * V);
        FloatVector s31 = FloatVector.fromArray(S, t, t0 + 7 * V);
        FloatVector s40 = FloatVector.fromArray(S, t, t0 + 8 * V);
        FloatVector s41 = FloatVector.fromArray(S, t, t0 + 9 * V);
        FloatVector s50 = FloatVector.fromArray(S, t, t0 + 10 * V);
        FloatVector s51 = FloatVector.fromArray(S, t, t0 + 11 * V);
        FloatVector s60 = FloatVector.fromArray(S, t, t0 + 12 * V);
        FloatVector s61 = FloatVector.fromArray(S, t, t0 + 13 * V);
        FloatVector s70 = FloatVector.fromArray(S, t, t0 + 14 * V);
        FloatVector s71 = FloatVector.fromArray(S, t, t0 + 15 * V);
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * lda;
            int bp = b0 + p * n;
            FloatVector x0 = FloatVector.fromArray(S, a, ap);
            FloatVector x1 = FloatVector.fromArray(S, a, ap + V);
            FloatVector y = FloatVector.broadcast(S, b[bp + 0]);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
            y = FloatVector.broadcast(S, b[bp + 1]);
            s10 = x0.fma(y, s10);
            s11 = x1.fma(y, s11);
            y = FloatVector.broadcast(S, b[bp + 2]);
            s20 = x0.fma(y, s20);
            s21 = x1.fma(y, s21);
            y = FloatVector.broadcast(S, b[bp + 3]);
            s30 = x0.fma(y, s30);
            s31 = x1.fma(y, s31);
            y = FloatVector.broadcast(S, b[bp + 4]);
            s40 = x0.fma(y, s40);
            s41 = x1.fma(y, s41);
            y = FloatVector.broadcast(S, b[bp + 5]);
            s50 = x0.fma(y, s50);
            s51 = x1.fma(y, s51);
            y = FloatVector.broadcast(S, b[bp + 6]);
            s60 = x0.fma(y, s60);
            s61 = x1.fma(y, s61);
            y = FloatVector.broadcast(S, b[bp + 7]);
            s70 = x0.fma(y, s70);
            s71 = x1.fma(y, s71);
        }
        s00.intoArray(t, t0 + 0 * V);
        s01.intoArray(t, t0 + 1 * V);
        s10.intoArray(t, t0 + 2 * V);
        s11.intoArray(t, t0 + 3 * V);
        s20.intoArray(t, t0 + 4 * V);
        s21.intoArray(t, t0 + 5 * V);
        s30.intoArray(t, t0 + 6 * V);
        s31.intoArray(t, t0 + 7 * V);
        s40.intoArray(t, t0 + 8 * V);
        s41.intoArray(t, t0 + 9 * V);
        s50.intoArray(t, t0 + 10 * V);
        s51.intoArray(t, t0 + 11 * V);
        s60.intoArray(t, t0 + 12 * V);
        s61.intoArray(t, t0 + 13 * V);
        s70.intoArray(t, t0 + 14 * V);
        s71.intoArray(t, t0 + 15 * V);
    }

    /** Four columns of a 32-row block: {@link #lanes8} with 8 accumulators. */
    private static void lanes4(float[] a, int a0, int lda, float[] b, int b0, int n, int k, float[] t, int t0) {
        FloatVector s00 = FloatVector.fromArray(S, t, t0 + 0 * V);
        FloatVector s01 = FloatVector.fromArray(S, t, t0 + 1 * V);
        FloatVector s10 = FloatVector.fromArray(S, t, t0 + 2 * V);
        FloatVector s11 = FloatVector.fromArray(S, t, t0 + 3 * V);
        FloatVector s20 = FloatVector.fromArray(S, t, t0 + 4 * V);
        FloatVector s21 = FloatVector.fromArray(S, t, t0 + 5 * V);
        FloatVector s30 = FloatVector.fromArray(S, t, t0 + 6 * V);
        FloatVector s31 = FloatVector.fromArray(S, t, t0 + 7 * V);
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * lda;
            int bp = b0 + p * n;
            FloatVector x0 = FloatVector.fromArray(S, a, ap);
            FloatVector x1 = FloatVector.fromArray(S, a, ap + V);
            FloatVector y = FloatVector.broadcast(S, b[bp + 0]);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
            y = FloatVector.broadcast(S, b[bp + 1]);
            s10 = x0.fma(y, s10);
            s11 = x1.fma(y, s11);
            y = FloatVector.broadcast(S, b[bp + 2]);
            s20 = x0.fma(y, s20);
            s21 = x1.fma(y, s21);
            y = FloatVector.broadcast(S, b[bp + 3]);
            s30 = x0.fma(y, s30);
            s31 = x1.fma(y, s31);
        }
        s00.intoArray(t, t0 + 0 * V);
        s01.intoArray(t, t0 + 1 * V);
        s10.intoArray(t, t0 + 2 * V);
        s11.intoArray(t, t0 + 3 * V);
        s20.intoArray(t, t0 + 4 * V);
        s21.intoArray(t, t0 + 5 * V);
        s30.intoArray(t, t0 + 6 * V);
        s31.intoArray(t, t0 + 7 * V);
    }

    /** Two columns of a 32-row block: {@link #lanes8} with 4 accumulators. */
    private static void lanes2(float[] a, int a0, int lda, float[] b, int b0, int n, int k, float[] t, int t0) {
        FloatVector s00 = FloatVector.fromArray(S, t, t0 + 0 * V);
        FloatVector s01 = FloatVector.fromArray(S, t, t0 + 1 * V);
        FloatVector s10 = FloatVector.fromArray(S, t, t0 + 2 * V);
        FloatVector s11 = FloatVector.fromArray(S, t, t0 + 3 * V);
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * lda;
            int bp = b0 + p * n;
            FloatVector x0 = FloatVector.fromArray(S, a, ap);
            FloatVector x1 = FloatVector.fromArray(S, a, ap + V);
            FloatVector y = FloatVector.broadcast(S, b[bp + 0]);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
            y = FloatVector.broadcast(S, b[bp + 1]);
            s10 = x0.fma(y, s10);
            s11 = x1.fma(y, s11);
        }
        s00.intoArray(t, t0 + 0 * V);
        s01.intoArray(t, t0 + 1 * V);
        s10.intoArray(t, t0 + 2 * V);
        s11.intoArray(t, t0 + 3 * V);
    }

    /** One column of a 32-row block: {@link #lanes8} with 2 accumulators. */
    private static void lanes1(float[] a, int a0, int lda, float[] b, int b0, int n, int k, float[] t, int t0) {
        FloatVector s00 = FloatVector.fromArray(S, t, t0 + 0 * V);
        FloatVector s01 = FloatVector.fromArray(S, t, t0 + 1 * V);
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * lda;
            int bp = b0 + p * n;
            FloatVector x0 = FloatVector.fromArray(S, a, ap);
            FloatVector x1 = FloatVector.fromArray(S, a, ap + V);
            FloatVector y = FloatVector.broadcast(S, b[bp + 0]);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
        }
        s00.intoArray(t, t0 + 0 * V);
        s01.intoArray(t, t0 + 1 * V);
    }
}
