package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.Params;

/** {@code softplus}: f(z) = log(1 + e^z), computed without overflow; f'(z) = sigmoid(z). */
public final class Softplus implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("softplus", z, a);
            MathChoice.get().softplus(z.data(), a.data(), z.data().length);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("softplus", z, a, dA, dZ);
            float[] zs = z.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            MathChoice.get().sigmoid(zs, 1f, out, zs.length); // f' = σ
            for (int i = 0; i < zs.length; i++) {
                out[i] *= g[i];
            }
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.op("Softplus"));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public String description() {
        return "smooth relu, log(1 + e^z)";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
