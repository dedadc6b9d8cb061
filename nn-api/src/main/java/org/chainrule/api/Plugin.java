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
    /**
     * The version of this SPI: it changes whenever an interface of {@code org.chainrule.api}
     * changes incompatibly. A plugin compiled against another version is refused by name.
     */
    int SPI_VERSION = 1;

    /**
     * @return the SPI version the plugin was compiled against. Implement it as
     *     {@code return SPI_VERSION;}: the compiler copies the constant into the plugin's class,
     *     so it reports the nn-api the plugin was built with, not the one it runs with. The engine
     *     refuses a plugin whose version is not its own {@link #SPI_VERSION}.
     */
    int spiVersion();

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
