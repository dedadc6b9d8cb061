package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * {@code rmsprop(alpha, eps)}: s ← αs + (1 − α)g², θ ← θ − η(t) g / (√s + ε) (Tieleman and
 * Hinton, 2012, lecture 6.5; PyTorch's RMSprop without momentum), g including L2 decay.
 */
public final class RmsProp extends BaseOptimizer {
    /** Learning rate 0.01, no weight decay. */
    public RmsProp() {
        super(0.01, 0);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "divide by a running RMS of the gradient (Tieleman and Hinton 2012)";
    }

    @Override
    List<ParamSpec> own() {
        return List.of(
                ParamSpec.real("alpha", 0.99, 0, 0.999999999, "decay of the squared-gradient average"),
                ParamSpec.positive("eps", 1e-8, "added to the root"));
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        float alpha = (float) p.real("alpha");
        float eps = (float) p.real("eps");
        return length -> {
            float[] s = new float[length];
            return withState(
                    (param, grad, step) -> {
                        float lr = (float) schedule.at(step);
                        for (int i = 0; i < param.length; i++) {
                            float g = grad[i] + wd * param[i];
                            float si = alpha * s[i] + (1 - alpha) * g * g;
                            s[i] = si;
                            param[i] -= lr * g / ((float) Math.sqrt(si) + eps);
                        }
                    },
                    s);
        };
    }
}
