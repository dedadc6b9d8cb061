package org.chainrule.engine;

import java.nio.file.Path;
import java.util.List;
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
import org.chainrule.engine.loading.PluginLoader;

/**
 * The four plugin registries, and what went wrong finding them. {@link #discover()} runs
 * {@link ServiceLoader} once per kind on the module path (every module that {@code provides} the
 * service) and the class path (every {@code META-INF/services} entry); {@link #discover(List)}
 * adds the jars of plugin folders, each in a module layer of its own. Engine code asks these
 * registries, never ServiceLoader.
 *
 * @param activations the installed activations
 * @param losses the installed losses
 * @param initializers the installed initializers
 * @param optimizers the installed optimizers
 * @param problems one line per plugin that could not be used (naming its jar and why); these
 *     plugins were skipped, the rest work
 */
public record Plugins(
        PluginRegistry<ActivationProvider> activations,
        PluginRegistry<LossProvider> losses,
        PluginRegistry<InitializerProvider> initializers,
        PluginRegistry<OptimizerProvider> optimizers,
        List<String> problems) {

    /** Checks for nulls and copies. */
    public Plugins {
        Objects.requireNonNull(activations, "activations is null");
        Objects.requireNonNull(losses, "losses is null");
        Objects.requireNonNull(initializers, "initializers is null");
        Objects.requireNonNull(optimizers, "optimizers is null");
        problems = List.copyOf(problems);
    }

    /** Registries with no problems recorded (plugins assembled by hand). */
    public Plugins(
            PluginRegistry<ActivationProvider> activations,
            PluginRegistry<LossProvider> losses,
            PluginRegistry<InitializerProvider> initializers,
            PluginRegistry<OptimizerProvider> optimizers) {
        this(activations, losses, initializers, optimizers, List.of());
    }

    /**
     * Finds every plugin on the module path and the class path.
     *
     * @throws org.chainrule.api.ConfigException if two providers of one kind there share a name
     */
    public static Plugins discover() {
        return discover(List.of());
    }

    /**
     * Finds the plugins on the module path and the class path, then those in the jars of
     * {@code folders} (modular or plain), each jar in a module layer of its own. A jar or provider
     * that cannot be used — unresolvable, throwing on creation, built against another SPI version,
     * badly named, or named like one found before — is logged and listed in {@link #problems()};
     * the rest work.
     *
     * @param folders plugin folders, searched in order
     * @throws org.chainrule.api.ConfigException if two providers on the module path share a name
     */
    public static Plugins discover(List<Path> folders) {
        return of(PluginLoader.load(ModuleLayer.boot(), folders));
    }

    /**
     * Finds the plugins an application's own module layer offers (with those of its parents).
     *
     * @param layer a layer the application built, e.g. with plugins it manages itself
     */
    public static Plugins discover(ModuleLayer layer) {
        return of(PluginLoader.load(layer, List.of()));
    }

    /**
     * Finds the plugins of an application's module layer (with its parents), then those in the
     * jars of {@code folders}, as {@link #discover(List)} does.
     */
    public static Plugins discover(ModuleLayer layer, List<Path> folders) {
        return of(PluginLoader.load(layer, folders));
    }

    /** @return registries of what a search found, with its problem lines */
    private static Plugins of(PluginLoader.Found found) {
        return new Plugins(
                PluginRegistry.of("activation", found.activations()),
                PluginRegistry.of("loss", found.losses()),
                PluginRegistry.of("initializer", found.initializers()),
                PluginRegistry.of("optimizer", found.optimizers()),
                found.problems());
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
