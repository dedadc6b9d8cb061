package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.Params;

/**
 * {@code sigmoid}: f(z) = 1 / (1 + e^−z), f'(z) = a(1 − a). Declares {@link CanonicalLink#LOGISTIC},
 * so with {@code nll} the engine uses dZ = A − Y.
 */
public final class Sigmoid implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("sigmoid", z, a);
            MathChoice.get().sigmoid(z.data(), 1f, a.data(), z.data().length);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("sigmoid", z, a, dA, dZ);
            float[] as = a.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            for (int i = 0; i < as.length; i++) {
                out[i] = as[i] * (1f - as[i]) * g[i];
            }
        }

        @Override
        public CanonicalLink link() {
            return CanonicalLink.LOGISTIC;
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.op("Sigmoid"));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String description() {
        return "logistic function 1 / (1 + e^-z); canonical link of nll";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
