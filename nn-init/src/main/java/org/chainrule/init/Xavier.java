package org.chainrule.init;

import java.util.List;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code xavier(distribution, gain)}, Glorot and Bengio (2010): keeps activation variance across
 * layers for tanh/sigmoid. Uniform: U[−b, b] with b = gain·√(6/(fan_in + fan_out)); normal:
 * N(0, σ²) with σ = gain·√(2/(fan_in + fan_out)). As PyTorch's {@code xavier_uniform_}/{@code _normal_}.
 */
public final class Xavier implements InitializerProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "xavier";
    }

    @Override
    public String description() {
        return "Glorot: variance 2/(fan_in + fan_out), uniform or normal";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.choice("distribution", "uniform", List.of("uniform", "normal"), "shape of the distribution"),
                ParamSpec.positive("gain", 1.0, "scale factor"));
    }

    @Override
    public Initializer create(Params params) {
        boolean normal = params.choice("distribution").equals("normal");
        double gain = params.real("gain");
        return Fill.drawing(
                (target, fanIn, fanOut, random) -> {
                    double std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
                    if (normal) {
                        Fill.normal(target, 0, std, random);
                    } else {
                        double bound = std * Math.sqrt(3);
                        Fill.uniform(target, -bound, bound, random);
                    }
                },
                (fanIn, fanOut) -> gain * gain * 2.0 / (fanIn + fanOut));
    }
}
