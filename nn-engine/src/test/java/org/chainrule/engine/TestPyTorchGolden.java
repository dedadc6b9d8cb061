package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward output, loss and every gradient against PyTorch's autograd, from
 * {@code src/test/resources/golden/golden.txt} (made by {@code make_golden.py} beside it).
 */
final class TestPyTorchGolden {
    private static final float RTOL = 1e-5f;
    private static final float ATOL = 1e-6f;

    record Case(String name, NetworkSpec spec, Map<String, Matrix> matrices, double loss) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TestPyTorchGolden.class.getResourceAsStream("/golden/golden.txt")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = null;
            int inputs = 0;
            List<LayerSpec> layers = new ArrayList<>();
            PluginSpec loss = null;
            Map<String, Matrix> matrices = new HashMap<>();
            double lossValue = Double.NaN;
            for (String line; (line = r.readLine()) != null; ) {
                String[] t = line.split(" ");
                switch (t[0]) {
                    case "network" -> {
                        name = t[1];
                        layers = new ArrayList<>();
                        matrices = new HashMap<>();
                    }
                    case "layers" -> {
                        inputs = Integer.parseInt(t[1]);
                        for (int i = 2; i < t.length; i++) {
                            String[] u = t[i].split(":", 2);
                            layers.add(new LayerSpec(Integer.parseInt(u[0]), PluginSpec.parse(u[1])));
                        }
                    }
                    case "loss" -> loss = PluginSpec.parse(t[1]);
                    case "matrix" -> {
                        int rows = Integer.parseInt(t[2]);
                        int cols = Integer.parseInt(t[3]);
                        float[] v = new float[rows * cols];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (float) Double.parseDouble(t[4 + i]);
                        }
                        matrices.put(t[1], Matrix.wrap(rows, cols, v));
                    }
                    case "scalar" -> lossValue = Double.parseDouble(t[2]);
                    case "end" -> cases.add(new Case(name, new NetworkSpec(inputs, layers, loss), matrices, lossValue));
                    default -> {}
                }
            }
        }
        assertTrue(cases.size() >= 5, "golden.txt holds the cases");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardLossAndGradientsMatchPyTorch(Case c) {
        Network net = Fixtures.CHAINRULE.network(c.spec(), 0);
        int depth = c.spec().layers().size();
        for (int l = 1; l <= depth; l++) {
            net.setWeights(l, c.matrices().get("W" + l));
            net.setBiases(l, c.matrices().get("b" + l));
        }
        Matrix x = c.matrices().get("x");
        Matrix y = c.matrices().get("y");

        assertClose(c.matrices().get("out"), net.predict(x), c.name() + " out");
        assertEquals(c.loss(), net.computeGradients(x, y), 1e-5 * Math.abs(c.loss()) + 1e-6, c.name() + " loss");
        for (int l = 1; l <= depth; l++) {
            assertClose(c.matrices().get("dW" + l), net.weightGradient(l), c.name() + " dW" + l);
            assertClose(c.matrices().get("db" + l), net.biasGradient(l), c.name() + " db" + l);
        }
    }

    private static void assertClose(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what + " rows");
        assertEquals(expected.cols(), actual.cols(), what + " cols");
        for (int i = 0; i < expected.data().length; i++) {
            float e = expected.data()[i];
            float a = actual.data()[i];
            assertEquals(e, a, RTOL * Math.abs(e) + ATOL, what + "[" + i + "]");
        }
    }
}
