package org.chainrule.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.chainrule.api.Optimizer;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;
import org.junit.jupiter.api.Test;

final class TestOptimizerProviders {
    private static Optimizer make(OptimizerProvider p, Map<String, String> params) {
        return p.create(Params.resolve(p.name(), p.parameters(), params));
    }

    @Test
    void serviceLoaderFindsEveryOptimizerInThisNamedModule() {
        TestOptimizerProviders.class.getModule().addUses(OptimizerProvider.class);
        List<OptimizerProvider> found = ServiceLoader.load(OptimizerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertEquals(
                Set.of("sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"),
                found.stream().map(OptimizerProvider::name).collect(Collectors.toSet()));
        for (OptimizerProvider p : found) {
            assertEquals("org.chainrule.optimizers", p.getClass().getModule().getName(), p.name());
        }
    }

    @Test
    void sgdStepsAgainstTheGradientWithWeightDecay() {
        ParameterUpdater u =
                make(new Sgd(), Map.of("lr", "0.5", "weight_decay", "0.1")).newUpdater(2);
        float[] theta = {1, -2};

        u.update(theta, new float[] {0.4f, 1f}, 1);

        assertArrayEquals(new float[] {1 - 0.5f * (0.4f + 0.1f), -2 - 0.5f * (1f - 0.2f)}, theta, 1e-7f);
    }

    @Test
    void momentumAccumulatesVelocity() {
        ParameterUpdater u =
                make(new Momentum(), Map.of("lr", "0.1", "momentum", "0.9")).newUpdater(1);
        float[] theta = {0};

        u.update(theta, new float[] {1}, 1); // v = 1, θ = −0.1
        u.update(theta, new float[] {1}, 2); // v = 1.9, θ = −0.29

        assertEquals(-0.29f, theta[0], 1e-6f);
    }

    @Test
    void nesterovLooksAhead() {
        ParameterUpdater u = make(new Momentum(), Map.of("lr", "0.1", "momentum", "0.9", "nesterov", "true"))
                .newUpdater(1);
        float[] theta = {0};

        u.update(theta, new float[] {1}, 1); // v = 1, step g + μv = 1.9

        assertEquals(-0.19f, theta[0], 1e-6f);
    }

    @Test
    void adamFirstStepHasSizeLearningRate() {
        ParameterUpdater u = make(new Adam(), Map.of("lr", "0.01")).newUpdater(2);
        float[] theta = {0, 0};

        u.update(theta, new float[] {3, -0.002f}, 1);

        assertArrayEquals(new float[] {-0.01f, 0.01f}, theta, 1e-5f);
    }

    @Test
    void adamwDecaysWeightsApartFromTheGradient() {
        ParameterUpdater u =
                make(new AdamW(), Map.of("lr", "0.1", "weight_decay", "0.5")).newUpdater(1);
        float[] theta = {2};

        u.update(theta, new float[] {0}, 1); // gradient 0: only the decay acts, θ(1 − ηλ)

        assertEquals(1.9f, theta[0], 1e-6f);
    }

    @Test
    void rmspropAndAdagradNormaliseTheFirstStep() {
        float[] a = {0};
        make(new RmsProp(), Map.of("lr", "0.01", "alpha", "0.99")).newUpdater(1).update(a, new float[] {4}, 1);
        float[] b = {0};
        make(new AdaGrad(), Map.of("lr", "0.01")).newUpdater(1).update(b, new float[] {4}, 1);

        assertEquals(-0.01f / (float) Math.sqrt(0.01), a[0], 1e-6f); // g / √((1 − α) g²)
        assertEquals(-0.01f, b[0], 1e-6f);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        Schedule step = new Schedule("step", 1, 0.5, 10, 100, 0);
        Schedule exp = new Schedule("exponential", 1, 0.5, 10, 100, 0);
        Schedule inv = new Schedule("inverse_time", 1, 0.5, 10, 100, 0);
        Schedule cos = new Schedule("cosine", 1, 0.5, 10, 100, 0.1);

        assertEquals(1.0, step.at(10));
        assertEquals(0.5, step.at(11));
        assertEquals(Math.pow(0.5, 0.5), exp.at(6), 1e-12);
        assertEquals(1 / 1.5, inv.at(11), 1e-12);
        assertEquals(1.0, cos.at(1), 1e-12);
        assertEquals(0.55, cos.at(51), 1e-12);
        assertEquals(0.1, cos.at(500), 1e-12);
    }

    @Test
    void clipNormIsExposedToTheEngine() {
        assertEquals(2.5, make(new Sgd(), Map.of("clip_norm", "2.5")).clipNorm());
        assertEquals(0.0, make(new Sgd(), Map.of()).clipNorm());
    }
}
