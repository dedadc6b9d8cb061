package org.chainrule.activations;

import java.util.List;
import java.util.Optional;
import org.chainrule.activations.math.ElementMath;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code gelu(approximate)}: f(z) = z Φ(z) with Φ the standard normal CDF (Hendrycks and Gimpel,
 * arXiv:1606.08415). {@code approximate=none} evaluates Φ through erf; {@code approximate=tanh}
 * uses 0.5 z (1 + tanh(√(2/π)(z + 0.044715 z³))), as PyTorch's {@code gelu(approximate='tanh')}.
 */
public final class Gelu implements ActivationProvider {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public String description() {
        return "Gaussian error linear unit, z * Phi(z)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.choice("approximate", "none", List.of("none", "tanh"), "exact erf, or the tanh form"));
    }

    @Override
    public Activation create(Params params) {
        return new GeluActivation(params.choice("approximate").equals("tanh"));
    }

    private record GeluActivation(boolean tanh) implements Activation {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("gelu", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            if (tanh) {
                tanhTerm(zs, as);
                for (int i = 0; i < zs.length; i++) {
                    as[i] = (float) (zs[i] * 0.5 * (1 + as[i]));
                }
                return;
            }
            MathChoice.get().gelu(zs, as, zs.length);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("gelu", z, a, dA, dZ);
            float[] zs = z.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            if (tanh) {
                tanhTerm(zs, out);
                for (int i = 0; i < zs.length; i++) {
                    double v = zs[i];
                    double t = out[i];
                    double d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
                    out[i] = (float) (d * g[i]);
                }
                return;
            }
            MathChoice.get().geluBackward(zs, g, out, zs.length);
        }

        /** out[i] = tanh(√(2/π)·(z + 0.044715·z³)), the tanh form's term, through {@link ElementMath}. */
        private static void tanhTerm(float[] zs, float[] out) {
            for (int i = 0; i < zs.length; i++) {
                double v = zs[i];
                out[i] = (float) (SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
            }
            MathChoice.get().tanh(out, out, zs.length);
        }

        @Override
        public Optional<OnnxForm> onnx() {
            if (tanh) { // 0.5 z (1 + tanh(√(2/π)(z + 0.044715 z³)))
                return Optional.of(halfZTimesOnePlus(
                        List.of(
                                Node.of("Mul", "x2", "x", "x"),
                                Node.of("Mul", "x3", "x2", "x"),
                                Node.constant("c", 0.044715f),
                                Node.of("Mul", "cx3", "x3", "c"),
                                Node.of("Add", "inner", "x", "cx3"),
                                Node.constant("k", (float) SQRT_2_OVER_PI),
                                Node.of("Mul", "arg", "inner", "k"),
                                Node.of("Tanh", "t", "arg")),
                        "t"));
            }
            return Optional.of(
                    halfZTimesOnePlus( // 0.5 z (1 + erf(z / √2)); opset 17 has no Gelu operator
                            List.of(
                                    Node.constant("invSqrt2", (float) (1 / Math.sqrt(2))),
                                    Node.of("Mul", "scaled", "x", "invSqrt2"),
                                    Node.of("Erf", "erf", "scaled")),
                            "erf"));
        }

        /** @return {@code head}, then y = 0.5 · x · (1 + term) */
        private static OnnxForm halfZTimesOnePlus(List<Node> head, String term) {
            List<Node> nodes = new java.util.ArrayList<>(head);
            nodes.add(Node.constant("one", 1f));
            nodes.add(Node.of("Add", "onePlus", term, "one"));
            nodes.add(Node.of("Mul", "xOnePlus", "x", "onePlus"));
            nodes.add(Node.constant("half", 0.5f));
            nodes.add(Node.of("Mul", "y", "xOnePlus", "half"));
            return new OnnxForm(nodes);
        }
    }
}
