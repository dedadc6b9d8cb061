package org.chainrule.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked GEMM driver of {@link VectorKernels512}'s width (after Goto and van de Geijn): slices
 * k into KC-deep blocks, packs B's panels ({@link Packing512}) and A's row groups, and runs the
 * micro-kernels of the geometry on each tile ({@link PackedTiles512} on packed groups, {@link
 * InPlaceRows512} on the rows left over, {@link Gemv512} on a single row). Generated per width like
 * {@code VectorKernels512}.
 */
final class GemmDriver512 {
    // The line the build changes in each width's copy (with the class names):
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int V = S.length();

    /** 32 vector registers: 8-row groups, 24-accumulator tiles; 16: 6-row groups, tiles of at most 9. */
    private final boolean wideTiles;

    /** Rows of A per packed group: 8 with wide tiles, else 6. */
    private final int mr;

    /** Rows of A per packed block: a multiple of {@link #mr} up to {@link #MC}. */
    private final int mc;

    /** Tiles and row groups of the geometry the driver was made for. */
    GemmDriver512(Geometry geometry) {
        this.wideTiles = geometry.wideTiles();
        this.mr = geometry.rowGroup();
        this.mc = MC / mr * mr;
    }

    /** Columns of C per packed panel of B: three vectors. */
    static final int NR = 3 * V;

    /**
     * Depth of a packed block of B: a KC × NR panel (24 KiB with 16 lanes, 12 with 8) and a row group of A
     * fit L1 together. Measured against 256 and 96 in one run: 128 was 8 % faster than 256.
     */
    static final int KC = 128;

    /**
     * The depth of k's slices: k split into as few slices of at most {@link #KC} as it takes, of
     * equal depth rounded up to 8 (the transposes' block), so no slice is a short tail: k = 784
     * (the first layer of a 784-input network) runs as 7 × 112 instead of 6 × 128 + 16, whose last
     * slice loaded and stored every tile of C and packed A and B again for 16 steps. Slicing never
     * changes a result: each element's FMA chain runs over p = 0..k−1 in order either way.
     */
    static int depth(int k) {
        int slices = (k + KC - 1) / KC;
        int even = (k + slices - 1) / slices;
        return Math.min(KC, (even + 7) & ~7);
    }

    /**
     * Where the packed panels of B start in their scratch array: on a cache line when the JVM's
     * object alignment makes that knowable ({@link ArrayAlignment}), else at 0.
     */
    private static final int SKEW = ArrayAlignment.floatsToCacheLine();

    /** Rows of A per block: MC × KC floats (64 KiB) stay in L2 while every panel of B passes. */
    static final int MC = 128;

