package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * {@code adam(beta1, beta2, eps)}: Kingma and Ba (2015, arXiv:1412.6980), with bias correction and
 * L2 weight decay added to the gradient (as PyTorch's Adam). See {@link AdamW} for decoupled decay.
 */
public final class Adam extends BaseOptimizer {
    /** Learning rate 0.001, no weight decay. */
    public Adam() {
        super(0.001, 0);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "adaptive moments (Kingma and Ba 2015)";
    }

    @Override
    List<ParamSpec> own() {
        return AdamW.moments();
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        return AdamW.updaters(p, schedule, wd, false);
    }
}
