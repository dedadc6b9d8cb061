package org.chainrule.engine;

import com.google.inject.AbstractModule;
import java.util.Objects;
import org.chainrule.engine.kernel.Kernels;

/**
 * The Guice module of the engine, used by {@link Chainrule#builder()} and {@link Chainrule#create()}
 * only: not exported, so an application that does not use Guice never sees a Guice type. Discovery
 * and the kernels' choice happen before the module is made, so {@code configure} only binds what
 * was found: no I/O, no conditionals. The engine's classes take their collaborators by constructor
 * injection.
 */
final class ChainruleModule extends AbstractModule {
    private final Plugins plugins;
    private final Kernels kernels;

    /**
     * @param plugins the discovered plugins
     * @param kernels the kernels chosen for this JVM
     */
    ChainruleModule(Plugins plugins, Kernels kernels) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
    }

    @Override
    protected void configure() {
        bind(Plugins.class).toInstance(plugins);
        bind(Kernels.class).toInstance(kernels);
    }
}
