package org.chainrule.api;

import java.util.List;

/**
 * Updates one parameter tensor in place from its gradient and keeps that tensor's optimizer
 * state. Not thread-safe: one updater belongs to one parameter of one network.
 */
public interface ParameterUpdater {
    /**
     * Applies one step, θ ← θ − Δ(grad, state, t).
     *
     * @param param the parameter values, updated in place (length fixed at creation)
     * @param grad ∂objective/∂param for this step (read only; same length)
     * @param step the step number t, starting at 1 and increasing by one per training step
     */
    void update(float[] param, float[] grad, long step);

    /**
     * The updater's state buffers (momentum, Adam's moments), live and in a fixed order, so the
     * engine can save them in a checkpoint and restore them by writing into them. An updater
     * whose state is not listed here cannot be resumed bitwise; stateless updaters (plain SGD,
     * whose only input is the step number the engine passes) keep the default, an empty list.
     *
     * @return the live state arrays, each of the parameter's length or shorter; never copies
     */
    default List<float[]> state() {
        return List.of();
    }
}
