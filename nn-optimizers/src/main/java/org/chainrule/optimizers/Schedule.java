package org.chainrule.optimizers;

import org.chainrule.api.Params;

/**
 * The learning rate η(t) at step t = 1, 2, … (one step per mini-batch), with k = t − 1:
 *
 * <ul>
 *   <li>{@code constant}: η
 *   <li>{@code step}: η · γ^⌊k / step_size⌋
 *   <li>{@code exponential}: η · γ^(k / step_size)
 *   <li>{@code inverse_time}: η / (1 + γ · k / step_size)
 *   <li>{@code cosine}: η_min + ½(η − η_min)(1 + cos(π · min(k, period) / period))
 * </ul>
 *
 * The forms follow TensorFlow's {@code *_decay} schedules and SGDR's cosine (Loshchilov and Hutter,
 * arXiv:1608.03983, without restarts).
 */
record Schedule(String kind, double lr, double gamma, int stepSize, int period, double minLr) {
    static Schedule from(Params p) {
        return new Schedule(
                p.choice("schedule"),
                p.real("lr"),
                p.real("gamma"),
                p.integer("step_size"),
                p.integer("period"),
                p.real("min_lr"));
    }

    double at(long step) {
        double k = step - 1;
        return switch (kind) {
            case "constant" -> lr;
            case "step" -> lr * Math.pow(gamma, Math.floor(k / stepSize));
            case "exponential" -> lr * Math.pow(gamma, k / stepSize);
            case "inverse_time" -> lr / (1 + gamma * k / stepSize);
            case "cosine" -> minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(k, period) / period));
            default -> throw new IllegalStateException("unknown schedule " + kind);
        };
    }
}
