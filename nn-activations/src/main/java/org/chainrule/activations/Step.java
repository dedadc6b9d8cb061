package org.chainrule.activations;

import java.util.Arrays;
import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.Params;

/**
 * {@code step}: f(z) = 1 if z > 0, else 0. Its derivative is 0 wherever it exists, so no gradient
 * passes through it (docs/warnings.md#zero-derivative): the engine warns when it sits below the output layer.
 */
public final class Step implements ActivationProvider {
    private static final Activation INSTANCE = new Activation() {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("step", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            for (int i = 0; i < zs.length; i++) {
                as[i] = zs[i] > 0f ? 1f : 0f;
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("step", z, a, dA, dZ);
            Arrays.fill(dZ.data(), 0f);
        }

        @Override
        public boolean blocksGradient() {
            return true;
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.of( // 1 where z > 0, else 0
                    Node.constant("zero", 0f),
                    Node.of("Greater", "positive", "x", "zero"),
                    Node.of("Cast", "y", "positive").with("to", 1))); // to = 1: FLOAT
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "step";
    }

    @Override
    public String description() {
        return "Heaviside step, 1 if z > 0 else 0; passes no gradient";
    }

    @Override
    public Activation create(Params params) {
        return INSTANCE;
    }
}
