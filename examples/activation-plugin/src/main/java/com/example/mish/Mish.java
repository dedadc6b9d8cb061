package com.example.mish;

import java.util.List;
import java.util.Optional;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ElementwiseActivation;
import org.chainrule.api.OnnxForm;
import org.chainrule.api.OnnxForm.Node;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code mish(beta)}: f(z) = z · tanh(s(z)) with s(z) = softplus(βz)/β = ln(1 + e^{βz})/β
 * (Misra 2019 for β = 1; β sharpens the knee as in swish). Its derivative, with s'(z) = σ(βz):
 * f'(z) = tanh(s) + z · (1 − tanh²(s)) · σ(βz).
 */
public final class Mish implements ActivationProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION; // the compiler copies nn-api's constant in: the version built against
    }

    @Override
    public String name() {
        return "mish";
    }

    @Override
    public String description() {
        return "z * tanh(softplus(beta*z)/beta), smooth and non-monotonic (Misra 2019)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.positive("beta", 1.0, "sharpness of the softplus inside"));
    }

    @Override
    public Activation create(Params params) {
        float beta = (float) params.real("beta");
        return new ElementwiseActivation() {
            @Override
            protected float apply(float z) {
                return (float) (z * Math.tanh(softplus(z, beta)));
            }

            @Override
            protected float derivative(float z, float a) {
                double t = Math.tanh(softplus(z, beta));
                double sigma = 1 / (1 + Math.exp(-beta * (double) z));
                return (float) (t + z * (1 - t * t) * sigma);
            }

            /** For ONNX export (opset 17 has no Mish operator): z · tanh(softplus(βz) / β). */
            @Override
            public Optional<OnnxForm> onnx() {
                return Optional.of(OnnxForm.of(
                        Node.constant("beta", beta),
                        Node.of("Mul", "bz", "x", "beta"),
                        Node.of("Softplus", "softplus", "bz"),
                        Node.of("Div", "s", "softplus", "beta"),
                        Node.of("Tanh", "t", "s"),
                        Node.of("Mul", "y", "x", "t")));
            }
        };
    }

    /** softplus(βz)/β without overflow: βz itself beyond 30, where ln(1 + e^x) = x to double precision. */
    static double softplus(float z, float beta) {
        double x = beta * (double) z;
        return (x > 30 ? x : Math.log1p(Math.exp(x))) / beta;
    }
}
