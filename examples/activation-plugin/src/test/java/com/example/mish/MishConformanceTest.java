package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The plugin's own tests: the conformance kit for the defaults and for beta = 2, and known values. */
class MishConformanceTest {
    @TestFactory
    Stream<DynamicNode> mishConforms() {
        return Conformance.activation(new Mish(), "", "beta=2");
    }

    @TestFactory
    Stream<DynamicNode> theJarWorksOnTheModulePathAndTheClassPath() {
        return Conformance.packaging(MishConformanceTest.class.getModule());
    }

    @Test
    void mishOfOneIsKnown() {
        Matrix out = new Matrix(1, 2);
        new Mish()
                .create(Params.resolve("mish", new Mish().parameters(), java.util.Map.of()))
                .forward(Matrix.of(new float[][] {{1f, -1f}}), out);

        assertEquals(0.8650984f, out.get(0, 0), 1e-6f); // 1 · tanh(ln(1 + e))
        assertEquals(-0.3034015f, out.get(0, 1), 1e-6f);
    }
}
