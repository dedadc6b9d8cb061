package org.chainrule.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;
import org.junit.jupiter.api.Test;

final class TestLossProviders {
    private static List<LossProvider> load() {
        TestLossProviders.class.getModule().addUses(LossProvider.class);
        return ServiceLoader.load(LossProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    private static Loss make(LossProvider p, Map<String, String> params) {
        return p.create(Params.resolve(p.name(), p.parameters(), params));
    }

    @Test
    void serviceLoaderFindsEveryLossInThisNamedModule() {
        List<LossProvider> found = load();

        assertEquals(
                Set.of("square", "absolute", "nll", "cross_entropy", "huber"),
                found.stream().map(LossProvider::name).collect(Collectors.toSet()));
        for (LossProvider p : found) {
            assertEquals("org.chainrule.losses", p.getClass().getModule().getName(), p.name());
        }
    }

    @Test
    void halfSquareOfTheRecitationIsEight() {
        Loss loss = make(new Square(), Map.of("scale", "0.5"));
        Matrix dA = new Matrix(1, 1);

        assertEquals(8.0, loss.value(Matrix.wrap(1, 1, new float[] {7}), Matrix.wrap(1, 1, new float[] {3})));
        loss.gradient(Matrix.wrap(1, 1, new float[] {7}), Matrix.wrap(1, 1, new float[] {3}), dA);
        assertArrayEquals(new float[] {4}, dA.data());
    }

    @Test
    void nllClampsLogOfZeroAtMinusHundredLikePyTorch() {
        Loss loss = make(new Nll(), Map.of());

        assertEquals(100.0, loss.value(Matrix.wrap(1, 1, new float[] {0}), Matrix.wrap(1, 1, new float[] {1})));
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        Loss loss = make(new Huber(), Map.of("delta", "1"));
        Matrix a = Matrix.wrap(1, 2, new float[] {0.5f, 3f});
        Matrix y = new Matrix(1, 2);
        Matrix dA = new Matrix(1, 2);

        assertEquals(0.125 + 2.5, loss.value(a, y), 1e-12);
        loss.gradient(a, y, dA);
        assertArrayEquals(new float[] {0.5f, 1f}, dA.data());
    }

    @Test
    void crossEntropySumsOnlyTheTargetClass() {
        Loss loss = make(new CrossEntropy(), Map.of());

        assertEquals(
                -Math.log(0.25),
                loss.value(
                        Matrix.wrap(1, 3, new float[] {0.5f, 0.25f, 0.25f}), Matrix.wrap(1, 3, new float[] {0, 1, 0})),
                1e-7);
    }
}
