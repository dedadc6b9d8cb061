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

/** {@code leaky_relu(alpha)}: f(z) = z if z > 0, else αz; f'(z) = 1 or α. */
public final class LeakyRelu implements ActivationProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public String description() {
        return "z if z > 0 else alpha*z";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real("alpha", 0.01, 0, 1, "slope for z <= 0"));
    }

    @Override
    public Activation create(Params params) {
        return new Leaky((float) params.real("alpha"));
    }

    private record Leaky(float alpha) implements Activation {
        @Override
        public void forward(Matrix z, Matrix a) {
            Checks.forward("leaky_relu", z, a);
            float[] zs = z.data();
            float[] as = a.data();
            int one = Float.floatToRawIntBits(1f);
            int slope = Float.floatToRawIntBits(alpha);
            for (int i = 0; i < zs.length; i++) { // a = z · (z > 0 ? 1 : alpha), without a branch
                int m = ScalarMath.positiveMask(zs[i]);
                as[i] = zs[i] * Float.intBitsToFloat((one & m) | (slope & ~m));
            }
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            Checks.backward("leaky_relu", z, a, dA, dZ);
            float[] zs = z.data();
            float[] g = dA.data();
            float[] out = dZ.data();
            int one = Float.floatToRawIntBits(1f);
            int slope = Float.floatToRawIntBits(alpha);
            for (int i = 0; i < zs.length; i++) { // g · (z > 0 ? 1 : alpha), without a branch
                int m = ScalarMath.positiveMask(zs[i]);
                out[i] = g[i] * Float.intBitsToFloat((one & m) | (slope & ~m));
            }
        }

        @Override
        public Optional<OnnxForm> onnx() {
            return Optional.of(OnnxForm.of(
                    Node.of("LeakyRelu", OnnxForm.OUTPUT, OnnxForm.INPUT).with("alpha", alpha)));
        }
    }
}
