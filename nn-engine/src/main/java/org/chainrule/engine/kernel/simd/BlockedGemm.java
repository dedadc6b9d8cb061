package org.chainrule.engine.kernel.simd;

import org.chainrule.engine.kernel.Kernels;

/**
 * What {@link GemmWorkers} and the tests reach in the Vector API kernels of any width. Its
 * signatures mention no vector type, so code outside the generated classes stays width-free.
 */
interface BlockedGemm extends Kernels {
    /**
     * Elements of C (2 MiB of floats, a core's L2 here) from which {@link #gemmBlocked} sweeps
     * each row group along its rows instead of each panel down its rows. C is re-read once per KC
     * slice; when it does not stay in L2, its tiles come from L3, and each micro-kernel waits for
     * its C before the first FMA. Row by row, the next tile is the next bytes of the same 8 rows,
     * which the prefetchers fetch ahead; the B panels then stream from L2 instead of staying in L1,
     * which costs more than it saves when C is small. 2048³ A·B: 5-8 % faster in alternating runs
     * on AVX-512 (with C replaced by one L1-resident tile, 25 % faster: C is where the time goes).
     */
    int ROW_SWEEP_MIN_C = 1 << 19;

    /**
     * C (+)= A·B over the rows [i0, i1) and columns [j0, j1) of C. Element (i, p) of A is
     * a[i * ars + p * acs]; B is row-major k × n, or n × k when {@code bTransposed}. Every element
     * of C is the same FMA chain over p = 0..k−1 whatever the ranges, the tile order and the
     * geometry. Full panels sweep along the rows once C has {@link #ROW_SWEEP_MIN_C} elements.
     */
    default void gemmBlocked(
            float[] a,
            int ars,
            int acs,
            float[] b,
            boolean bTransposed,
            float[] c,
            int m,
            int k,
            int n,
            boolean acc,
            int i0,
            int i1,
            int j0,
            int j1) {
        gemmBlocked(
                a,
                ars,
                acs,
                b,
                bTransposed,
                c,
                m,
                k,
                n,
                acc,
                i0,
                i1,
                j0,
                j1,
                (long) (i1 - i0) * (j1 - j0) >= ROW_SWEEP_MIN_C);
    }

    /**
     * {@link #gemmBlocked} with the order of full panels chosen: {@code rowSweep} runs each row
     * group across all full panels, else each panel down all groups.
     */
    void gemmBlocked(
            float[] a,
            int ars,
            int acs,
            float[] b,
            boolean bTransposed,
            float[] c,
            int m,
            int k,
            int n,
            boolean acc,
            int i0,
            int i1,
            int j0,
            int j1,
            boolean rowSweep);

    /** @return columns of C per packed panel of B (three vectors) */
    int panelWidth();

    /** @return rows of A per packed group ({@link Geometry#rowGroup}) */
    int rowGroup();

    /** @return the vector width and tile shape these kernels run */
    Geometry geometry();

    /** @return whether an A·B or Aᵀ·B of this shape puts C's rows in the lanes (C narrower than a vector) */
    boolean takesLanes(int m, int k, int n);
}
