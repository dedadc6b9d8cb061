package org.chainrule.optimizers;

import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * {@code adamw(beta1, beta2, eps)}: Adam with decoupled weight decay θ ← θ − η(t)λθ applied
 * before the Adam step (Loshchilov and Hutter, 2019, arXiv:1711.05101; PyTorch's AdamW).
 */
public final class AdamW extends BaseOptimizer {
    /** Learning rate 0.001, weight decay 0.01. */
    public AdamW() {
        super(0.001, 0.01);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String description() {
        return "Adam with decoupled weight decay (Loshchilov and Hutter 2019)";
    }

    @Override
    List<ParamSpec> own() {
        return moments();
    }

    @Override
    IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd) {
        return updaters(p, schedule, wd, true);
    }

    static List<ParamSpec> moments() {
        return List.of(
                ParamSpec.real("beta1", 0.9, 0, 0.999999, "decay of the first moment"),
                ParamSpec.real("beta2", 0.999, 0, 0.999999999, "decay of the second moment"),
                ParamSpec.positive("eps", 1e-8, "added to the root of the second moment"));
    }

    static IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float wd, boolean decoupled) {
        float b1 = (float) p.real("beta1");
        float b2 = (float) p.real("beta2");
        float eps = (float) p.real("eps");
        return length -> {
            float[] m = new float[length];
            float[] v = new float[length];
            return withState(
                    (param, grad, step) -> {
                        double lr = schedule.at(step);
                        float c1 = (float) (1 - Math.pow(b1, step));
                        float c2 = (float) (1 - Math.pow(b2, step));
                        float stepSize = (float) (lr / c1);
                        float invSqrtC2 = (float) (1 / Math.sqrt(c2));
                        float decay = decoupled ? (float) (1 - lr * wd) : 1f;
                        float l2 = decoupled ? 0f : wd;
                        for (int i = 0; i < param.length; i++) {
                            float theta = param[i] * decay;
                            float g = grad[i] + l2 * param[i];
                            float mi = b1 * m[i] + (1 - b1) * g;
                            float vi = b2 * v[i] + (1 - b2) * g * g;
                            m[i] = mi;
                            v[i] = vi;
                            param[i] = theta - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + eps);
                        }
                    },
                    m,
                    v);
        };
    }
}
