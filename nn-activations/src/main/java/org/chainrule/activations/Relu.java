package org.chainrule.activations;

import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.Params;

/** {@code relu}: f(z) = max(0, z); f'(z) = 1 if z > 0, else 0 (0 at z = 0). */
public final class Relu implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("relu", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            for (int i = 0; i < zs.length; i++) {
                as[i] = Math.max(0f, zs[i]);
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("relu", z, a, dA, dZ);
            MathChoice.get().reluBackward(z.data(), dA.data(), dZ.data(), z.data().length); // z > 0 ? dA : 0
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.op("Relu"));
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String description() {
        return "rectified linear unit, max(0, z)";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
