package org.chainrule.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestParams {
    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.positive("rate", 0.1, "a rate"),
            ParamSpec.integer("steps", 10, 1, 100, "how many"),
            ParamSpec.bool("fast", false, "a switch"),
            ParamSpec.choice("mode", "a", List.of("a", "b"), "a mode"));

    @Test
    void defaultsFillMissingValues() {
        Params p = Params.resolve("x", SPECS, Map.of("steps", "20"));

        assertEquals(0.1, p.real("rate"));
        assertEquals(20, p.integer("steps"));
        assertEquals(false, p.bool("fast"));
        assertEquals("a", p.choice("mode"));
    }

    @Test
    void valuesOutsideTheirRangeAreRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Params.resolve("loss 'x'", SPECS, Map.of("steps", "0")));

        assertEquals("loss 'x': parameter 'steps': expected integer ≥ 1, ≤ 100, found 0", e.getMessage());
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Params.resolve("x", SPECS, Map.of("rate", "NaN")));

        assertEquals("x: parameter 'rate': expected a finite number, found 'NaN'", e.getMessage());
    }

    @Test
    void unknownChoiceListsTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> Params.resolve("x", SPECS, Map.of("mode", "c")));

        assertEquals("x: parameter 'mode': expected one of a, b, found 'c'", e.getMessage());
    }

    @Test
    void pluginSpecParsesNameAndParameters() {
        PluginSpec s = PluginSpec.parse(" leaky_relu( alpha = 0.2 ) ");

        assertEquals("leaky_relu", s.name());
        assertEquals(Map.of("alpha", "0.2"), s.params());
        assertEquals("leaky_relu(alpha=0.2)", s.toString());
    }

    @Test
    void pluginSpecWithoutClosingParenthesisIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> PluginSpec.parse("elu(alpha=1"));

        assertEquals("plugin spec 'elu(alpha=1': expected ')' at the end", e.getMessage());
    }

    @Test
    void matrixWrapChecksTheLength() {
        ShapeException e = assertThrows(ShapeException.class, () -> Matrix.wrap(2, 3, new float[5]));

        assertEquals("matrix data: expected 2×3 = 6 values, found 5", e.getMessage());
    }

    @Test
    void testsRunInsideTheApiModule() {
        assertEquals("org.chainrule.api", getClass().getModule().getName());
    }
}
