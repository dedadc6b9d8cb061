package org.chainrule.activations;

import java.util.List;
import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code swish(beta)}: f(z) = z σ(βz) (Ramachandran et al., arXiv:1710.05941; β = 1 is SiLU);
 * f'(z) = s + βz s(1 − s) with s = σ(βz).
 */
public final class Swish implements ActivationProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "swish";
    }

    @Override
    public String description() {
        return "z * sigmoid(beta*z); beta=1 is SiLU";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real("beta", 1.0, 0, 100, "sharpness of the gate"));
    }

    @Override
    public Activation create(Params params) {
        return new SwishActivation((float) params.real("beta"));
    }

    private record SwishActivation(float beta) implements Activation {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("swish", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            MathChoice.get().sigmoid(zs, beta, as, zs.length);
            for (int i = 0; i < zs.length; i++) {
                as[i] *= zs[i];
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("swish", z, a, dA, dZ);
            float[] zs = z.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            MathChoice.get().sigmoid(zs, beta, out, zs.length); // σ(βz), then the derivative over it
            for (int i = 0; i < zs.length; i++) {
                float s = out[i];
                out[i] = (s + beta * zs[i] * s * (1f - s)) * g[i];
            }
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.of( // z σ(βz)
                    Node.constant("beta", beta),
                    Node.of("Mul", "bz", "x", "beta"),
                    Node.of("Sigmoid", "gate", "bz"),
                    Node.of("Mul", "y", "x", "gate")));
        }
    }
}
