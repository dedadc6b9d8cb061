package org.chainrule.api;

import java.util.List;

/**
 * What every provider has: a unique lower-case name, a description and its declared parameters.
 * Providers are found with {@link java.util.ServiceLoader}; their names are their identities, so
 * two installed providers of one kind with the same name is an error naming both modules.
 *
 * <p>Providers must be stateless: {@code ServiceLoader} caches instances, so anything with state
 * lives in the objects {@code create} returns.
 */
public interface Plugin {
    /** @return lower-case identifier, e.g. {@code "leaky_relu"}; never changes */
    String name();

    /** @return one line saying what the plugin computes, for {@code nn list} */
    String description();

    /**
     * @return the parameters {@code create} accepts, validated by the engine before the call;
     *     none by default
     */
    default List<ParamSpec> parameters() {
        return List.of();
    }
}
