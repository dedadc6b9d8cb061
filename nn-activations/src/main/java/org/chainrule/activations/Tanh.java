package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.Params;

/** {@code tanh}: f(z) = tanh z, f'(z) = 1 − a². */
public final class Tanh implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("tanh", z, a);
            MathChoice.get().tanh(z.data(), a.data(), z.data().length);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("tanh", z, a, dA, dZ);
            float[] as = a.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            for (int i = 0; i < as.length; i++) {
                out[i] = (1f - as[i] * as[i]) * g[i];
            }
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.op("Tanh"));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String description() {
        return "hyperbolic tangent";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
