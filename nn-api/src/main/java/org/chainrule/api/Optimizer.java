package org.chainrule.api;

/**
 * A configured optimisation algorithm (immutable). It holds no per-parameter state itself: for
 * each parameter tensor the engine asks for a {@link ParameterUpdater}, which owns that tensor's
 * state (momentum, Adam's moments). One optimizer can therefore train several networks at once.
 *
 * <p>Call order for one training step: the engine computes every gradient of the step, applies
 * {@link #clipNorm()} to all of them together, then calls {@code update} once per parameter with
 * the same step number.
 */
public interface Optimizer {
    /**
     * @param length number of elements of the parameter tensor
     * @return a fresh updater with its own zeroed state
     */
    ParameterUpdater newUpdater(int length);

    /**
     * @return the largest allowed L2 norm of the whole gradient (all parameters of the network
     *     together); the engine scales the gradient down to it before updating. 0 means no
     *     clipping (the default).
     */
    default double clipNorm() {
        return 0;
    }
}
