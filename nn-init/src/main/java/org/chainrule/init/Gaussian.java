package org.chainrule.init;

import java.util.List;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/** {@code gaussian(mean, std)}: independent draws from N(mean, std²). */
public final class Gaussian implements InitializerProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "normal distribution N(mean, std^2)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("mean", 0.0, -1e6, 1e6, "mean"), ParamSpec.positive("std", 0.01, "standard deviation"));
    }

    @Override
    public Initializer create(Params params) {
        double mean = params.real("mean");
        double std = params.real("std");
        return Fill.drawing(
                (target, fanIn, fanOut, random) -> Fill.normal(target, mean, std, random), (m, n) -> std * std);
    }
}
