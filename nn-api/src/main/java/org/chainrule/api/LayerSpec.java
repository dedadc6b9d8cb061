package org.chainrule.api;

import java.util.Objects;

/**
 * One dense layer: Z = A_prev · W + 1·bᵀ, A = f(Z), with W of shape inputs × units.
 *
 * @param units number of outputs n(l) (≥ 1)
 * @param activation the activation f, by name and parameters
 * @param weightInit the initializer for W
 * @param biasInit the initializer for b
 */
public record LayerSpec(int units, PluginSpec activation, PluginSpec weightInit, PluginSpec biasInit)
        implements java.io.Serializable {
    /** The default weight initializer: Glorot/Xavier uniform. */
    public static final PluginSpec DEFAULT_WEIGHT_INIT = PluginSpec.of("xavier");

    /** The default bias initializer: zeros. */
    public static final PluginSpec DEFAULT_BIAS_INIT = PluginSpec.of("zero");

    /** Validates; {@code units} must be positive. */
    public LayerSpec {
        Objects.requireNonNull(activation, "activation is null");
        Objects.requireNonNull(weightInit, "weightInit is null");
        Objects.requireNonNull(biasInit, "biasInit is null");
        if (units < 1) {
            throw new ConfigException("layer units: expected ≥ 1, found " + units);
        }
    }

    /** A layer with the default initializers. */
    public LayerSpec(int units, PluginSpec activation) {
        this(units, activation, DEFAULT_WEIGHT_INIT, DEFAULT_BIAS_INIT);
    }
}
