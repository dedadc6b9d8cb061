package org.chainrule.activations;

import java.util.List;
import java.util.Optional;
import org.chainrule.activations.math.ScalarMath;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code elu(alpha)}: f(z) = z if z > 0, else α(e^z − 1); f'(z) = 1, or f(z) + α for z ≤ 0
 * (Clevert et al., 2016, arXiv:1511.07289).
 */
public final class Elu implements ActivationProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public String description() {
        return "exponential linear unit: z if z > 0 else alpha*(e^z - 1)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real("alpha", 1.0, 0, 100, "saturation value -alpha for z -> -inf"));
    }

    @Override
    public Activation create(Params params) {
        return new EluActivation((float) params.real("alpha"));
    }

    private record EluActivation(float alpha) implements Activation {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("elu", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            MathChoice.get().expm1(zs, as, zs.length);
            for (int i = 0; i < zs.length; i++) { // v > 0 ? v : α(e^v − 1), without a branch
                float v = zs[i];
                as[i] = Checks.select(ScalarMath.positiveMask(v), v, alpha * as[i]);
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("elu", z, a, dA, dZ);
            float[] zs = z.data();
            float[] as = a.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            for (int i = 0; i < zs.length; i++) { // z > 0 ? g : (a + α)·g, without a branch
                out[i] = Checks.select(ScalarMath.positiveMask(zs[i]), g[i], (as[i] + alpha) * g[i]);
            }
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(
                    OnnxForm.of(Node.of("Elu", OnnxForm.OUTPUT, OnnxForm.INPUT).with("alpha", alpha)));
        }
    }
}
