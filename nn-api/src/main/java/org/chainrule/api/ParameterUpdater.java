package org.chainrule.api;

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
}
