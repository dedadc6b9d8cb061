package org.chainrule.init;

import java.util.List;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/** {@code constant(value)}: every element the same value (docs/warnings.md#constant-initializer says why not for hidden weights). */
public final class Constant implements InitializerProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public String description() {
        return "every element equal to value";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real("value", 0.0, -1e6, 1e6, "the value"));
    }

    @Override
    public Initializer create(Params params) {
        return Fill.constant((float) params.real("value"));
    }
}
