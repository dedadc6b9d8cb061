package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * {@code adagrad(eps)}: s ← s + g², θ ← θ − η(t) g / (√s + ε) (Duchi, Hazan and Singer, 2011;
 * PyTorch's Adagrad with no lr decay), g including L2 decay.
 */
public final class AdaGrad extends BaseOptimizer {
    /** Learning rate 0.01, no weight decay. */
    public AdaGrad() {
        super(0.01, 0);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "per-coordinate rates from summed squared gradients (Duchi et al. 2011)";
    }

    @Override
    List<ParamSpec> own() {
        return List.of(ParamSpec.positive("eps", 1e-10, "added to the root"));
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        float eps = (float) p.real("eps");
        return length -> {
            float[] s = new float[length];
            return withState(
                    (param, grad, step) -> {
                        float lr = (float) schedule.at(step);
                        for (int i = 0; i < param.length; i++) {
                            float g = grad[i] + wd * param[i];
                            float si = s[i] + g * g;
                            s[i] = si;
                            param[i] -= lr * g / ((float) Math.sqrt(si) + eps);
                        }
                    },
                    s);
        };
    }
}
