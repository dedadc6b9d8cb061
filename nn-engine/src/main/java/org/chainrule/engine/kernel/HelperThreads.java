package org.chainrule.engine.kernel;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of the GEMM helper tasks: a new daemon thread per task, named {@code
 * chainrule-gemm-1}, {@code -2}, … per engine. Daemon threads never keep the JVM alive; an
 * engine's {@code close()} ends them.
 */
public final class HelperThreads implements Executor {
    private final AtomicInteger made = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        Thread t = new Thread(task, "chainrule-gemm-" + made.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }
}
