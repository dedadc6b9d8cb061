/**
 * The Chainrule plugin SPI: the four kinds of plugin (activations, losses, initializers,
 * optimizers), the {@link org.chainrule.api.Matrix} they work on, typed parameters, network
 * specifications and the exception hierarchy.
 *
 * <p>This module depends on {@code java.base} only, so a third party writes a plugin against this
 * one jar and registers it with {@code provides org.chainrule.api.ActivationProvider with ...}.
 */
module org.chainrule.api {
    exports org.chainrule.api;
}
