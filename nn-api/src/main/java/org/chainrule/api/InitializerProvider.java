package org.chainrule.api;

/** A service that creates {@link Initializer}s by name; register it as for {@link ActivationProvider}. */
public interface InitializerProvider extends Plugin {
    /**
     * @param params values for {@link #parameters()}, already validated by the engine
     * @return an initializer; may be shared, since initializers hold no mutable state
     */
    Initializer create(Params params);
}
