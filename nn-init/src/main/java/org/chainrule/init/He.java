package org.chainrule.init;

import java.util.List;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code he(distribution)}, He et al. (2015, arXiv:1502.01852): variance 2/fan_in, for ReLU layers.
 * Normal: N(0, 2/fan_in); uniform: U[−b, b] with b = √(6/fan_in). As PyTorch's
 * {@code kaiming_normal_}/{@code kaiming_uniform_} with mode fan_in, nonlinearity relu.
 */
public final class He implements InitializerProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "he";
    }

    @Override
    public String description() {
        return "Kaiming: variance 2/fan_in, normal or uniform; for relu layers";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.choice("distribution", "normal", List.of("normal", "uniform"), "shape of the distribution"));
    }

    @Override
    public Initializer create(Params params) {
        boolean normal = params.choice("distribution").equals("normal");
        return Fill.drawing(
                (target, fanIn, fanOut, random) -> {
                    double std = Math.sqrt(2.0 / fanIn);
                    if (normal) {
                        Fill.normal(target, 0, std, random);
                    } else {
                        double bound = std * Math.sqrt(3);
                        Fill.uniform(target, -bound, bound, random);
                    }
                },
                (fanIn, fanOut) -> 2.0 / fanIn);
    }
}
