package org.chainrule.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.chainrule.api.Optimizer;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;

/**
 * Parameters every built-in optimizer shares: the learning rate and its schedule, L2 weight decay
 * and gradient-norm clipping. Subclasses add their own parameters and make the updaters.
 */
abstract class BaseOptimizer implements OptimizerProvider {
    private final double defaultLr;
    private final double defaultWeightDecay;

    BaseOptimizer(double defaultLr, double defaultWeightDecay) {
        this.defaultLr = defaultLr;
        this.defaultWeightDecay = defaultWeightDecay;
    }

    /** @return the parameters specific to this optimizer */
    abstract List<ParamSpec> own();

    /**
     * @return a factory of updaters for the validated parameters
     */
    abstract IntFunction<ParameterUpdater> updaters(Params p, Schedule schedule, float weightDecay);

    @Override
    public final int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public final List<ParamSpec> parameters() {
        List<ParamSpec> all = new ArrayList<>();
        all.add(ParamSpec.positive("lr", defaultLr, "learning rate eta"));
        all.add(ParamSpec.choice(
                "schedule",
                "constant",
                List.of("constant", "step", "exponential", "inverse_time", "cosine"),
                "learning-rate schedule eta(t)"));
        all.add(ParamSpec.positive("gamma", 0.5, "decay factor of the step, exponential and inverse_time schedules"));
        all.add(ParamSpec.integer("step_size", 1000, 1, Integer.MAX_VALUE, "steps per decay of the schedules"));
        all.add(ParamSpec.integer("period", 10000, 1, Integer.MAX_VALUE, "steps of the cosine schedule"));
        all.add(ParamSpec.real("min_lr", 0.0, 0, 1e6, "final learning rate of the cosine schedule"));
        all.add(ParamSpec.real("weight_decay", defaultWeightDecay, 0, 1e6, "L2 penalty on every parameter"));
        all.add(ParamSpec.real("clip_norm", 0.0, 0, 1e12, "clip the whole gradient to this L2 norm; 0 = off"));
        all.addAll(own());
        return List.copyOf(all);
    }

    /**
     * @param step the update rule, closing over {@code state}
     * @param state the rule's per-parameter buffers, exposed through {@link ParameterUpdater#state()}
     *     so checkpoints can save and restore them
     */
    static ParameterUpdater withState(ParameterUpdater step, float[]... state) {
        List<float[]> live = List.of(state);
        return new ParameterUpdater() {
            @Override
            public void update(float[] param, float[] grad, long t) {
                step.update(param, grad, t);
            }

            @Override
            public List<float[]> state() {
                return live;
            }
        };
    }

    @Override
    public final Optimizer create(Params p) {
        IntFunction<ParameterUpdater> factory = updaters(p, Schedule.from(p), (float) p.real("weight_decay"));
        double clip = p.real("clip_norm");
        return new Optimizer() {
            @Override
            public ParameterUpdater newUpdater(int length) {
                if (length < 0) {
                    throw new IllegalArgumentException("length: expected >= 0, found " + length);
                }
                return factory.apply(length);
            }

            @Override
            public double clipNorm() {
                return clip;
            }

            @Override
            public String toString() {
                return name() + "(" + p + ")";
            }
        };
    }
}
