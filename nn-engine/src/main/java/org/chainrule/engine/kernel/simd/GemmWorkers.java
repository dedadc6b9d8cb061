package org.chainrule.engine.kernel.simd;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Helper threads for large GEMMs, handed work without allocating: each helper owns a slot of
 * fields the caller fills, and the hand-over is a volatile state flag plus park/unpark.
 *
 * <p>The split is fixed by the shape and the thread count: by whole NR-wide column panels when
 * there are enough, otherwise by rows in multiples of 8. Since every kernel sums an element of C
 * with the same sequence of FMAs whatever range it is given, results are bitwise identical on
 * any number of threads. If another thread is already using the helpers, the call runs alone.
 */
final class GemmWorkers {
    /** Below this many FMAs a product stays on the calling thread: the hand-over would cost more. */
    static final long MIN_PARALLEL_FMAS = 1L << 21;

    private final Helper[] helpers;
    private final ReentrantLock busy = new ReentrantLock();

    GemmWorkers(int threads) {
        helpers = new Helper[Math.max(0, threads - 1)];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Helper("chainrule-gemm-" + (h + 1));
            helpers[h].start();
        }
    }

    /** @return the number of threads a large product uses, the caller included */
    int threads() {
        return helpers.length + 1;
    }

    void gemm(float[] a, int ars, int acs, float[] b, boolean bT, float[] c, int m, int k, int n, boolean acc) {
        int parts = helpers.length + 1;
        if (parts == 1 || (long) m * n * k < MIN_PARALLEL_FMAS || !busy.tryLock()) {
            VectorKernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, 0, n);
            return;
        }
        try {
            int panels = n / VectorKernels.NR;
            boolean byColumns = panels >= parts;
            int units = byColumns ? panels : m / 8;
            if (units < parts) {
                VectorKernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, 0, n);
                return;
            }
            Thread caller = Thread.currentThread();
            for (int h = 0; h < helpers.length; h++) {
                int from = units * (h + 1) / parts;
                int to = units * (h + 2) / parts;
                Helper w = helpers[h];
                w.a = a;
                w.ars = ars;
                w.acs = acs;
                w.b = b;
                w.bT = bT;
                w.c = c;
                w.m = m;
                w.k = k;
                w.n = n;
                w.acc = acc;
                boolean last = h == helpers.length - 1;
                if (byColumns) {
                    w.i0 = 0;
                    w.i1 = m;
                    w.j0 = from * VectorKernels.NR;
                    w.j1 = last ? n : to * VectorKernels.NR;
                } else {
                    w.i0 = from * 8;
                    w.i1 = last ? m : to * 8;
                    w.j0 = 0;
                    w.j1 = n;
                }
                w.caller = caller;
                w.state = Helper.READY; // volatile write: publishes the fields above
                LockSupport.unpark(w);
            }
            int mine = units / parts;
            if (byColumns) {
                VectorKernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, m, 0, mine * VectorKernels.NR);
            } else {
                VectorKernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, 0, mine * 8, 0, n);
            }
            for (Helper w : helpers) {
                for (int spins = 0; w.state != Helper.DONE; spins++) {
                    if (spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                w.state = Helper.IDLE;
            }
            RuntimeException failure = null;
            for (Helper w : helpers) {
                if (w.failure != null && failure == null) {
                    failure = w.failure;
                }
                w.failure = null;
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            busy.unlock();
        }
    }

    /** A daemon thread that runs one slice of a product when its state says READY. */
    private static final class Helper extends Thread {
        static final int IDLE = 0;
        static final int READY = 1;
        static final int DONE = 2;

        volatile int state = IDLE;
        Thread caller;
        RuntimeException failure;
        float[] a;
        int ars;
        int acs;
        float[] b;
        boolean bT;
        float[] c;
        int m;
        int k;
        int n;
        boolean acc;
        int i0;
        int i1;
        int j0;
        int j1;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                for (int spins = 0; state != READY; spins++) {
                    if (spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                try {
                    VectorKernels.gemmBlocked(a, ars, acs, b, bT, c, m, k, n, acc, i0, i1, j0, j1);
                } catch (RuntimeException e) {
                    failure = e; // rethrown on the caller's thread
                }
                a = null;
                b = null;
                c = null;
                Thread waiting = caller;
                state = DONE;
                LockSupport.unpark(waiting);
            }
        }
    }
}
