package org.chainrule.init;

import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/** {@code uniform(low, high)}: independent draws from U[low, high). */
public final class Uniform implements InitializerProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "uniform distribution on [low, high)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("low", -0.05, -1e6, 1e6, "lower bound"),
                ParamSpec.real("high", 0.05, -1e6, 1e6, "upper bound"));
    }

    @Override
    public Initializer create(Params params) {
        double low = params.real("low");
        double high = params.real("high");
        if (!(low < high)) {
            throw new ConfigException(
                    "initializer 'uniform': expected low < high, found low=" + low + ", high=" + high);
        }
        return Fill.drawing(
                (target, fanIn, fanOut, random) -> Fill.uniform(target, low, high, random),
                (m, n) -> (high - low) * (high - low) / 12);
    }
}
