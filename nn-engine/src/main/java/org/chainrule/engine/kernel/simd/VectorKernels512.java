package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API ({@code jdk.incubator.vector}) with the vectors of species {@code
 * S}: this class routes each product to the code for its shape and holds the element-wise
 * kernels. The sources of this width, {@code *512.java} (512-bit, 16 float lanes), are also the
 * templates of the 256- and 128-bit classes: the build copies them with the species line and the
 * class names changed (see nn-engine's pom), so each width has its own {@code static final}
 * species, the only kind C2 compiles to vector instructions. Loaded only after {@code
 * KernelSelection} has seen the module, so no class outside this package ever mentions a vector
 * type.
 *
 * <p>The classes of one width, by job:
 *
 * <ul>
 *   <li>{@code VectorKernels512}: routing (which product takes which path) and the element-wise
 *       kernels;
 *   <li>{@link GemmDriver512}: the blocked GEMM, one routine for A·B, Aᵀ·B (A read with swapped
 *       strides) and A·Bᵀ (B packed from its transposed layout); {@link GemmWorkers} splits large
 *       products across helper threads;
 *   <li>{@link Packing512}: B's panels, A's row groups, A's rows as lanes;
 *   <li>{@link PackedTiles512} and {@link InPlaceRows512}: the micro-kernels, on packed row groups
 *       and on A read in place;
 *   <li>{@link Lanes512}: C narrower than a vector (a 10-unit output layer), its rows in the lanes;
 *   <li>{@link Gemv512}: a single row of A (single-sample inference).
 * </ul>
 *
 * <p>The tiles follow the register file ({@link Geometry}): with 32 vector registers (AVX-512,
 * NEON, SVE) A is packed in groups of 8 rows, and a group runs against a panel of three vectors in
 * 24 accumulators; with 16 (AVX2, SSE) those 24 would spill on every step, so A is packed in
 * groups of 6 rows and each group runs as two halves of 3 rows × 3 vectors (9 accumulators; see
 * {@link PackedTiles512#micro3x3} for why not 12), and every other kernel caps its accumulators at
 * 8 or 9 the same way. Only the order of tiles changes, never the FMA sequence of an element: every
 * geometry and every width gives the same bits (tested).
 *
 * <p>The micro-kernels keep each loop to one induction variable and each method small enough for
 * C2 (see the notes on {@link GemmDriver512#narrowTile}): the JIT traps met on the way were range
 * checks left in the k loop, C1 giving up on a method, which then never reached C2 and ran the
 * Vector API's boxing fallback, and a second vector shape whose calls C2 guarded by type profile,
 * boxing the vector (see {@link Packing512#packA}).
 */
public final class VectorKernels512 implements BlockedGemm {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    private final GemmWorkers workers;

    /** 32 vector registers: 8-row groups, 24-accumulator tiles; 16: 6-row groups, tiles of at most 9. */
    private final boolean wideTiles;

    private final Geometry geometry;

    private final GemmDriver512 driver;

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
        this.driver = new GemmDriver512(geometry);
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
        return GemmDriver512.NR;
    }

    @Override
    public int rowGroup() {
        return geometry.rowGroup();
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (n < V && takesLanes(m, k, n)) { // the forward pass of a 10-unit output layer with 16 lanes
            byLanes(a, k, 1, b, c, m, k, n, accumulate);
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
            byLanes(a, 1, m, b, c, m, k, n, accumulate);
            return;
        }
        workers.gemm(a, 1, m, b, false, c, m, k, n, accumulate);
    }

    /**
     * Whether an Aᵀ·B of this shape takes {@link Lanes512#narrowByLanes}: C narrower than a vector
     * (or, with 16 registers, than two vectors but not exactly one: a 10-unit output layer with 8
     * lanes, which the row-major kernels would run as 16 columns; on a Zen 3, 128×256×10 Aᵀ·B went
     * from 19-20 to 43-44 GFLOP/s), at least one block of two vectors' rows, and small enough to stay
     * on the calling thread. An A·B takes it only when C is narrower than one vector: its A must be
     * transposed into lanes first, which cost more than the lanes saved for C between one and two
     * vectors (128×256×10 on a Zen 3: 23 GFLOP/s by lanes, 25 with A read in place by the blocked
     * driver).
     */
    @Override
    public boolean takesLanes(int m, int k, int n) {
        boolean narrow = n < V || (!wideTiles && n < 2 * V && n != V);
        return narrow && m >= Lanes512.LANE_ROWS && (long) m * k * n < GemmWorkers.MIN_PARALLEL_FMAS;
    }

    /** {@link Lanes512#narrowByLanes}, then the blocked kernels for the rows past its last block. */
    private void byLanes(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        int rows = Lanes512.narrowByLanes(wideTiles, a, ars, acs, b, c, m, k, n, acc);
        if (rows < m) {
            gemmBlocked(a, ars, acs, b, false, c, m, k, n, acc, rows, m, 0, n);
        }
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        workers.gemm(a, k, 1, b, true, c, m, k, n, accumulate);
    }

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
        driver.gemmBlocked(a, ars, acs, b, bTransposed, c, m, k, n, acc, i0, i1, j0, j1, rowSweep);
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

    /**
     * Sums blocks of 4096 elements in float lanes (fixed order), then the blocks in double. Each
     * block runs four chains of FMAs over consecutive vectors: with one, each FMA waited for the
     * last (0.17 ns an element on a Zen 3, 1.7 % of a Fashion-MNIST training step at batch 128,
     * where the gradient norm is taken every step).
     */
    @Override
    public double sumOfSquares(float[] x, int len) {
        double total = 0;
        for (int start = 0; start < len; start += 4096) {
            int end = Math.min(len, start + 4096);
            int nv4 = start + (end - start) / (4 * V) * (4 * V);
            int nv = start + S.loopBound(end - start);
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int i = start;
            for (; i < nv4; i += 4 * V) {
                FloatVector v0 = FloatVector.fromArray(S, x, i);
                FloatVector v1 = FloatVector.fromArray(S, x, i + V);
                FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * V);
                FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * V);
                s0 = v0.fma(v0, s0);
                s1 = v1.fma(v1, s1);
                s2 = v2.fma(v2, s2);
                s3 = v3.fma(v3, s3);
            }
            for (; i < nv; i += V) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                s0 = v.fma(v, s0);
            }
            double block = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
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
