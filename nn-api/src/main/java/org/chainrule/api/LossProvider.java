package org.chainrule.api;

/** A service that creates {@link Loss}es by name; register it as for {@link ActivationProvider}. */
public interface LossProvider extends Plugin {
    /**
     * @param params values for {@link #parameters()}, already validated by the engine
     * @return a loss; may be shared, since losses hold no mutable state
     */
    Loss create(Params params);
}
