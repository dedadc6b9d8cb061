package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes for packing with 16-lane vectors, by two-vector selections (one permute each on
 * AVX-512). The floats travel as their int bits and the selections are int vectors: with float
 * index vectors, C2 converted and range-checked every index inside the loop, and a 32 × 256
 * block took twice as long (8.5-9.3 against 4.0-4.9 µs).
 */
final class Transpose16 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    private static final IntVector T0 = indexes(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    private static final IntVector T1 = indexes(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
    private static final IntVector T2 = indexes(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
    private static final IntVector T3 = indexes(4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
    private static final IntVector T4 = indexes(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
    private static final IntVector T5 = indexes(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
    private static final IntVector U4 = indexes(0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29);
    private static final IntVector U5 = indexes(2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31);
    private static final IntVector U6 = indexes(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static final IntVector U7 = indexes(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    private Transpose16() {}

    private static IntVector indexes(int... lanes) {
        return IntVector.fromArray(IntVector.SPECIES_512, lanes, 0);
    }

    /**
     * Packs 8 rows of A·B's A into the interleaved layout of {@code VectorKernels512.packA}, an 8 × 16 block
     * at a time: 8 loads, 24 two-vector permutes and 8 stores for 128 floats (against the scalar
     * copy, it took the 128×784 · 784×256 product from 380 to 343 µs in one A/B run). Writing
     * an element's row as bits r2r1r0 and its column as p3p2p1p0, it starts in vector r2r1r0 at
     * lane p3p2p1p0; each round swaps one bit of the vector index with one of the lane index:
     * (r2r1r0 | p3p2p1p0) → (r2r1p3 | r0p2p1p0) → (r2p3p2 | r1r0p1p0) → (p3p2p1 | p0r2r1r0),
     * which is lane 8·(p mod 2) + r of vector p / 2, the interleaved order. T0…T5 are the
     * rounds' selections (an index ≥ 16 takes lane index − 16 of the second vector).
     *
     * @return the columns packed (a multiple of 16; the caller packs the rest)
     */
    static int rows8(float[] a, int src, int ars, int kc, float[] packed, int dst) {
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            int from = src + p;
            IntVector r0 = FloatVector.fromArray(S, a, from).reinterpretAsInts();
            IntVector r1 = FloatVector.fromArray(S, a, from + ars).reinterpretAsInts();
            IntVector r2 = FloatVector.fromArray(S, a, from + 2 * ars).reinterpretAsInts();
            IntVector r3 = FloatVector.fromArray(S, a, from + 3 * ars).reinterpretAsInts();
            IntVector r4 = FloatVector.fromArray(S, a, from + 4 * ars).reinterpretAsInts();
            IntVector r5 = FloatVector.fromArray(S, a, from + 5 * ars).reinterpretAsInts();
            IntVector r6 = FloatVector.fromArray(S, a, from + 6 * ars).reinterpretAsInts();
            IntVector r7 = FloatVector.fromArray(S, a, from + 7 * ars).reinterpretAsInts();
            IntVector s0 = T0.selectFrom(r0, r1);
            IntVector s1 = T1.selectFrom(r0, r1);
            IntVector s2 = T0.selectFrom(r2, r3);
            IntVector s3 = T1.selectFrom(r2, r3);
            IntVector s4 = T0.selectFrom(r4, r5);
            IntVector s5 = T1.selectFrom(r4, r5);
            IntVector s6 = T0.selectFrom(r6, r7);
            IntVector s7 = T1.selectFrom(r6, r7);
            IntVector t0 = T2.selectFrom(s0, s2);
            IntVector t1 = T3.selectFrom(s0, s2);
            IntVector t2 = T2.selectFrom(s1, s3);
            IntVector t3 = T3.selectFrom(s1, s3);
            IntVector t4 = T2.selectFrom(s4, s6);
            IntVector t5 = T3.selectFrom(s4, s6);
            IntVector t6 = T2.selectFrom(s5, s7);
            IntVector t7 = T3.selectFrom(s5, s7);
            IntVector u0 = T4.selectFrom(t0, t4);
            IntVector u1 = T5.selectFrom(t0, t4);
            IntVector u2 = T4.selectFrom(t1, t5);
            IntVector u3 = T5.selectFrom(t1, t5);
            IntVector u4 = T4.selectFrom(t2, t6);
            IntVector u5 = T5.selectFrom(t2, t6);
            IntVector u6 = T4.selectFrom(t3, t7);
            IntVector u7 = T5.selectFrom(t3, t7);
            int to = dst + 8 * p;
            u0.reinterpretAsFloats().intoArray(packed, to);
            u1.reinterpretAsFloats().intoArray(packed, to + 16);
            u2.reinterpretAsFloats().intoArray(packed, to + 32);
            u3.reinterpretAsFloats().intoArray(packed, to + 48);
            u4.reinterpretAsFloats().intoArray(packed, to + 64);
            u5.reinterpretAsFloats().intoArray(packed, to + 80);
            u6.reinterpretAsFloats().intoArray(packed, to + 96);
            u7.reinterpretAsFloats().intoArray(packed, to + 112);
        }
        return p;
    }

    /**
     * Packs 16 rows of A·Bᵀ's stored B (B's columns) as 16 columns of a panel: packed[dst +
     * p·stride + c] = b[src + c·k + p], a 16 × 16 block at a time by four rounds of the same
     * bit swaps as {@link #rows8} (64 permutes for 256 floats), the fourth leaving vector v
     * with the row p whose four bits are v's reversed.
     *
     * @return the rows p packed (a multiple of 16; the caller packs the rest)
     */
    static int cols16(float[] b, int src, int k, int kc, float[] packed, int dst, int stride) {
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            int from = src + p;
            IntVector r0 = FloatVector.fromArray(S, b, from).reinterpretAsInts();
            IntVector r1 = FloatVector.fromArray(S, b, from + k).reinterpretAsInts();
            IntVector r2 = FloatVector.fromArray(S, b, from + 2 * k).reinterpretAsInts();
            IntVector r3 = FloatVector.fromArray(S, b, from + 3 * k).reinterpretAsInts();
            IntVector r4 = FloatVector.fromArray(S, b, from + 4 * k).reinterpretAsInts();
            IntVector r5 = FloatVector.fromArray(S, b, from + 5 * k).reinterpretAsInts();
            IntVector r6 = FloatVector.fromArray(S, b, from + 6 * k).reinterpretAsInts();
            IntVector r7 = FloatVector.fromArray(S, b, from + 7 * k).reinterpretAsInts();
            IntVector r8 = FloatVector.fromArray(S, b, from + 8 * k).reinterpretAsInts();
            IntVector r9 = FloatVector.fromArray(S, b, from + 9 * k).reinterpretAsInts();
            IntVector r10 = FloatVector.fromArray(S, b, from + 10 * k).reinterpretAsInts();
            IntVector r11 = FloatVector.fromArray(S, b, from + 11 * k).reinterpretAsInts();
            IntVector r12 = FloatVector.fromArray(S, b, from + 12 * k).reinterpretAsInts();
            IntVector r13 = FloatVector.fromArray(S, b, from + 13 * k).reinterpretAsInts();
            IntVector r14 = FloatVector.fromArray(S, b, from + 14 * k).reinterpretAsInts();
            IntVector r15 = FloatVector.fromArray(S, b, from + 15 * k).reinterpretAsInts();
            IntVector s0 = T0.selectFrom(r0, r1);
            IntVector s1 = T1.selectFrom(r0, r1);
            IntVector s2 = T0.selectFrom(r2, r3);
            IntVector s3 = T1.selectFrom(r2, r3);
            IntVector s4 = T0.selectFrom(r4, r5);
            IntVector s5 = T1.selectFrom(r4, r5);
            IntVector s6 = T0.selectFrom(r6, r7);
            IntVector s7 = T1.selectFrom(r6, r7);
            IntVector s8 = T0.selectFrom(r8, r9);
            IntVector s9 = T1.selectFrom(r8, r9);
            IntVector s10 = T0.selectFrom(r10, r11);
            IntVector s11 = T1.selectFrom(r10, r11);
            IntVector s12 = T0.selectFrom(r12, r13);
            IntVector s13 = T1.selectFrom(r12, r13);
            IntVector s14 = T0.selectFrom(r14, r15);
            IntVector s15 = T1.selectFrom(r14, r15);
            IntVector t0 = T2.selectFrom(s0, s2);
            IntVector t1 = T2.selectFrom(s1, s3);
            IntVector t2 = T3.selectFrom(s0, s2);
            IntVector t3 = T3.selectFrom(s1, s3);
            IntVector t4 = T2.selectFrom(s4, s6);
            IntVector t5 = T2.selectFrom(s5, s7);
            IntVector t6 = T3.selectFrom(s4, s6);
            IntVector t7 = T3.selectFrom(s5, s7);
            IntVector t8 = T2.selectFrom(s8, s10);
            IntVector t9 = T2.selectFrom(s9, s11);
            IntVector t10 = T3.selectFrom(s8, s10);
            IntVector t11 = T3.selectFrom(s9, s11);
            IntVector t12 = T2.selectFrom(s12, s14);
            IntVector t13 = T2.selectFrom(s13, s15);
            IntVector t14 = T3.selectFrom(s12, s14);
            IntVector t15 = T3.selectFrom(s13, s15);
            IntVector u0 = U4.selectFrom(t0, t4);
            IntVector u1 = U4.selectFrom(t1, t5);
            IntVector u2 = U4.selectFrom(t2, t6);
            IntVector u3 = U4.selectFrom(t3, t7);
            IntVector u4 = U5.selectFrom(t0, t4);
            IntVector u5 = U5.selectFrom(t1, t5);
            IntVector u6 = U5.selectFrom(t2, t6);
            IntVector u7 = U5.selectFrom(t3, t7);
            IntVector u8 = U4.selectFrom(t8, t12);
            IntVector u9 = U4.selectFrom(t9, t13);
            IntVector u10 = U4.selectFrom(t10, t14);
            IntVector u11 = U4.selectFrom(t11, t15);
            IntVector u12 = U5.selectFrom(t8, t12);
            IntVector u13 = U5.selectFrom(t9, t13);
            IntVector u14 = U5.selectFrom(t10, t14);
            IntVector u15 = U5.selectFrom(t11, t15);
            IntVector w0 = U6.selectFrom(u0, u8);
            IntVector w1 = U6.selectFrom(u1, u9);
            IntVector w2 = U6.selectFrom(u2, u10);
            IntVector w3 = U6.selectFrom(u3, u11);
            IntVector w4 = U6.selectFrom(u4, u12);
            IntVector w5 = U6.selectFrom(u5, u13);
            IntVector w6 = U6.selectFrom(u6, u14);
            IntVector w7 = U6.selectFrom(u7, u15);
            IntVector w8 = U7.selectFrom(u0, u8);
            IntVector w9 = U7.selectFrom(u1, u9);
            IntVector w10 = U7.selectFrom(u2, u10);
            IntVector w11 = U7.selectFrom(u3, u11);
            IntVector w12 = U7.selectFrom(u4, u12);
            IntVector w13 = U7.selectFrom(u5, u13);
            IntVector w14 = U7.selectFrom(u6, u14);
            IntVector w15 = U7.selectFrom(u7, u15);
            int to = dst + p * stride;
            w0.reinterpretAsFloats().intoArray(packed, to);
            w1.reinterpretAsFloats().intoArray(packed, to + 8 * stride);
            w2.reinterpretAsFloats().intoArray(packed, to + 4 * stride);
            w3.reinterpretAsFloats().intoArray(packed, to + 12 * stride);
            w4.reinterpretAsFloats().intoArray(packed, to + 2 * stride);
            w5.reinterpretAsFloats().intoArray(packed, to + 10 * stride);
            w6.reinterpretAsFloats().intoArray(packed, to + 6 * stride);
            w7.reinterpretAsFloats().intoArray(packed, to + 14 * stride);
            w8.reinterpretAsFloats().intoArray(packed, to + 1 * stride);
            w9.reinterpretAsFloats().intoArray(packed, to + 9 * stride);
            w10.reinterpretAsFloats().intoArray(packed, to + 5 * stride);
            w11.reinterpretAsFloats().intoArray(packed, to + 13 * stride);
            w12.reinterpretAsFloats().intoArray(packed, to + 3 * stride);
            w13.reinterpretAsFloats().intoArray(packed, to + 11 * stride);
            w14.reinterpretAsFloats().intoArray(packed, to + 7 * stride);
            w15.reinterpretAsFloats().intoArray(packed, to + 15 * stride);
        }
        return p;
    }
}
