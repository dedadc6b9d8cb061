package org.chainrule.engine;

import java.util.Objects;
import java.util.ServiceLoader;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Optimizer;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.api.PluginSpec;

/**
 * The four plugin registries. {@link #discover()} runs {@link ServiceLoader} once per kind (on
 * the module path: every module that {@code provides} the service; on the class path: every
 * {@code META-INF/services} entry); engine code asks these registries, never ServiceLoader.
 *
 * @param activations the installed activations
 * @param losses the installed losses
 * @param initializers the installed initializers
 * @param optimizers the installed optimizers
 */
public record Plugins(
        PluginRegistry<ActivationProvider> activations,
        PluginRegistry<LossProvider> losses,
        PluginRegistry<InitializerProvider> initializers,
        PluginRegistry<OptimizerProvider> optimizers) {

    /** Checks for nulls. */
    public Plugins {
        Objects.requireNonNull(activations, "activations is null");
        Objects.requireNonNull(losses, "losses is null");
        Objects.requireNonNull(initializers, "initializers is null");
        Objects.requireNonNull(optimizers, "optimizers is null");
    }

    /**
     * Finds every installed plugin.
     *
     * @throws org.chainrule.api.ConfigException if two providers of one kind share a name
     */
    public static Plugins discover() {
        return new Plugins(
                PluginRegistry.load(
                        "activation",
                        ServiceLoader.load(ActivationProvider.class).iterator()),
                PluginRegistry.load(
                        "loss", ServiceLoader.load(LossProvider.class).iterator()),
                PluginRegistry.load(
                        "initializer",
                        ServiceLoader.load(InitializerProvider.class).iterator()),
                PluginRegistry.load(
                        "optimizer", ServiceLoader.load(OptimizerProvider.class).iterator()));
    }

    /** @return the activation the spec names, its parameters validated */
    public Activation activation(PluginSpec spec) {
        return activations.provider(spec.name()).create(activations.params(spec));
    }

    /** @return the loss the spec names, its parameters validated */
    public Loss loss(PluginSpec spec) {
        return losses.provider(spec.name()).create(losses.params(spec));
    }

    /** @return the initializer the spec names, its parameters validated */
    public Initializer initializer(PluginSpec spec) {
        return initializers.provider(spec.name()).create(initializers.params(spec));
    }

    /** @return the optimizer the spec names, its parameters validated */
    public Optimizer optimizer(PluginSpec spec) {
        return optimizers.provider(spec.name()).create(optimizers.params(spec));
    }
}
