package org.chainrule.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;
import org.junit.jupiter.api.Test;

final class TestInitializerProviders {
    private static Initializer make(InitializerProvider p, Map<String, String> params) {
        return p.create(Params.resolve(p.name(), p.parameters(), params));
    }

    private static Matrix draw(Initializer init, int fanIn, int fanOut, long seed) {
        Matrix m = new Matrix(fanIn, fanOut);
        init.initialize(
                m, fanIn, fanOut, RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
        return m;
    }

    private static double std(Matrix m) {
        double s = 0;
        double s2 = 0;
        for (float v : m.data()) {
            s += v;
            s2 += v * v;
        }
        int n = m.data().length;
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }

    @Test
    void serviceLoaderFindsEveryInitializerInThisNamedModule() {
        TestInitializerProviders.class.getModule().addUses(InitializerProvider.class);
        List<InitializerProvider> found = ServiceLoader.load(InitializerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertEquals(
                Set.of("zero", "constant", "gaussian", "uniform", "xavier", "he"),
                found.stream().map(InitializerProvider::name).collect(Collectors.toSet()));
        for (InitializerProvider p : found) {
            assertEquals("org.chainrule.init", p.getClass().getModule().getName(), p.name());
        }
    }

    @Test
    void heNormalHasStandardDeviationRootTwoOverFanIn() {
        assertEquals(
                Math.sqrt(2.0 / 400), std(draw(make(new He(), Map.of()), 400, 300, 1)), 0.01 * Math.sqrt(2.0 / 400));
    }

    @Test
    void xavierUniformStaysWithinItsBound() {
        Matrix m = draw(make(new Xavier(), Map.of()), 50, 30, 2);
        double bound = Math.sqrt(6.0 / 80);

        for (float v : m.data()) {
            assertTrue(Math.abs(v) <= bound, "value " + v + " within " + bound);
        }
        assertEquals(bound / Math.sqrt(3), std(m), 0.05 * bound);
    }

    @Test
    void constantAndZeroDeclareThemselvesConstant() {
        assertTrue(make(new Zero(), Map.of()).isConstant());
        assertTrue(make(new Constant(), Map.of("value", "0.3")).isConstant());
        assertEquals(false, make(new He(), Map.of()).isConstant());
    }

    @Test
    void uniformWithLowAboveHighIsRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> make(new Uniform(), Map.of("low", "1", "high", "0")));

        assertEquals("initializer 'uniform': expected low < high, found low=1.0, high=0.0", e.getMessage());
    }
}
