package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.chainrule.api.ConfigException;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/** Engines with settings of their own, built without system properties, side by side in one JVM. */
final class TestChainruleBuilder {
    private static final NetworkSpec SPEC = NetworkSpec.builder(40)
            .dense(64, "tanh")
            .dense(5, "softmax")
            .loss("cross_entropy")
            .build();
    private static final Dataset DATA = new Dataset(Fixtures.gaussian(256, 40, 1, 1), Fixtures.oneHot(256, 5, 2));

    private static float[] trainedWeights(Chainrule cr) {
        Network net = cr.network(SPEC, 9);
        cr.train(net, TrainingConfig.defaults().withEpochs(3).withBatchSize(64), DATA, null, TrainingListener.NONE);
        return net.weights(1).data().clone();
    }

    @Test
    void twoEnginesWithOtherKernelsAndThreadsTrainSideBySideEachAsItDoesAlone() throws Exception {
        Chainrule scalar = Chainrule.builder().kernels("scalar").threads(1).build();
        Chainrule vector = Chainrule.builder().kernels("vector128").threads(2).build();
        float[] scalarAlone = trainedWeights(scalar);
        float[] vectorAlone = trainedWeights(vector);

        var a = CompletableFuture.supplyAsync(() -> trainedWeights(scalar));
        var b = CompletableFuture.supplyAsync(() -> trainedWeights(vector));

        assertTrue(scalar.kernels().startsWith("scalar"), scalar.kernels());
        assertTrue(vector.kernels().contains("S_128_BIT"), vector.kernels());
        assertNotEquals(scalar.kernels(), vector.kernels());
        assertArrayEquals(scalarAlone, a.get(), "the scalar engine beside the other");
        assertArrayEquals(vectorAlone, b.get(), "the vector engine beside the other");
    }

    @Test
    void aBuilderReadsNoSystemProperty() {
        String before = System.getProperty("chainrule.kernels");
        System.setProperty("chainrule.kernels", "scalar");
        try {
            assertTrue(
                    Chainrule.builder().kernels("vector256").build().kernels().contains("S_256_BIT"));
        } finally {
            if (before == null) {
                System.clearProperty("chainrule.kernels");
            } else {
                System.setProperty("chainrule.kernels", before);
            }
        }
    }

    @Test
    void badSettingsAreRefusedInOneLine() {
        assertEquals(
                "threads: expected at least 1, found 0",
                assertThrows(ConfigException.class, () -> Chainrule.builder().threads(0))
                        .getMessage());
        assertEquals(
                "kernels: expected one of auto, scalar, vector512, vector256, vector128, found 'avx2'",
                assertThrows(ConfigException.class, () -> Chainrule.builder().kernels("avx2"))
                        .getMessage());
    }

    /** An application that makes engines as it goes can end their helper threads; what they built keeps working. */
    @Test
    void closingAnEngineEndsItsHelperThreadsAndItsNetworksPredictBitwiseAsBefore() throws Exception {
        java.util.Set<Thread> others = helpers();
        Chainrule cr = Chainrule.builder().kernels("vector256").threads(3).build();
        java.util.Set<Thread> own = helpers();
        own.removeAll(others);
        Network net = cr.network(
                new NetworkSpec(
                        256,
                        java.util.List.of(
                                new org.chainrule.api.LayerSpec(256, org.chainrule.api.PluginSpec.of("tanh"))),
                        org.chainrule.api.PluginSpec.of("square")),
                1);
        org.chainrule.api.Matrix x = Fixtures.gaussian(256, 256, 1, 3); // 16.8 M FMAs: split over the helpers
        float[] before = net.predict(x).data();

        cr.close();

        assertEquals(2, own.size(), "the engine's two helper threads");
        for (Thread t : own) {
            t.join(5_000);
            assertTrue(!t.isAlive(), t.getName() + " ended");
        }
        assertArrayEquals(before, net.predict(x).data());
        cr.close(); // idempotent
    }

    private static java.util.Set<Thread> helpers() {
        java.util.Set<Thread> s = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("chainrule-gemm-") && t.isAlive()) {
                s.add(t);
            }
        }
        return s;
    }

    @Test
    void theEnginesListenersHearEveryTrainingRunBeforeTheRunsOwn() {
        java.util.List<String> heard = new java.util.ArrayList<>();
        TrainingListener engine = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r) {
                heard.add("engine " + r.epoch());
            }
        };
        TrainingListener run = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r) {
                heard.add("run " + r.epoch());
            }
        };
        try (Chainrule cr = Chainrule.builder().threads(1).listener(engine).build()) {
            Network net = cr.network(SPEC, 9);
            cr.train(net, TrainingConfig.defaults().withEpochs(2).withBatchSize(64), DATA, null, run);
            cr.train(net, TrainingConfig.defaults().withEpochs(1).withBatchSize(64), DATA, null, TrainingListener.NONE);
        }

        assertEquals(java.util.List.of("engine 1", "run 1", "engine 2", "run 2", "engine 1"), heard);
    }
}
