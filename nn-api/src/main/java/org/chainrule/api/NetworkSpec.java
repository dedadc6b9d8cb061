package org.chainrule.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A dense layered network: {@code inputs} features, then the layers in order (the last one is the
 * output layer), and the loss it is trained with. Sizes chain by construction: layer l has
 * m(l) = n(l−1) inputs (m(1) = {@code inputs}).
 *
 * @param inputs number of input features m(1) (≥ 1)
 * @param layers the layers, bottom to top (at least one)
 * @param loss the loss, by name and parameters
 */
public record NetworkSpec(int inputs, List<LayerSpec> layers, PluginSpec loss) implements java.io.Serializable {
    /** Validates and copies. */
    public NetworkSpec {
        Objects.requireNonNull(layers, "layers is null");
        Objects.requireNonNull(loss, "loss is null");
        layers = List.copyOf(layers);
        if (inputs < 1) {
            throw new ConfigException("network inputs: expected ≥ 1, found " + inputs);
        }
        if (layers.isEmpty()) {
            throw new ConfigException("network layers: expected at least one layer, found none");
        }
    }

    /** @return the number of outputs, the units of the last layer */
    public int outputs() {
        return layers.getLast().units();
    }

    /** @return the number of inputs of layer {@code l} (0-based) */
    public int inputsOf(int l) {
        return l == 0 ? inputs : layers.get(l - 1).units();
    }

    /**
     * @param inputs the number of input features
     * @return a builder; add layers bottom to top, then the loss
     */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** Builds a {@link NetworkSpec} layer by layer. Not thread-safe. */
    public static final class Builder {
        private final int inputs;
        private final List<LayerSpec> layers = new ArrayList<>();
        private PluginSpec weightInit = LayerSpec.DEFAULT_WEIGHT_INIT;
        private PluginSpec biasInit = LayerSpec.DEFAULT_BIAS_INIT;
        private PluginSpec loss;

        private Builder(int inputs) {
            this.inputs = inputs;
        }

        /**
         * Sets the initializers for the layers added after this call.
         *
         * @param weights e.g. {@code "he"} or {@code "gaussian(std=0.01)"}
         * @param biases e.g. {@code "zero"}
         */
        public Builder init(String weights, String biases) {
            this.weightInit = PluginSpec.parse(weights);
            this.biasInit = PluginSpec.parse(biases);
            return this;
        }

        /**
         * Adds a dense layer.
         *
         * @param units number of outputs
         * @param activation e.g. {@code "relu"} or {@code "leaky_relu(alpha=0.1)"}
         */
        public Builder dense(int units, String activation) {
            layers.add(new LayerSpec(units, PluginSpec.parse(activation), weightInit, biasInit));
            return this;
        }

        /** @param loss e.g. {@code "cross_entropy"} or {@code "square(scale=0.5)"} */
        public Builder loss(String loss) {
            this.loss = PluginSpec.parse(loss);
            return this;
        }

        /** @throws ConfigException if no loss was given or the spec is invalid */
        public NetworkSpec build() {
            if (loss == null) {
                throw new ConfigException("network spec: no loss given");
            }
            return new NetworkSpec(inputs, layers, loss);
        }
    }
}
