package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/** {@code sgd}: θ ← θ − η(t)(g + λθ), plain gradient descent (docs/math.md#objective). */
public final class Sgd extends BaseOptimizer {
    /** Learning rate 0.1, no weight decay. */
    public Sgd() {
        super(0.1, 0);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "stochastic gradient descent with an eta(t) schedule";
    }

    @Override
    List<ParamSpec> own() {
        return List.of();
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        return length -> (param, grad, step) -> {
            float lr = (float) schedule.at(step);
            for (int i = 0; i < param.length; i++) {
                param[i] -= lr * (grad[i] + wd * param[i]);
            }
        };
    }
}
