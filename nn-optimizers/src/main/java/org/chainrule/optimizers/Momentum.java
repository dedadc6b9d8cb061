package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * {@code momentum(momentum, nesterov)}: v ← μv + g', θ ← θ − η(t)·v, or with Nesterov
 * θ ← θ − η(t)(g' + μv), where g' = g + λθ (Sutskever et al., 2013; PyTorch's SGD form).
 */
public final class Momentum extends BaseOptimizer {
    /** Learning rate 0.05, no weight decay. */
    public Momentum() {
        super(0.05, 0);
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public String description() {
        return "SGD with heavy-ball or Nesterov momentum";
    }

    @Override
    List<ParamSpec> own() {
        return List.of(
                ParamSpec.real("momentum", 0.9, 0, 0.999999, "momentum factor mu"),
                ParamSpec.bool("nesterov", false, "use Nesterov's look-ahead form"));
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        float mu = (float) p.real("momentum");
        boolean nesterov = p.bool("nesterov");
        return length -> {
            float[] v = new float[length];
            return withState(
                    (param, grad, step) -> {
                        float lr = (float) schedule.at(step);
                        for (int i = 0; i < param.length; i++) {
                            float g = grad[i] + wd * param[i];
                            float vi = mu * v[i] + g;
                            v[i] = vi;
                            param[i] -= lr * (nesterov ? g + mu * vi : vi);
                        }
                    },
                    v);
        };
    }
}
