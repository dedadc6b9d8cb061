package org.chainrule.api;

/** A service that creates {@link Optimizer}s by name; register it as for {@link ActivationProvider}. */
public interface OptimizerProvider extends Plugin {
    /**
     * @param params values for {@link #parameters()}, already validated by the engine
     * @return a configured optimizer
     */
    Optimizer create(Params params);
}
