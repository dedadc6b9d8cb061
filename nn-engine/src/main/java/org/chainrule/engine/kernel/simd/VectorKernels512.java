package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API ({@code jdk.incubator.vector}) with the vectors of species {@code
 * S}. The source, VectorKernels512.java (512-bit, 16 float lanes), is also the template of {@code
 * VectorKernels256} and {@code VectorKernels128}:
 * the build copies it with the species line and the class name changed (see nn-engine's pom), so
 * each width has its own {@code static final} species, the only kind C2 compiles to vector
 * instructions. Loaded only after {@code KernelSelection} has seen the module, so no class outside
 * this package ever mentions a vector type.
 *
 * <p>GEMM: one blocked routine, {@link #gemmBlocked}, serves A·B, Aᵀ·B (A read with swapped
 * strides) and A·Bᵀ (B packed from its transposed layout); {@link GemmWorkers} splits large
 * products across helper threads. A·B and Aᵀ·B with C narrower than a vector (a 10-unit output
 * layer) put C's rows in the lanes instead ({@link #narrowByLanes}).
 *
 * <p>The tiles follow the register file ({@link Geometry}): with 32 vector registers (AVX-512,
 * NEON, SVE) A is packed in groups of 8 rows, and a group runs against a panel of three vectors in
 * 24 accumulators; with 16 (AVX2, SSE) those 24 would spill on every step, so A is packed in
 * groups of 6 rows and each group runs as two halves of 3 rows × 3 vectors (9 accumulators; see
 * {@link #micro3x3} for why not 12), and every other kernel caps its accumulators at 8 or 9 the same
 * way. Only the order of tiles changes, never the FMA sequence of an element: every geometry and
 * every width gives the same bits (tested).
 *
 * <p>The micro-kernels keep each loop to one induction variable and each method small enough for
 * C2 (see the notes on {@link #narrowTile}): the JIT traps met on the way were range checks left
 * in the k loop, C1 giving up on a method, which then never reached C2 and ran the Vector API's
 * boxing fallback, and a second vector shape whose calls C2 guarded by type profile, boxing the
 * vector (see {@link #packA}).
 */
public final class VectorKernels512 implements BlockedGemm {
    // The one line the build changes in the generated copies VectorKernels256 and VectorKernels128:
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    private final GemmWorkers workers;

    /** 32 vector registers: 8-row groups, 24-accumulator tiles; 16: 6-row groups, tiles of at most 9. */
    private final boolean wideTiles;

    /** Rows of A per packed group: 8 with wide tiles, else 6. */
    private final int mr;

    /** Rows of A per packed block: a multiple of {@link #mr} up to {@link #MC}. */
    private final int mc;

    private final Geometry geometry;

    /**
     * Package-private; made by {@link VectorKernelsLoader}.
     *
     * @param threads threads a large product may use, the caller's included (1 = no helpers)
     * @param registers vector registers of the CPU the tiles are shaped for (16 or 32)
     * @param executor runs the helper tasks of large products (see {@link GemmWorkers})
     */
    VectorKernels512(int threads, int registers, java.util.concurrent.Executor executor) {
        this.geometry = new Geometry(S.vectorBitSize(), registers);
        this.wideTiles = geometry.wideTiles();
        this.mr = geometry.rowGroup();
        this.mc = MC / mr * mr;
        this.workers = new GemmWorkers(threads, this, executor);
    }

    @Override
    public String name() {
        return "vector " + S + ", " + geometry.tiles() + ", " + workers.threads()
                + (workers.threads() == 1 ? " thread" : " threads");
    }

    @Override
    public void close() {
        workers.close();
    }

    @Override
    public int panelWidth() {
        return NR;
    }

    @Override
    public int rowGroup() {
        return mr;
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (takesLanes(m, k, n)) { // the forward pass of a 10-unit output layer
            narrowByLanes(a, k, 1, b, c, m, k, n, accumulate);
            return;
        }
        workers.gemm(a, k, 1, b, false, c, m, k, n, accumulate);
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (n == 1) { // C (m × 1) is also Cᵀ = Bᵀ·A (1 × m): one row, streamed through A
            workers.gemm(b, k, 1, a, false, c, 1, k, m, accumulate);
            return;
        }
        if (takesLanes(m, k, n)) { // dW of a 10-unit output layer
            narrowByLanes(a, 1, m, b, c, m, k, n, accumulate);
            return;
        }
        workers.gemm(a, 1, m, b, false, c, m, k, n, accumulate);
    }

    /**
     * Whether a product takes {@link #narrowByLanes}: C narrower than a vector (or, with 16
     * registers, than two vectors but not exactly one: a 10-unit output layer with 8 lanes, which
     * the row-major kernels would run as 16 columns; on a Zen 3, 128×256×10 Aᵀ·B went from 19-20 to
     * 43-44 GFLOP/s and A·B from 15 to 23-24), at least one block of two vectors' rows, and small
     * enough to stay on the calling thread.
     */
    @Override
    public boolean takesLanes(int m, int k, int n) {
        boolean narrow = n < V || (!wideTiles && n < 2 * V && n != V);
        return narrow && m >= LANE_ROWS && (long) m * k * n < GemmWorkers.MIN_PARALLEL_FMAS;
    }

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
     * blocked kernels, so the bits are the same (tested); rows past the last block run there.
     */
    private void narrowByLanes(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        float[][] holder = SCRATCH.get();
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
                packRowsAsLanes(a, i * ars, ars, k, packed);
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
        if (rows < m) {
            gemmBlocked(a, ars, acs, b, false, c, m, k, n, acc, rows, m, 0, n);
        }
    }

    /**
     * packed[32p + r] = a[src + r·ars + p]: 32 rows of a row-major A, k × 32, 16 rows at a time,
     * by 16 × 16 vector transposes when k holds eight or more of them. With fewer, each call is too
     * short for the JIT to compile the transpose soon: it would run interpreted, boxing its vectors,
     * for thousands of training steps (the allocation test's 784-16-3 network, k = 16, did).
     */
    private static void packRowsAsLanes(float[] a, int src, int ars, int k, float[] packed) {
        for (int half = 0; half < LANE_ROWS; half += V) {
            int from = src + half * ars;
            int p = V == 16 && k >= 8 * V
                    ? Transpose16.cols16(a, from, ars, k, packed, half, LANE_ROWS)
                    : V == 8 && k >= 8 * V ? Transpose8.blocks(a, from, ars, k, packed, half, LANE_ROWS) : 0;
            for (; p < k; p++) {
                for (int r = 0; r < V; r++) {
                    packed[p * LANE_ROWS + half + r] = a[from + r * ars + p];
                }
            }
        }
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

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        workers.gemm(a, k, 1, b, true, c, m, k, n, accumulate);
    }

    /** Columns of C per packed panel of B: three vectors. */
    static final int NR = 3 * V;

    /**
     * Depth of a packed block of B: a KC × NR panel (24 KiB with 16 lanes, 12 with 8) and a row group of A
     * fit L1 together. Measured against 256 and 96 in one run: 128 was 8 % faster than 256.
     */
    static final int KC = 128;

    /**
     * Where the packed panels of B start in their scratch array: on a cache line when the JVM's
     * object alignment makes that knowable ({@link ArrayAlignment}), else at 0.
     */
    private static final int SKEW = ArrayAlignment.floatsToCacheLine();

    /** Rows of A per block: MC × KC floats (64 KiB) stay in L2 while every panel of B passes. */
    static final int MC = 128;

    /**
     * Per-thread scratch: the packed block of B (grown when a wider B comes), a packed A block, a C
     * tile, and the A block of {@link #narrowByLanes} (both grown as needed).
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[MC * KC + V], new float[16 * V], new float[0]});

    /**
     * C (+)= A·B over the rows [i0, i1) and columns [j0, j1) of C. Element (i, p) of A is
     * a[i * ars + p * acs]; B is row-major k × n, or n × k when {@code bTransposed}.
     *
     * <p>Blocking (after Goto and van de Geijn): for each KC-deep slice of k, the columns of B are
     * packed into NR-wide panels (then the tail in chunks of two vectors, one vector, and a last
     * zero-padded one), and each block of about MC rows of A is packed in groups of {@link #mr}
     * interleaved rows (8 with 32 registers, 6 with 16); every group runs the kernels of the
     * chunk's width for its geometry (8 rows in 24, 16 or 8 accumulators; or 2 × 3 rows in 9 or 6),
     * all with constant strides; rows past the last group run 4- (3- and 2-) and 1-row kernels with
     * A in place. Full panels go down the groups while C is small, along the rows once C is not
     * ({@link #ROW_SWEEP_MIN_C}, or as {@code rowSweep} says). Every element of C is summed in the
     * same order (p ascending, one FMA per step) whatever the row and column ranges and the order of
     * the tiles, so splitting the work across threads never changes a result.
     */
    @Override
    public void gemmBlocked(
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
            boolean rowSweep) {
        if (k == 0) {
            if (!acc) {
                for (int i = i0; i < i1; i++) {
                    java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0f);
                }
            }
            return;
        }
        if (i1 - i0 == 1 && !bTransposed) { // one row (single-sample inference): stream B row by row
            gemv(a, i0 * ars, acs, b, c, i0 * n, k, n, j0, j1, acc);
            return;
        }
        if (!bTransposed && i1 - i0 < 8) { // a few rows: B is read in place (packing would cost as much)
            fewRows(a, ars, acs, b, c, k, n, acc, i0, i1, j0, j1);
            return;
        }
        int width = j1 - j0;
        int full = width / NR * NR; // columns in full panels
        int padded = full + (width - full + V - 1) / V * V;
        float[][] holder = SCRATCH.get();
        if (holder[0].length < SKEW + KC * padded) {
            holder[0] = new float[SKEW + KC * padded];
        }
        float[] packed = holder[0];
        float[] packedA = holder[1];
        float[] tile = holder[2];
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean accBlock = acc || p0 > 0;
            // Panels of NR columns, then the tail in chunks of two vectors, one vector, and a last
            // zero-padded vector: each chunk is packed with its own width as stride, so every kernel
            // steps through B by a constant.
            for (int j = 0; j < width; ) {
                int w = chunk(width - j);
                pack(b, bTransposed, k, n, p0, kc, j0 + j, Math.min(w, width - j), w, packed, SKEW + j * kc);
                j += w;
            }
            int aBase = p0 * acs;
            for (int ib = i0; ib < i1; ib += mc) {
                int ie = Math.min(ib + mc, i1);
                int groups = (ie - ib) / mr;
                packA(a, ars, acs, aBase, ib, groups, mr, kc, packedA);
                int rows = ib + groups * mr; // rows [rows, ie) run with A in place
                if (rowSweep) {
                    for (int g = 0; g < groups; g++) {
                        int c0 = (ib + mr * g) * n + j0;
                        for (int j = 0; j < full; j += NR) {
                            fullPanel(packedA, g * mr * kc, packed, SKEW + j * kc, kc, c, c0 + j, n, accBlock);
                        }
                    }
                }
                for (int j = 0; j < width; ) {
                    int w = chunk(width - j);
                    int valid = Math.min(w, width - j);
                    int panel = SKEW + j * kc;
                    int cCol = j0 + j;
                    for (int g = 0; g < groups; g++) {
                        int a0 = g * mr * kc;
                        int c0 = (ib + mr * g) * n + cCol;
                        if (valid == NR) {
                            if (!rowSweep) {
                                fullPanel(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                            }
                        } else if (!wideTiles) {
                            tail6(packedA, a0, packed, panel, kc, c, c0, n, accBlock, w, valid, tile);
                        } else if (w == 2 * V) {
                            micro8x2(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                        } else if (valid == V) {
                            micro8x1(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                        } else if (g % 2 == 0) { // two groups at a time (or the last one alone)
                            int rowsOut = g + 1 < groups ? 16 : 8;
                            int a1 = rowsOut == 16 ? a0 + 8 * kc : a0;
                            narrowTile(packedA, a0, a1, rowsOut, packed, panel, kc, c, c0, n, accBlock, valid, tile);
                        }
                    }
                    smallRows(a, ars, acs, aBase, rows, ie, packed, panel, w, w, valid, kc, c, n, cCol, accBlock);
                    j += w;
                }
            }
        }
    }

    /**
     * Rows [i0, i1) of C, A in place, against w columns of B from {@code panel} (row p at
     * panel + p·bs), of which {@code valid} are real: 4- and 1-row kernels (3-, 2- and 1-row with
     * 16 registers), NR columns at once for a full panel, else one vector at a time.
     */
    private void smallRows(
            float[] a,
            int ars,
            int acs,
            int aBase,
            int i0,
            int i1,
            float[] packed,
            int panel,
            int bs,
            int w,
            int valid,
            int kc,
            float[] c,
            int n,
            int cCol,
            boolean acc) {
        if (valid == NR) {
            int i = i0;
            for (; wideTiles && i + 4 <= i1; i += 4) { // 12 accumulators: with 16 registers one would spill
                micro4(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; !wideTiles && i + 3 <= i1; i += 3) {
                micro3(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; !wideTiles && i + 2 <= i1; i += 2) {
                micro2(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; i < i1; i++) {
                micro1(a, i * ars + aBase, acs, packed, panel, bs, kc, c, i * n + cCol, acc);
            }
            return;
        }
        for (int u = 0; u < w; u += V) {
            int cols = Math.min(V, valid - u);
            int i = i0;
            for (; i + 4 <= i1; i += 4) {
                narrow4(a, i * ars + aBase, ars, acs, packed, panel + u, bs, kc, c, i * n + cCol + u, n, acc, cols);
            }
            for (; i < i1; i++) {
                narrow1(a, i * ars + aBase, acs, packed, panel + u, bs, kc, c, i * n + cCol + u, acc, cols);
            }
        }
    }

    /**
     * Fewer than 8 rows of C: B is read in place (packing it would cost as much as the product),
     * two panels at a time for each row when there are two, then 4-row and 1-row kernels.
     */
    private void fewRows(
            float[] a,
            int ars,
            int acs,
            float[] b,
            float[] c,
            int k,
            int n,
            boolean acc,
            int i0,
            int i1,
            int j0,
            int j1) {
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean accBlock = acc || p0 > 0;
            int aBase = p0 * acs;
            int bBase = p0 * n;
            int j = j0;
            for (; j + 2 * NR <= j1; j += 2 * NR) {
                for (int i = i0; i < i1; i++) {
                    micro1Wide(a, i * ars + aBase, acs, b, bBase + j, NR, n, kc, c, i * n + j, accBlock);
                }
            }
            for (; j + NR <= j1; j += NR) {
                smallRows(a, ars, acs, aBase, i0, i1, b, bBase + j, n, NR, NR, kc, c, n, j, accBlock);
            }
            if (j < j1) {
                int w = (j1 - j + V - 1) / V * V;
                smallRows(a, ars, acs, aBase, i0, i1, b, bBase + j, n, w, j1 - j, kc, c, n, j, accBlock);
            }
        }
    }

    /** Width of the next chunk of B's columns when {@code left} remain: a panel, two vectors or one. */
    private static int chunk(int left) {
        return left >= NR ? NR : left >= 2 * V ? 2 * V : V;
    }

    /**
     * Rows of C (16, or the last 8) against a last, partly filled vector of columns, through a
     * zero-padded 16 × V tile so the kernel needs no masks (with masks C1 ran out of registers and
     * the method never reached C2). A's groups start at a0 and a1; for a last single group a1 = a0
     * and only its 8 rows are written back.
     */
    private static void narrowTile(
            float[] packedA,
            int a0,
            int a1,
            int rows,
            float[] packed,
            int panel,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc,
            int valid,
            float[] tile) {
        for (int r = 0; r < 16; r++) {
            if (acc && r < rows) {
                System.arraycopy(c, c0 + r * ldc, tile, r * V, valid);
            }
            java.util.Arrays.fill(tile, r * V + (acc && r < rows ? valid : 0), (r + 1) * V, 0f);
        }
        narrow16(packedA, a0, a1, packed, panel, kc, tile);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * V, c, c0 + r * ldc, valid);
        }
    }

    /**
     * Packs {@code groups} groups of {@code mr} rows of A (8 or 6), from row i0, columns [p0,
     * p0+kc) (aBase = p0 · acs), interleaved: element (mr·g + r, p) at packed[mr·g·kc + mr·p + r].
     */
    private static void packA(
            float[] a, int ars, int acs, int aBase, int i0, int groups, int mr, int kc, float[] packed) {
        for (int g = 0; g < groups; g++) {
            int dst = g * mr * kc;
            int src = (i0 + mr * g) * ars + aBase;
            int p;
            if (ars == 1) { // Aᵀ·B: the group's rows sit side by side in each column of the stored A
                // Whole vectors while they stay inside a: each store's lanes past the group's rows
                // land in the next step's slot (or the next group's first, or the scratch's slack),
                // which is written after it. (A 256-bit species here was sometimes compiled behind
                // a type-profile guard that boxed it; masked moves were slower.)
                int whole = V >= 8 && a.length - V - src >= 0 ? Math.min(kc, (a.length - V - src) / acs + 1) : 0;
                for (p = 0; p < whole; p++, dst += mr) {
                    FloatVector.fromArray(S, a, src + p * acs).intoArray(packed, dst);
                }
            } else { // A·B: the rows read side by side, by vector transposes of 8 × 16 or 8 × 8 blocks
                // (for 6-row groups where the two rows after the group are inside a: their lanes
                // are written over, as above)
                p = V == 16 && mr == 8
                        ? Transpose16.rows8(a, src, ars, kc, packed, dst)
                        : V == 8 && src + 7L * ars + kc <= a.length
                                ? Transpose8.blocks(a, src, ars, kc, packed, dst, mr)
                                : 0;
                dst += mr * p;
            }
            for (; p < kc; p++, dst += mr) { // the rest element by element
                int from = src + p * acs;
                for (int r = 0; r < mr; r++) {
                    packed[dst + r] = a[from + r * ars];
                }
            }
        }
    }

    /**
     * A group of rows of C against a full panel: with 32 registers an 8 × NR tile in 24
     * accumulators; with 16, the 6-row group as two 3 × NR halves of 9.
     */
    private void fullPanel(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        if (wideTiles) {
            micro8(a, a0, panel, bp0, kc, c, c0, ldc, acc);
        } else {
            micro3x3(a, a0, panel, bp0, kc, c, c0, ldc, acc);
            micro3x3(a, a0 + 3, panel, bp0, kc, c, c0 + 3 * ldc, ldc, acc);
        }
    }

    /**
     * With 16 registers, a 6-row group against a column tail of two vectors, one vector, or a last
     * partial vector (through the zero-padded tile, so no kernel needs masks).
     */
    private static void tail6(
            float[] a,
            int a0,
            float[] panel,
            int bp0,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc,
            int w,
            int valid,
            float[] tile) {
        if (w == 2 * V) {
            micro3x2(a, a0, panel, bp0, kc, c, c0, ldc, acc);
            micro3x2(a, a0 + 3, panel, bp0, kc, c, c0 + 3 * ldc, ldc, acc);
        } else if (valid == V) {
            micro6x1(a, a0, panel, bp0, kc, c, c0, ldc, acc);
        } else {
            for (int r = 0; r < 6; r++) {
                if (acc) {
                    System.arraycopy(c, c0 + r * ldc, tile, r * V, valid);
                }
                java.util.Arrays.fill(tile, r * V + (acc ? valid : 0), (r + 1) * V, 0f);
            }
            micro6x1(a, a0, panel, bp0, kc, tile, 0, V, true);
            for (int r = 0; r < 6; r++) {
                System.arraycopy(tile, r * V, c, c0 + r * ldc, valid);
            }
        }
    }

    /**
     * Three rows of a packed 6-row group (element (r, p) at a[a0 + 6p + r]) against a full panel:
     * 9 accumulators, the micro-kernel of 16-register CPUs. C2 loads the broadcasts of a step ahead
     * of their FMAs, so a tile of 12 accumulators (4 × 3, or BLIS's Haswell 6 × 2) kept one of them
     * on the stack, its FMA chain then running through a store and a load: 36-40 GFLOP/s on a Zen 3
     * whose FMA peak is 86, where 3 × 3 ran at 74-79 in the same runs (4 × 2: 70-77, 8 × 1: 64-70;
     * with 6 accumulators, 2 × 3: 48-51, too few chains to hide the FMA latency).
     */
    private static void micro3x3(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
            int bp = bp0 + p * NR;
            int ap = a0 + 6 * p; // constant strides in p: C2 hoists the range checks
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
    private static void micro3x2(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
    private static void micro6x1(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
    private static void micro8(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
            int bp = bp0 + p * NR;
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
    private static void micro8x2(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
    private static void micro8x1(
            float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
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
     * Packs B[p0, p0+kc) × [j0, j0+w) into {@code packed} from {@code offset}, row p at
     * offset + p * stride, zero-padding columns w..stride.
     */
    private static void pack(
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
            for (; col + 8 <= w; col += 8) { // 8 × 8 blocks: by a vector transpose with 8 lanes
                int src = (j0 + col) * k + p0;
                int p = V == 8 ? Transpose8.blocks(b, src, k, kc, packed, offset + col, stride) : 0;
                for (; p < kc; p++) { // else row by row of the packed panel, 8 columns read side by side
                    for (int c = 0; c < 8; c++) {
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

    /**
     * Sixteen rows of C, held in a 16 × V tile, against one vector of a narrow panel (row p at
     * packed[bp0 + p·V]): two groups of A packed and interleaved as for {@link #micro8}, from
     * a0 and a1. Sixteen FMA chains per load of B instead of eight: Aᵀ·B with 10 columns went
     * from 37 to 41-43 GFLOP/s in one A/B run (A·B and A·Bᵀ unchanged); such an Aᵀ·B with 48 rows
     * or more now runs as its wide transpose instead ({@link #gemmTN}).
     */
    private static void narrow16(float[] a, int a0, int a1, float[] packed, int bp0, int kc, float[] tile) {
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

    /** Four rows of C against one vector of a narrow panel, with masked access to C. */
    private static void narrow4(
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

    /** One row of C against one vector of a narrow panel, with masked access to C. */
    private static void narrow1(
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

    /**
     * c[c0 + j] (+)= Σ_p a[a0 + p·acs] · b[p·n + j] for j in [j0, j1): one row of A against a
     * row-major B. Up to sixteen vectors of C stay in registers while the whole of k passes, so B
     * is read front to back, row after row (the prefetchers follow), and sixteen FMA chains hide
     * the latency. Each element of C is the same chain of FMAs over p = 0..k−1 as in the blocked
     * kernels, so a single row gives bitwise the result of the same row in a batch.
     */
    private void gemv(
            float[] a, int a0, int acs, float[] b, float[] c, int c0, int k, int n, int j0, int j1, boolean acc) {
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
            narrow1(a, a0, acs, b, j, n, k, c, c0 + j, acc, Math.min(V, j1 - j));
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

    /** Three rows of C, A in place, against a panel: {@link #micro4} with 9 accumulators, for 16 registers. */
    private static void micro3(
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
    private static void micro2(
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
    private static void micro4(
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
    private static void micro1Wide(
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
        int c3 = c0 + NR;
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
    private static void micro1(
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

    @Override
    public void addRowVector(float[] c, float[] bias, int rows, int cols) {
        int nv = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int j = 0;
            for (; j < nv; j += V) {
                FloatVector.fromArray(S, c, base + j)
                        .add(FloatVector.fromArray(S, bias, j))
                        .intoArray(c, base + j);
            }
            for (; j < cols; j++) {
                c[base + j] += bias[j];
            }
        }
    }

    @Override
    public void columnSums(float[] a, int rows, int cols, float[] out, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0, cols, 0f);
        }
        int nv = S.loopBound(cols);
        for (int j = 0; j < nv; j += V) {
            FloatVector s = FloatVector.fromArray(S, out, j);
            for (int r = 0, base = j; r < rows; r++, base += cols) {
                s = s.add(FloatVector.fromArray(S, a, base));
            }
            s.intoArray(out, j);
        }
        for (int j = nv; j < cols; j++) {
            float s = out[j];
            for (int r = 0; r < rows; r++) {
                s += a[r * cols + j];
            }
            out[j] = s;
        }
    }

    @Override
    public void scaledDifference(float[] a, float[] b, float s, float[] out, int len) {
        int nv = S.loopBound(len);
        int i = 0;
        for (; i < nv; i += V) {
            FloatVector.fromArray(S, a, i)
                    .sub(FloatVector.fromArray(S, b, i))
                    .mul(s)
                    .intoArray(out, i);
        }
        for (; i < len; i++) {
            out[i] = (a[i] - b[i]) * s;
        }
    }

    @Override
    public void scale(float[] x, float s, int len) {
        int nv = S.loopBound(len);
        int i = 0;
        for (; i < nv; i += V) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        for (; i < len; i++) {
            x[i] *= s;
        }
    }

    /** Sums blocks of 4096 elements in float lanes (fixed order), then the blocks in double. */
    @Override
    public double sumOfSquares(float[] x, int len) {
        double total = 0;
        for (int start = 0; start < len; start += 4096) {
            int end = Math.min(len, start + 4096);
            int nv = start + S.loopBound(end - start);
            FloatVector s = FloatVector.zero(S);
            int i = start;
            for (; i < nv; i += V) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                s = v.fma(v, s);
            }
            double block = s.reduceLanes(VectorOperators.ADD);
            for (; i < end; i++) {
                block += (double) x[i] * x[i];
            }
            total += block;
        }
        return total;
    }

    @Override
    public int vectorBits() {
        return S.vectorBitSize();
    }
}
