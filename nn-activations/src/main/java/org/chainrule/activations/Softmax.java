package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.activations.math.ElementMath;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.Params;

/**
 * {@code softmax}, row-wise: a_i = e^(z_i − max z) / Σ_j e^(z_j − max z). Backward is the
 * Jacobian-vector product dz_i = a_i (da_i − Σ_j a_j da_j). Declares {@link CanonicalLink#SOFTMAX},
 * so with {@code cross_entropy} the engine uses dZ = A − Y.
 */
public final class Softmax implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("softmax", z, a);
            int cols = z.cols();
            float[] zs = z.data();
            float[] as = a.data();
            ElementMath math = MathChoice.get();
            for (int r = 0, base = 0; r < z.rows(); r++, base += cols) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, zs[base + c]);
                }
                math.exp(zs, max, as, base, base + cols);
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += as[base + c];
                }
                float inv = (float) (1.0 / sum);
                for (int c = 0; c < cols; c++) {
                    as[base + c] *= inv;
                }
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("softmax", z, a, dA, dZ);
            int cols = z.cols();
            float[] as = a.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            for (int r = 0, base = 0; r < z.rows(); r++, base += cols) {
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += as[base + c] * g[base + c];
                }
                float d = (float) dot;
                for (int c = 0; c < cols; c++) {
                    out[base + c] = as[base + c] * (g[base + c] - d);
                }
            }
        }

        @Override
        public CanonicalLink link() {
            return CanonicalLink.SOFTMAX;
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.of(
                    Node.of("Softmax", OnnxForm.OUTPUT, OnnxForm.INPUT).with("axis", -1)));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String description() {
        return "row-wise normalised exponential; canonical link of cross_entropy";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
