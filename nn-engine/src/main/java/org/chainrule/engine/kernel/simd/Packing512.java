package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for the blocked GEMM: B into panels of constant stride, A into interleaved row groups,
 * and 32-row blocks of A into lanes for {@link Lanes512}. Generated per width like {@link
 * VectorKernels512}.
 */
final class Packing512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /**
     * packed[32p + r] = a[src + r·ars + p]: 32 rows of a row-major A, k × 32, 16 rows at a time,
     * by 16 × 16 vector transposes when k holds eight or more of them. With fewer, each call is too
     * short for the JIT to compile the transpose soon: it would run interpreted, boxing its vectors,
     * for thousands of training steps (the allocation test's 784-16-3 network, k = 16, did).
     */
    static void packRowsAsLanes(float[] a, int src, int ars, int k, float[] packed) {
        for (int half = 0; half < Lanes512.LANE_ROWS; half += V) {
            int from = src + half * ars;
            int p = V == 16 && k >= 8 * V
                    ? Transpose16.cols16(a, from, ars, k, packed, half, Lanes512.LANE_ROWS)
                    : V == 8 && k >= 8 * V
                            ? Transpose8.blocks(a, from, ars, k, packed, half, Lanes512.LANE_ROWS)
                            : V == 4 && k >= 8 * V
                                    ? Transpose4.blocks(a, from, ars, k, packed, half, Lanes512.LANE_ROWS)
                                    : 0;
            for (; p < k; p++) {
                for (int r = 0; r < V; r++) {
                    packed[p * Lanes512.LANE_ROWS + half + r] = a[from + r * ars + p];
                }
            }
        }
    }

    /**
     * Packs {@code groups} groups of {@code mr} rows of A (8 or 6), from row i0, columns [p0,
     * p0+kc) (aBase = p0 · acs), interleaved: element (mr·g + r, p) at packed[mr·g·kc + mr·p + r].
     */
    static void packA(float[] a, int ars, int acs, int aBase, int i0, int groups, int mr, int kc, float[] packed) {
        if (ars == 1 && V >= 8 && groups > 0) {
            packColumnsA(a, acs, aBase, i0, groups, mr, kc, packed);
            return;
        }
        for (int g = 0; g < groups; g++) {
            int dst = g * mr * kc;
            int src = (i0 + mr * g) * ars + aBase;
            int p;
            if (ars == 1) { // Aᵀ·B with 4 lanes (8 or more go through packColumnsA): the group's rows
                // sit side by side in each column of the stored A, copied as rows 0-3 and the
                // group's last 4 (overlapping), both inside the group
                for (p = 0; V == 4 && p < kc; p++, dst += mr) {
                    int from = src + p * acs;
                    FloatVector.fromArray(S, a, from).intoArray(packed, dst);
                    FloatVector.fromArray(S, a, from + mr - 4).intoArray(packed, dst + mr - 4);
                }
            } else { // A·B: the rows read side by side, by vector transposes of 8 × 16 or 8 × 8 blocks
                // (6 × 8 for 6-row groups with 8 lanes; the other 6-row transposes read the two rows
                // after the group where they are inside a; the 2 spare lanes of each store are
                // written over, as above)
                p = V == 16 && mr == 8
                        ? Transpose16.rows8(a, src, ars, kc, packed, dst)
                        : V == 8 && mr == 6
                                ? Transpose8.rows6(a, src, ars, kc, packed, dst, mr)
                                : V == 8 && src + 7L * ars + kc <= a.length
                                        ? Transpose8.blocks(a, src, ars, kc, packed, dst, mr)
                                        : V == 4 && src + 7L * ars + kc <= a.length
                                                ? Transpose4.rows8(a, src, ars, kc, packed, dst, mr)
                                                : 0;
                dst += mr * p;
            }
            copySteps(a, ars, acs, src, p, kc, mr, mr, packed, dst); // the rest element by element
        }
    }

    /**
     * {@link #packA} for Aᵀ·B with 8 or more lanes: the stored A's rows in order, each row's groups
     * a vector copy at a time (the group's rows sit side by side in it), so A is read front to back
     * instead of a group's few floats from each of kc rows at a time. Each store's lanes past the
     * group land in the same group's next steps, written after it; the last steps of every group,
     * whose spare lanes would land in the next group's first, are copied element by element. (Masked
     * stores instead of the spare lanes were slower.)
     */
    private static void packColumnsA(
            float[] a, int acs, int aBase, int i0, int groups, int mr, int kc, float[] packed) {
        int src0 = i0 + aBase;
        int lastRead = src0 + mr * (groups - 1); // the last group's start in a row of the stored A
        int groupFloats = mr * kc;
        // steps p whose every vector read stays inside a and whose stores stay inside their group
        int insideGroup = groupFloats >= V ? (groupFloats - V) / mr + 1 : 0;
        int vectorSteps = a.length - V - lastRead >= 0 ? Math.min(insideGroup, (a.length - V - lastRead) / acs + 1) : 0;
        for (int p = 0; p < vectorSteps; p++) {
            int from = src0 + p * acs;
            for (int g = 0, dst = mr * p; g < groups; g++, dst += groupFloats) {
                FloatVector.fromArray(S, a, from + mr * g).intoArray(packed, dst);
            }
        }
        for (int g = 0; g < groups; g++) {
            copySteps(a, 1, acs, src0 + mr * g, vectorSteps, kc, mr, mr, packed, g * groupFloats + mr * vectorSteps);
        }
    }

    /**
     * Packs the {@code rows} rows of A from row i0 (fewer than {@code mr}) as one more group at
     * {@code dst}, laid out like {@link #packA}'s, the rows past them zero: element (i0 + r, p) at
     * packed[dst + mr·p + r].
     */
    static void packPartialGroup(
            float[] a, int ars, int acs, int aBase, int i0, int rows, int mr, int kc, float[] packed, int dst) {
        copySteps(a, ars, acs, i0 * ars + aBase, 0, kc, rows, mr, packed, dst);
    }

    /**
     * Element by element, steps [from, to) of {@code rows} rows of A (element (r, p) at
     * a[src + r·ars + p·acs]) into a group's layout: packed[dst + mr·(p − from) + r], rows past
     * {@code rows} up to {@code mr} zero.
     */
    private static void copySteps(
            float[] a, int ars, int acs, int src, int from, int to, int rows, int mr, float[] packed, int dst) {
        for (int p = from; p < to; p++, dst += mr) {
            int at = src + p * acs;
            int r = 0;
            for (; r < rows; r++) {
                packed[dst + r] = a[at + r * ars];
            }
            for (; r < mr; r++) {
                packed[dst + r] = 0f;
            }
        }
    }

    /**
     * Packs the full panels of a row-major B, columns [j0, j0 + cols) (cols a multiple of NR) of
     * rows [p0, p0 + kc), the panel of columns j0 + j at offset + j·kc, row p at + p·NR: row by row
     * of B, each row's panels a vector at a time. One {@code System.arraycopy} a panel row (NR
     * floats) cost 0.24 ns a float, panel by panel 0.15 with vectors, row by row 0.13 (784 × 256,
     * a Zen 3); B's packing was 8 % of a training step at batch 128.
     */
    static void packPanels(float[] b, int n, int p0, int kc, int j0, int cols, float[] packed, int offset) {
        int nr = GemmDriver512.NR;
        for (int p = 0; p < kc; p++) {
            int src = (p0 + p) * n + j0;
            int dst = offset + p * nr;
            for (int j = 0; j < cols; j += nr, src += nr, dst += nr * kc) {
                for (int v = 0; v < nr; v += V) {
                    FloatVector.fromArray(S, b, src + v).intoArray(packed, dst + v);
                }
            }
        }
    }

    /**
     * Packs B[p0, p0+kc) × [j0, j0+w) into {@code packed} from {@code offset}, row p at
     * offset + p * stride, zero-padding columns w..stride.
     */
    static void pack(
            float[] b,
            boolean transposed,
            int k,
            int n,
            int p0,
            int kc,
            int j0,
            int w,
            int stride,
            float[] packed,
            int offset) {
        if (transposed) {
            int col = 0;
            for (; V == 16 && col + 16 <= w; col += 16) { // 16 × 16 blocks by a vector transpose
                int src = (j0 + col) * k + p0;
                for (int p = Transpose16.cols16(b, src, k, kc, packed, offset + col, stride); p < kc; p++) {
                    for (int c = 0; c < 16; c++) {
                        packed[offset + p * stride + col + c] = b[src + c * k + p];
                    }
                }
            }
            for (; col + 8 <= w; col += 8) { // 8 × 8 blocks: by a vector transpose with 8 (or 4) lanes
                int src = (j0 + col) * k + p0;
                int p = V == 8
                        ? Transpose8.blocks(b, src, k, kc, packed, offset + col, stride)
                        : V == 4 ? Transpose4.rows8(b, src, k, kc, packed, offset + col, stride) : 0;
                for (; p < kc; p++) { // else row by row of the packed panel, 8 columns read side by side
                    for (int c = 0; c < 8; c++) {
                        packed[offset + p * stride + col + c] = b[src + c * k + p];
                    }
                }
            }
            for (; V == 4 && col + 4 <= w; col += 4) { // with 4 lanes, a last 4 × 4 block
                int src = (j0 + col) * k + p0;
                for (int p = Transpose4.blocks(b, src, k, kc, packed, offset + col, stride); p < kc; p++) {
                    for (int c = 0; c < 4; c++) {
                        packed[offset + p * stride + col + c] = b[src + c * k + p];
                    }
                }
            }
            for (; col < w; col++) {
                int src = (j0 + col) * k + p0;
                for (int p = 0, dst = offset + col; p < kc; p++, dst += stride) {
                    packed[dst] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (p0 + p) * n + j0, packed, offset + p * stride, w);
            }
        }
        if (w < stride) {
            for (int p = 0; p < kc; p++) {
                java.util.Arrays.fill(packed, offset + p * stride + w, offset + (p + 1) * stride, 0f);
            }
        }
    }
}
