package org.chainrule.engine.kernel.simd;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Helper threads for large GEMMs, handed work without allocating. A product is cut into units
 * (ranges of whole NR-wide column panels or of row groups, whichever balances better), and
 * every thread, the caller included, claims units one at a time from a shared counter until none
 * are left. So a helper that wakes late, or whose CPU is taken by another process, costs at most
 * the unit it already claimed: the caller runs the rest instead of waiting for a fixed share.
 *
 * <p>The cut depends only on the shape and the thread count, and every kernel sums an element of
 * C with the same sequence of FMAs whatever range it is given, so which thread runs which unit
 * never changes a bit of the result: products are bitwise identical on any number of threads.
 * If another thread is already using the helpers, the call runs alone.
 *
 * <p>The helpers are {@code threads − 1} long-running tasks handed to an {@link Executor} once,
 * when the workers are made: by default each gets a daemon thread of its own ({@link
 * org.chainrule.engine.kernel.HelperThreads}); an application may give its own executor, which must then run that many tasks
 * at once until {@link #close()}. A task the executor starts late, or never, costs nothing but
 * speed: the caller claims every unit no helper took.
 */
final class GemmWorkers {
    /**
     * Below this many FMAs (8 Mi) a product stays on the calling thread. Measured on the
     * 784-256-128-10 network (2 vCPUs): at batch 32 its 6.4 M-FMA products on two threads made
     * training no faster than one thread (the hand-over and packing twice cost what the split
     * saves), while batch 128's 25.7 M-FMA products gain; 2 Mi and 8 Mi were equal at batch 128.
     */
    static final long MIN_PARALLEL_FMAS = 1L << 23;

    /**
     * From this many FMAs a product is cut into four units per thread instead of one: each unit
     * packs its own A (column units) or B (row units), which costs a few per cent there.
     */
    static final long FINE_FMAS = 1L << 26;

    private final BlockedGemm kernels;

    /** Helper tasks handed to the executor; each registers its thread here when it starts. */
    private final AtomicReferenceArray<Thread> helpers;

    /** Helper tasks running now; {@link #close()} waits for none. */
    private final AtomicInteger live = new AtomicInteger();

    private volatile Thread closer;
    private final ReentrantLock busy = new ReentrantLock();

    /** Bumped for every product (and on close); helpers wait for it to change. */
    private volatile int generation;

    /** Set by {@link #close()}: helpers end, and every product runs on its caller alone. */
    private volatile boolean closed;

    /** Units in the high 32 bits, the next unclaimed unit in the low: a claim is valid while low < high. */
    private final AtomicLong claims = new AtomicLong();

    /** Units finished (or failed) in the current product. */
    private final AtomicInteger done = new AtomicInteger();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    // The product being split: written by the caller before claims opens it, read after a claim.
    private volatile Thread caller;
    private float[] a;
    private int ars;
    private int acs;
    private float[] b;
    private boolean bT;
    private float[] c;
    private int m;
    private int k;
    private int n;
    private boolean acc;
    private boolean byColumns;
    private int slices;

    /**
     * @param threads threads a product may use, the caller's included (1 = no helper threads)
     * @param kernels the blocked GEMM every unit runs
     * @param executor runs the {@code threads − 1} helper tasks, each until {@link #close()}
     * @throws RejectedExecutionException if the executor refuses a helper task
     */
    GemmWorkers(int threads, BlockedGemm kernels, Executor executor) {
        this.kernels = kernels;
        helpers = new AtomicReferenceArray<>(Math.max(0, threads - 1));
        Thread maker = Thread.currentThread();
        for (int h = 0; h < helpers.length(); h++) {
            int slot = h;
            executor.execute(() -> {
                if (Thread.currentThread() != maker) { // an executor that runs tasks in execute() lends no thread
                    helperLoop(slot);
                }
            });
        }
    }

    /** @return the number of threads a large product uses, the caller included */
    int threads() {
        return helpers.length() + 1;
    }

    void gemm(float[] a, int ars, int acs, float[] b, boolean bT, float[] c, int m, int k, int n, boolean acc) {
        int parts = helpers.length() + 1;
        long fmas = (long) m * n * k;
        int perThread = fmas >= FINE_FMAS ? 4 : 1;
        int nr = kernels.panelWidth();
        int mr = kernels.rowGroup();
        int panels = n / nr;
        int groups = m / mr;
        boolean columns = splitsByColumns(m, n, nr, mr, parts, perThread);
        int slices = columns ? panels : groups; // the indivisible pieces units are made of
        int units = Math.min(slices, perThread * parts);
        if (parts == 1 || fmas < MIN_PARALLEL_FMAS || units < parts || closed || !busy.tryLock()) {
            kernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, 0, n);
            return;
        }
        if (closed) { // closed between the check and the lock: no helper will come
            busy.unlock();
            kernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, 0, n);
            return;
        }
        try {
            this.a = a;
            this.ars = ars;
            this.acs = acs;
            this.b = b;
            this.bT = bT;
            this.c = c;
            this.m = m;
            this.k = k;
            this.n = n;
            this.acc = acc;
            this.byColumns = columns;
            this.slices = slices;
            this.caller = Thread.currentThread();
            done.set(0);
            claims.set((long) units << 32); // opens the product: publishes the fields above
            generation++;
            wakeHelpers();
            runUnits();
            for (int spins = 0; done.get() != units; spins++) {
                if (spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            this.a = null; // keep no reference to the caller's matrices
            this.b = null;
            this.c = null;
            Throwable t = failure.getAndSet(null);
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            }
        } finally {
            busy.unlock();
        }
    }

    /**
     * Whether an m × n product is cut by column panels ({@code nr} wide) rather than by groups of
     * {@code mr} rows: whichever
     * makes the largest unit the smaller share of C (the last unit also takes the columns or rows
     * past the last whole piece). For n = 256, five panels and a 16-wide tail split 96 + 160 while
     * 128 rows split 64 + 64; an option with fewer pieces than threads counts as no split.
     */
    static boolean splitsByColumns(int m, int n, int nr, int mr, int parts, int perThread) {
        int panels = n / nr;
        int groups = m / mr;
        int columnUnits = Math.min(panels, perThread * parts);
        int rowUnits = Math.min(groups, perThread * parts);
        double columnShare = columnUnits < parts ? 2 : (double) largestUnit(panels, columnUnits, nr, n) / n;
        double rowShare = rowUnits < parts ? 2 : (double) largestUnit(groups, rowUnits, mr, m) / m;
        return columnShare < rowShare;
    }

    /**
     * @return the size of the largest of {@code units} units cut from {@code slices} pieces of
     *     {@code size} each, the last unit reaching {@code total}
     */
    static int largestUnit(int slices, int units, int size, int total) {
        int largest = 0;
        for (int u = 0; u < units; u++) {
            int from = (int) ((long) slices * u / units);
            int to = u == units - 1 ? total : (int) ((long) slices * (u + 1) / units) * size;
            largest = Math.max(largest, to - from * size);
        }
        return largest;
    }

    /** Claims and runs units of the current product until none are left. */
    private void runUnits() {
        while (true) {
            long claim = claims.getAndIncrement();
            int unit = (int) claim;
            int units = (int) (claim >>> 32);
            if (unit >= units) {
                return;
            }
            try {
                runUnit(unit, units);
            } catch (Throwable t) { // rethrown on the caller's thread
                failure.compareAndSet(null, t);
            } finally {
                if (done.incrementAndGet() == units) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private void runUnit(int unit, int units) {
        int from = (int) ((long) slices * unit / units);
        int to = (int) ((long) slices * (unit + 1) / units);
        boolean last = unit == units - 1;
        if (byColumns) {
            int nr = kernels.panelWidth();
            int j1 = last ? n : to * nr;
            kernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, from * nr, j1);
        } else {
            int mr = kernels.rowGroup();
            int i1 = last ? m : to * mr;
            kernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, from * mr, i1, 0, n);
        }
    }

    private void wakeHelpers() {
        for (int h = 0; h < helpers.length(); h++) {
            Thread t = helpers.get(h);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** One helper task: waits for products and claims their units until {@link #close()}. */
    private void helperLoop(int slot) {
        live.incrementAndGet();
        Thread self = Thread.currentThread();
        helpers.set(slot, self);
        try {
            int seen = generation;
            while (!closed) {
                for (int spins = 0; generation == seen && !closed; spins++) {
                    if (spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = generation;
                runUnits();
            }
        } finally {
            helpers.compareAndSet(slot, self, null); // an application's pool thread goes back to it
            if (live.decrementAndGet() == 0 && closer != null) {
                LockSupport.unpark(closer);
            }
        }
    }

    /**
     * Ends the helper threads once the product under way (if any) is done, and waits for them.
     * Products after this run on their caller alone, with the same results (the split never
     * changes a bit). Idempotent.
     */
    void close() {
        busy.lock(); // no product is under way, and none starts on the helpers from now on
        try {
            closer = Thread.currentThread();
            closed = true;
            generation++;
            wakeHelpers();
        } finally {
            busy.unlock();
        }
        // A task that starts after this sees closed and ends at once; wait for those running (the
        // last to end unparks this thread; a helper that checked closed before it was set has the
        // unpark above waiting for its park).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long left; live.get() > 0 && (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
