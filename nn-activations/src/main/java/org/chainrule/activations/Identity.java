package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.Params;

/** {@code identity}: f(z) = z, f'(z) = 1 (a linear output layer, as for regression). */
public final class Identity implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("identity", z, a);
            System.arraycopy(z.data(), 0, a.data(), 0, z.data().length);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("identity", z, a, dA, dZ);
            System.arraycopy(dA.data(), 0, dZ.data(), 0, dA.data().length);
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.op("Identity"));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String description() {
        return "f(z) = z; a linear layer";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