    /**
     * Per-thread scratch: the packed block of B (grown when a wider B comes), a packed A block, a C
     * tile (16 × V, or 3 × NR = 9 × V), and the A block of {@link Lanes512#narrowByLanes} (both grown as needed).
     */
    static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
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
     * ({@link #ROW_SWEEP_MIN_C}, or as {@code rowSweep} says; with 16 registers each group's column
     * tail then follows its panels). Every element of C is summed in the
     * same order (p ascending, one FMA per step) whatever the row and column ranges and the order of
     * the tiles, so splitting the work across threads never changes a result.
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
            Gemv512.gemv(wideTiles, a, i0 * ars, acs, b, c, i0 * n, k, n, j0, j1, acc);
            return;
        }
        if (!bTransposed && i1 - i0 < 8) { // a few rows: B is read in place (packing would cost as much)
            fewRows(a, ars, acs, b, c, k, n, acc, i0, i1, j0, j1);
            return;
        }
        int width = j1 - j0;
        // C between one and two vectors wide, with 16 registers, and A stored row by row (A·B, A·Bᵀ):
        // A is read in place (packing it, a transpose, cost as much as the product, each element of
        // A being used only n times). On a Zen 3, 128×256×10 A·Bᵀ went from 14.5 to 25 GFLOP/s, A·B
        // (by lanes before) from 23 to 25. Aᵀ·B's A packs by vector copies, and read in place it
        // would be broadcast a column of m floats apart each step: it stays packed.
        boolean inPlace = !wideTiles && acs == 1 && width > V && width < 2 * V;
        int full = width / NR * NR; // columns in full panels
        int padded = full + (width - full + V - 1) / V * V;
        float[][] holder = SCRATCH.get();
        if (holder[0].length < SKEW + KC * padded) {
            holder[0] = new float[SKEW + KC * padded];
        }
        float[] packed = holder[0];
        float[] packedA = holder[1];
        float[] tile = holder[2];
        int depth = depth(k);
        for (int p0 = 0; p0 < k; p0 += depth) {
            int kc = Math.min(depth, k - p0);
            boolean accBlock = acc || p0 > 0;
            // Panels of NR columns, then the tail in chunks of two vectors, one vector, and a last
            // zero-padded vector: each chunk is packed with its own width as stride, so every kernel
            // steps through B by a constant.
            int packedCols = 0;
            if (!bTransposed && full > 0) { // B's rows in order, every full panel at once
                Packing512.packPanels(b, n, p0, kc, j0, full, packed, SKEW);
                packedCols = full;
            }
            while (packedCols < width) {
                int w = chunk(width - packedCols);
                Packing512.pack(
                        b,
                        bTransposed,
                        k,
                        n,
                        p0,
                        kc,
                        j0 + packedCols,
                        Math.min(w, width - packedCols),
                        w,
                        packed,
                        SKEW + packedCols * kc);
                packedCols += w;
            }
            int aBase = p0 * acs;
            for (int ib = i0; ib < i1; ib += mc) {
                int ie = Math.min(ib + mc, i1);
                int groups = inPlace ? 0 : (ie - ib) / mr;
                Packing512.packA(a, ars, acs, aBase, ib, groups, mr, kc, packedA);
                int rows = ib + groups * mr; // rows [rows, ie) run with A in place
                // With 16 registers the rows left after the groups (2 at m = 128, 4 at m = 256) are
                // packed as one more group, zero-padded, and run through the tile: read in place they
                // took kernels with variable strides, the profile's micro3 and micro1 at about 5 times
                // their share of the flops.
                int partial = wideTiles || inPlace ? 0 : ie - rows;
                if (partial > 0) {
                    Packing512.packPartialGroup(a, ars, acs, aBase, rows, partial, mr, kc, packedA, groups * mr * kc);
                    rows = ie;
                }
                // With 16 registers the row sweep takes each group's column tail after its panels, C's
                // rows still in order: down the groups, each tail tile's C came from memory.
                boolean tailsInSweep = rowSweep && !wideTiles;
                int groupsDown = tailsInSweep ? 0 : groups; // groups the chunks below still go down
                if (rowSweep) {
                    for (int g = 0; g < groups; g++) {
                        int c0 = (ib + mr * g) * n + j0;
                        for (int j = 0; j < full; j += NR) {
                            fullPanel(packedA, g * mr * kc, packed, SKEW + j * kc, kc, c, c0 + j, n, accBlock);
                        }
                        for (int j = full; tailsInSweep && j < width; ) {
                            int w = chunk(width - j);
                            tail6(
                                    packedA,
                                    g * mr * kc,
                                    packed,
                                    SKEW + j * kc,
                                    kc,
                                    c,
                                    c0 + j,
                                    n,
                                    accBlock,
                                    w,
                                    Math.min(w, width - j),
                                    mr,
                                    tile);
                            j += w;
                        }
                    }
                }
                for (int j = 0; j < width; ) {
                    int w = chunk(width - j);
                    int valid = Math.min(w, width - j);
                    int panel = SKEW + j * kc;
                    int cCol = j0 + j;
                    for (int g = 0; g < groupsDown; g++) {
                        int a0 = g * mr * kc;
                        int c0 = (ib + mr * g) * n + cCol;
                        if (valid == NR) {
                            if (!rowSweep) {
                                fullPanel(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                            }
                        } else if (!wideTiles) {
                            tail6(packedA, a0, packed, panel, kc, c, c0, n, accBlock, w, valid, mr, tile);
                        } else if (w == 2 * V) {
                            PackedTiles512.micro8x2(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                        } else if (valid == V) {
                            PackedTiles512.micro8x1(packedA, a0, packed, panel, kc, c, c0, n, accBlock);
                        } else if (g % 2 == 0) { // two groups at a time (or the last one alone)
                            int rowsOut = g + 1 < groups ? 16 : 8;
                            int a1 = rowsOut == 16 ? a0 + 8 * kc : a0;
                            narrowTile(packedA, a0, a1, rowsOut, packed, panel, kc, c, c0, n, accBlock, valid, tile);
                        }
                    }
                    if (partial > 0) {
                        int a0 = groups * mr * kc;
                        int c0 = (ib + mr * groups) * n + cCol;
                        if (valid == NR) {
                            partialPanel(packedA, a0, packed, panel, kc, c, c0, n, accBlock, partial, tile);
                        } else {
                            tail6(packedA, a0, packed, panel, kc, c, c0, n, accBlock, w, valid, partial, tile);
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
                InPlaceRows512.micro4(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; !wideTiles && i + 3 <= i1; i += 3) {
                InPlaceRows512.micro3(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; !wideTiles && i + 2 <= i1; i += 2) {
                InPlaceRows512.micro2(a, i * ars + aBase, ars, acs, packed, panel, bs, kc, c, i * n + cCol, n, acc);
            }
            for (; i < i1; i++) {
                InPlaceRows512.micro1(a, i * ars + aBase, acs, packed, panel, bs, kc, c, i * n + cCol, acc);
            }
            return;
        }
        int first = i0;
        // C between one and two vectors wide, A's rows contiguous, B two vectors a row: 8 chains, B's
        // second vector read whole (lanes past the valid columns are zero padding, or the next row
        // of a B read in place, and never stored)
        if (!wideTiles
                && w == 2 * V
                && valid > V
                && bs == 2 * V
                && acs == 1
                && panel + (long) (kc - 1) * bs + 2 * V <= packed.length) {
            for (; first + 4 <= i1; first += 4) {
                InPlaceRows512.narrow4x2(
                        a, first * ars + aBase, ars, packed, panel, kc, c, first * n + cCol, n, acc, valid);
            }
        }
        for (int u = 0; u < w; u += V) {
            int cols = Math.min(V, valid - u);
            int i = first;
            for (; i + 4 <= i1; i += 4) {
                InPlaceRows512.narrow4(
                        a, i * ars + aBase, ars, acs, packed, panel + u, bs, kc, c, i * n + cCol + u, n, acc, cols);
            }
            for (; i < i1; i++) {
                InPlaceRows512.narrow1(
                        a, i * ars + aBase, acs, packed, panel + u, bs, kc, c, i * n + cCol + u, acc, cols);
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
        int depth = depth(k);
        for (int p0 = 0; p0 < k; p0 += depth) {
            int kc = Math.min(depth, k - p0);
            boolean accBlock = acc || p0 > 0;
            int aBase = p0 * acs;
            int bBase = p0 * n;
            int j = j0;
            for (; j + 2 * NR <= j1; j += 2 * NR) {
                for (int i = i0; i < i1; i++) {
                    InPlaceRows512.micro1Wide(a, i * ars + aBase, acs, b, bBase + j, NR, n, kc, c, i * n + j, accBlock);
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

    /**
     * Width of the next chunk of B's columns when {@code left} remain: a panel, two vectors or one.
     * With 16 registers, a tail between one and two vectors is one chunk of two: one pass over A
     * (through a tile in {@link #tail6}, or {@link InPlaceRows512#narrow4x2} when A is read in place)
     * instead of a full vector and a nearly empty one, each a pass of its own.
     */
    private int chunk(int left) {
        return left >= NR ? NR : left >= 2 * V || (!wideTiles && left > V) ? 2 * V : V;
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
        PackedTiles512.narrow16(packedA, a0, a1, packed, panel, kc, tile);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * V, c, c0 + r * ldc, valid);
        }
    }

    /**
     * A group of rows of C against a full panel: with 32 registers an 8 × NR tile in 24
     * accumulators; with 16, the 6-row group as two 3 × NR halves of 9.
     */
    private void fullPanel(float[] a, int a0, float[] panel, int bp0, int kc, float[] c, int c0, int ldc, boolean acc) {
        if (wideTiles) {
            PackedTiles512.micro8(a, a0, panel, bp0, kc, c, c0, ldc, acc);
        } else {
            PackedTiles512.micro3x3(a, a0, panel, bp0, kc, c, c0, ldc, acc);
            PackedTiles512.micro3x3(a, a0 + 3, panel, bp0, kc, c, c0 + 3 * ldc, ldc, acc);
        }
    }

    /**
     * With 16 registers, the last group of a block holding {@code rows} (1 to 5) real rows, the rest
     * zero padding, against a full panel: each 3-row half with a real row runs {@link
     * PackedTiles512#micro3x3}, on C when all its rows are real, else on the tile (C's real rows copied
     * in when accumulating, only they copied back).
     */
    private static void partialPanel(
            float[] a,
            int a0,
            float[] panel,
            int bp0,
            int kc,
            float[] c,
            int c0,
            int ldc,
            boolean acc,
            int rows,
            float[] tile) {
        for (int half = 0; half < rows; half += 3) {
            int real = Math.min(3, rows - half);
            int cHalf = c0 + half * ldc;
            if (real == 3) {
                PackedTiles512.micro3x3(a, a0 + half, panel, bp0, kc, c, cHalf, ldc, acc);
                continue;
            }
            for (int r = 0; acc && r < real; r++) {
                System.arraycopy(c, cHalf + r * ldc, tile, r * NR, NR);
            }
            PackedTiles512.micro3x3(a, a0 + half, panel, bp0, kc, tile, 0, NR, acc);
            for (int r = 0; r < real; r++) {
                System.arraycopy(tile, r * NR, c, cHalf + r * ldc, NR);
            }
        }
    }

    /**
     * With 16 registers, a 6-row group of which {@code rows} are real (the rest zero padding)
     * against a column tail of two vectors, one vector, or a last partial vector: on C when the
     * group is whole and its columns are, else through the zero-padded tile (so no kernel needs
     * masks), only the real rows and columns copied back.
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
            int rows,
            float[] tile) {
        boolean viaTile = valid < w || rows < 6;
        float[] out = c;
        int o = c0;
        int ld = ldc;
        if (viaTile) {
            loadTile(c, c0, ldc, acc, w, valid, rows, tile);
            out = tile;
            o = 0;
            ld = w;
        }
        boolean start = acc || viaTile;
        if (w == 2 * V) { // two vectors, the second partial for a C between one and two vectors wide
            PackedTiles512.micro3x2(a, a0, panel, bp0, kc, out, o, ld, start);
            if (rows > 3) {
                PackedTiles512.micro3x2(a, a0 + 3, panel, bp0, kc, out, o + 3 * ld, ld, start);
            }
        } else {
            PackedTiles512.micro6x1(a, a0, panel, bp0, kc, out, o, ld, start);
        }
        if (viaTile) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tile, r * w, c, c0 + r * ldc, valid);
            }
        }
    }

    /**
     * The first {@code rows} rows of C's {@code valid} columns into a zero-padded 6 × w tile (zeros
     * alone unless {@code acc}).
     */
    private static void loadTile(float[] c, int c0, int ldc, boolean acc, int w, int valid, int rows, float[] tile) {
        for (int r = 0; r < 6; r++) {
            boolean real = acc && r < rows;
            if (real) {
                System.arraycopy(c, c0 + r * ldc, tile, r * w, valid);
            }
            java.util.Arrays.fill(tile, r * w + (real ? valid : 0), (r + 1) * w, 0f);
        }
    }
}
