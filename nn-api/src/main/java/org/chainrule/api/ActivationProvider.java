package org.chainrule.api;

/**
 * A service that creates {@link Activation}s by name, found with {@link java.util.ServiceLoader}.
 * Register an implementation both ways: {@code provides org.chainrule.api.ActivationProvider with
 * ...} in module-info, and a line in {@code META-INF/services/org.chainrule.api.ActivationProvider}
 * for the class path.
 */
public interface ActivationProvider extends Plugin {
    /**
     * @param params values for {@link #parameters()}, already validated by the engine
     * @return an activation; may be shared, since activations hold no mutable state
     */
    Activation create(Params params);
}
