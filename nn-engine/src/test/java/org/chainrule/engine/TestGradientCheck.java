package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Back-propagated gradients (float32 engine) against central finite differences of an
 * independent double-precision forward pass ({@link Reference}), for every activation × loss pair
 * the registry holds, on several seeded networks of different shapes and batch sizes.
 */
final class TestGradientCheck {
    private static final double H = 1e-6;
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    /** Shapes: inputs, hidden units..., outputs; and the batch size. */
    private static final int[][] SHAPES = {{3, 4, 2, 5}, {5, 7, 6, 3, 2}, {2, 3, 1, 1}};

    static Stream<Arguments> pairs() {
        Plugins plugins = Fixtures.CHAINRULE.plugins();
        List<Arguments> out = new ArrayList<>();
        for (String act : plugins.activations().names()) {
            for (String loss : plugins.losses().names()) {
                out.add(Arguments.of(act, loss));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("pairs")
    void backpropagationMatchesFiniteDifferences(String activation, String loss) {
        if (!Reference.knows(activation) || !Reference.knowsLoss(loss)) {
            fail("no double-precision reference for " + activation + " × " + loss + "; add it to Reference");
        }
        for (int variant = 0; variant < variants(activation); variant++) {
            PluginSpec act = variant(activation, variant);
            for (int s = 0; s < SHAPES.length; s++) {
                check(act, PluginSpec.of(loss), SHAPES[s], 100L * s + variant);
            }
        }
    }

    private static int variants(String activation) {
        return switch (activation) {
            case "gelu", "elu", "leaky_relu", "swish" -> 2;
            default -> 1;
        };
    }

    private static PluginSpec variant(String activation, int v) {
        if (v == 0) {
            return PluginSpec.of(activation);
        }
        return PluginSpec.parse(
                switch (activation) {
                    case "gelu" -> "gelu(approximate=tanh)";
                    case "elu" -> "elu(alpha=0.5)";
                    case "leaky_relu" -> "leaky_relu(alpha=0.2)";
                    case "swish" -> "swish(beta=1.7)";
                    default -> throw new AssertionError(activation);
                });
    }

    /** The output activation: the one under test when the loss accepts its range, else the loss's natural one. */
    private static PluginSpec output(PluginSpec act, PluginSpec loss) {
        return switch (loss.name()) {
            case "nll" -> act.name().equals("sigmoid") ? act : PluginSpec.of("sigmoid");
            case "cross_entropy" -> act.name().equals("softmax") ? act : PluginSpec.of("softmax");
            default -> act;
        };
    }

    private static void check(PluginSpec act, PluginSpec loss, int[] shape, long seed) {
        int depth = shape.length - 2;
        int batch = shape[shape.length - 1];
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            PluginSpec f = l == depth ? output(act, loss) : act;
            layers.add(new LayerSpec(
                    shape[l], f, PluginSpec.parse("gaussian(std=0.8)"), PluginSpec.parse("gaussian(std=0.3)")));
        }
        NetworkSpec spec = new NetworkSpec(shape[0], layers, loss);
        int outs = spec.outputs();
        for (int attempt = 0; ; attempt++) {
            long s = seed * 7919 + attempt;
            Network net = Fixtures.CHAINRULE.network(spec, s);
            Matrix x = Fixtures.gaussian(batch, shape[0], 1.0, s + 1);
            Matrix y = switch (loss.name()) {
                case "nll" -> Fixtures.binary(batch, outs, s + 2);
                case "cross_entropy" -> Fixtures.oneHot(batch, outs, s + 2);
                default -> Fixtures.gaussian(batch, outs, 1.0, s + 2);
            };
            double[][] w = new double[depth][];
            double[][] b = new double[depth][];
            for (int l = 0; l < depth; l++) {
                w[l] = toDouble(net.weights(l + 1).data());
                b[l] = toDouble(net.biases(l + 1).data());
            }
            double[] margin = {Double.POSITIVE_INFINITY};
            Reference.objective(spec, w, b, x.data(), y.data(), batch, margin);
            if (margin[0] < 1e-3) {
                if (attempt > 20) {
                    fail("could not draw data away from kinks for " + spec);
                }
                continue; // a pre-activation sits next to a kink: finite differences would straddle it
            }
            net.zeroGradients();
            net.computeGradients(x, y);
            for (int l = 0; l < depth; l++) {
                compare(spec, w, b, w[l], net.weightGradient(l + 1).data(), x, y, "dW" + (l + 1));
                compare(spec, w, b, b[l], net.biasGradient(l + 1).data(), x, y, "db" + (l + 1));
            }
            return;
        }
    }

    private static void compare(
            NetworkSpec spec,
            double[][] w,
            double[][] b,
            double[] param,
            float[] grad,
            Matrix x,
            Matrix y,
            String what) {
        double[] ignored = {Double.POSITIVE_INFINITY};
        for (int i = 0; i < param.length; i++) {
            double keep = param[i];
            param[i] = keep + H;
            double up = Reference.objective(spec, w, b, x.data(), y.data(), x.rows(), ignored);
            param[i] = keep - H;
            double down = Reference.objective(spec, w, b, x.data(), y.data(), x.rows(), ignored);
            param[i] = keep;
            double numeric = (up - down) / (2 * H);
            double error = Math.abs(numeric - grad[i]);
            int index = i;
            assertTrue(
                    error <= RTOL * Math.abs(numeric) + ATOL,
                    () -> spec.layers().stream()
                                    .map(l -> l.units() + " " + l.activation())
                                    .toList() + " " + spec.loss() + ": " + what + "[" + index + "] backprop "
                            + grad[index] + " vs finite difference " + numeric);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
