package org.chainrule.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.chainrule.engine.kernel.HelperThreads;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.select.KernelSelection;

/**
 * The engine's composition root, for applications that use Guice themselves; {@link
 * Chainrule.Builder#build()} uses it too, so an application that does not use Guice never sees
 * it. It constructs every engine service from one {@link Chainrule.Settings}: the plugins (found
 * here, once), the worker pool of large products, the kernels, and through their constructors the
 * network factory, the trainer and the {@link Chainrule} itself. Nothing here reads a system
 * property or an environment variable.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *         Modules.override(new ChainruleModule(Chainrule.builder().threads(2).settings()))
 *                 .with(b -> b.bind(Executor.class).annotatedWith(WorkerPool.class).toInstance(myPool)));
 * Chainrule cr = injector.getInstance(Chainrule.class);
 * }</pre>
 *
 * <p>Every binding is a singleton of the injector: one injector, one engine. Close the {@link
 * Chainrule} to end the helper tasks.
 *
 * <p>This class and {@link WorkerPool} are the API's only Guice types. They sit beside {@link
 * Chainrule} because each builds the other: the builder's engine comes from this module. An
 * application that names them requires Guice itself (the engine's module does not re-export it).
 */
public final class ChainruleModule extends AbstractModule {
    private final Chainrule.Settings settings;

    /** @param settings the engine's settings, e.g. {@code Chainrule.builder().threads(2).settings()} */
    public ChainruleModule(Chainrule.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(Chainrule.class).in(Singleton.class);
        bind(Chainrule.Settings.class).toInstance(settings);
    }

    /** @return the plugins the settings give, or those found on the paths and folders they name */
    @Provides
    @Singleton
    Plugins plugins() {
        if (settings.plugins() != null) {
            return settings.plugins();
        }
        return Plugins.discover(
                settings.moduleLayer() != null ? settings.moduleLayer() : ModuleLayer.boot(), settings.pluginFolders());
    }

    /**
     * @return the executor of the {@code threads − 1} helper tasks of large products: the one the
     *     settings give, else a daemon thread per task; override this binding to use a pool of the
     *     application's (it must run that many tasks at once, each until the engine is closed)
     */
    @Provides
    @Singleton
    @WorkerPool
    Executor workerPool() {
        return settings.executor() != null ? settings.executor() : new HelperThreads();
    }

    /** @return the kernels of the kind and thread count the settings give, logged once */
    @Provides
    @Singleton
    Kernels kernels(@WorkerPool Executor pool) {
        return KernelSelection.create(settings.kernels(), settings.threads(), pool);
    }
}
