package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application with a Guice injector of its own installs Chainrule's public module and overrides
 * its bindings as any module's; the engine it gets trains as one from the builder.
 */
final class TestGuiceApplication {
    /** 256 × 256 layers at batch 128: 8.4 M FMAs per product, over the threshold for helper threads. */
    private static final NetworkSpec SPEC = NetworkSpec.builder(256)
            .dense(256, "relu")
            .dense(10, "softmax")
            .loss("cross_entropy")
            .build();

    private static final Dataset DATA = new Dataset(Fixtures.gaussian(512, 256, 1, 4), Fixtures.oneHot(512, 10, 5));

    @BeforeEach
    void vectorKernels() {
        assumeTrue(KernelSelection.vectorAvailable(), "scalar kernels have no helper tasks");
    }

    private static float[] trainedWeights(Chainrule cr) {
        Network net = cr.network(SPEC, 11);
        cr.train(net, TrainingConfig.defaults().withEpochs(2).withBatchSize(128), DATA, null, TrainingListener.NONE);
        return net.weights(1).data().clone();
    }

    private static Injector injectorWith(Executor pool) {
        return Guice.createInjector(Modules.override(new ChainruleModule(
                        Chainrule.builder().kernels("auto").threads(2).settings()))
                .with(b ->
                        b.bind(Executor.class).annotatedWith(WorkerPool.class).toInstance(pool)));
    }

    @Test
    void anApplicationsExecutorRunsTheHelperTasksAndGetsItsThreadBackOnClose() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "application-pool");
            t.setDaemon(true);
            return t;
        });
        try {
            Injector injector = injectorWith(pool);
            Chainrule cr = injector.getInstance(Chainrule.class);
            assertSame(cr, injector.getInstance(Chainrule.class), "one engine per injector");
            float[] weights = trainedWeights(cr);

            assertEquals(1, pool.getTaskCount(), "threads − 1 helper tasks handed to the application's pool");
            assertEquals(1, pool.getActiveCount(), "the helper task runs until the engine is closed");
            cr.close();
            // The pool has one thread, the helper's: work given to it now runs only if close() handed it back.
            assertEquals(
                    "application-pool",
                    pool.submit(() -> Thread.currentThread().getName()).get(60, TimeUnit.SECONDS),
                    "close() hands the pool's thread back");
            try (Chainrule alone =
                    Chainrule.builder().kernels("auto").threads(1).build()) {
                assertArrayEquals(trainedWeights(alone), weights, "bitwise as one thread of the builder's");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The caller claims every unit no helper took, so a pool that never runs the task only costs speed. */
    @Test
    void anExecutorThatNeverRunsTheHelperTasksCostsSpeedNotResults() {
        AtomicInteger handed = new AtomicInteger();
        Chainrule cr = injectorWith(task -> handed.incrementAndGet()).getInstance(Chainrule.class);
        float[] weights = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> trainedWeights(cr));
        assertTimeoutPreemptively(Duration.ofSeconds(5), cr::close);
        assertEquals(1, handed.get());
        try (Chainrule alone = Chainrule.builder().kernels("auto").threads(1).build()) {
            assertArrayEquals(trainedWeights(alone), weights);
        }
    }

    @Test
    void theBuildersExecutorSettingIsTheModulesWorkerPool() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "builder-pool");
            t.setDaemon(true);
            return t;
        });
        try (Chainrule cr = Chainrule.builder().threads(2).executor(pool).build()) {
            trainedWeights(cr);
            assertEquals(1, pool.getActiveCount());
        } finally {
            pool.shutdownNow();
        }
    }

    /** An executor that runs each task inside {@code execute} lends no thread: the engine is made and trains alone. */
    @Test
    void anExecutorThatRunsTasksOnTheCallersThreadDoesNotHang() {
        float[] weights = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Chainrule cr =
                    Chainrule.builder().threads(2).executor(Runnable::run).build()) {
                return trainedWeights(cr);
            }
        });
        try (Chainrule alone = Chainrule.builder().kernels("auto").threads(1).build()) {
            assertArrayEquals(trainedWeights(alone), weights);
        }
    }
}
