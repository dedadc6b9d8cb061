package org.chainrule.engine;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.LossProvider;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.api.Plugin;
import org.chainrule.api.PluginSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers: first those of a module layer (the boot layer: the module path and the class
 * path), then those of every jar in the plugin folders, each jar in a module layer of its own
 * (a modular jar with its {@code provides}, a plain jar as an automatic module with its
 * {@code META-INF/services}). A jar that cannot be resolved, a provider that cannot be created,
 * one built against another SPI version, one with a bad or taken name: each is one problem line
 * naming the jar, logged and kept in {@link Plugins#problems()}; the rest load.
 */
final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final List<ActivationProvider> activations = new ArrayList<>();
    private final List<LossProvider> losses = new ArrayList<>();
    private final List<InitializerProvider> initializers = new ArrayList<>();
    private final List<OptimizerProvider> optimizers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** Loads the providers {@code layer} and its parents offer, then those of the folders' jars. */
    static Plugins load(ModuleLayer layer, List<Path> folders) {
        PluginLoader l = new PluginLoader();
        l.fromLayer(layer, "module path", p -> true, true);
        for (Path folder : folders) {
            l.fromFolder(folder);
        }
        for (String p : l.problems) {
            LOG.warn("{}", p);
        }
        return new Plugins(
                PluginRegistry.of("activation", l.activations),
                PluginRegistry.of("loss", l.losses),
                PluginRegistry.of("initializer", l.initializers),
                PluginRegistry.of("optimizer", l.optimizers),
                l.problems);
    }

    private void fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            problems.add("plugin folder " + folder + ": not a folder; skipped");
            return;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add("plugin folder " + folder + ": cannot list (" + e.getMessage() + "); skipped");
            return;
        }
        for (Path jar : jars) {
            fromJar(jar);
        }
    }

    private void fromJar(Path jar) {
        String source = "plugin jar " + jar;
        try {
            ModuleFinder finder = ModuleFinder.of(jar);
            Set<ModuleReference> found = finder.findAll();
            if (found.size() != 1) {
                problems.add(source + ": expected one module, found " + found.size() + "; skipped");
                return;
            }
            String name = found.iterator().next().descriptor().name();
            ModuleLayer boot = ModuleLayer.boot();
            if (boot.findModule(name).isPresent()) {
                problems.add(
                        source + ": module " + name + " is already loaded (built in or on the module path); skipped");
                return;
            }
            Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(name));
            ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
            fromLayer(layer, source, p -> p.getClass().getModule().getLayer() == layer, false);
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            problems.add(source + ": cannot be loaded (" + oneLine(e) + "); skipped");
        }
    }

    /**
     * The boot layer's providers come through the system class loader, which also sees
     * {@code META-INF/services} on the class path; other layers' through the layer.
     */
    private void fromLayer(ModuleLayer layer, String source, Predicate<Plugin> own, boolean builtIn) {
        add(services(layer, ActivationProvider.class), "activation", source, own, builtIn, activations);
        add(services(layer, LossProvider.class), "loss", source, own, builtIn, losses);
        add(services(layer, InitializerProvider.class), "initializer", source, own, builtIn, initializers);
        add(services(layer, OptimizerProvider.class), "optimizer", source, own, builtIn, optimizers);
    }

    private static <S> ServiceLoader<S> services(ModuleLayer layer, Class<S> type) {
        return layer == ModuleLayer.boot() ? ServiceLoader.load(type) : ServiceLoader.load(layer, type);
    }

    private <P extends Plugin> void add(
            ServiceLoader<P> loader, String kind, String source, Predicate<Plugin> own, boolean builtIn, List<P> into) {
        Set<String> taken = new HashSet<>();
        for (P p : into) {
            taken.add(p.name());
        }
        var it = loader.iterator();
        while (true) {
            P p;
            try {
                if (!it.hasNext()) {
                    return;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add(source + ": " + (kind.matches("[aeiou].*") ? "an " : "a ") + kind
                        + " provider cannot be created (" + oneLine(e) + "); skipped");
                continue;
            }
            if (!own.test(p)) {
                continue; // a parent layer's provider, loaded already
            }
            String problem = check(p, kind, taken, builtIn);
            if (problem != null) {
                problems.add(source + ": " + kind + " " + PluginRegistry.origin(p) + ": " + problem + "; skipped");
                continue;
            }
            taken.add(p.name());
            into.add(p);
        }
    }

    /** @return why the provider cannot be used, or null */
    private static String check(Plugin p, String kind, Set<String> taken, boolean builtIn) {
        int version;
        try {
            version = p.spiVersion();
        } catch (AbstractMethodError e) {
            return "built against an SPI older than version 1 (it has no spiVersion()); this Chainrule provides SPI "
                    + Plugin.SPI_VERSION + ", rebuild the plugin against its nn-api";
        } catch (RuntimeException | LinkageError e) {
            return "spiVersion() failed (" + oneLine(e) + ")";
        }
        if (version != Plugin.SPI_VERSION) {
            return "built against Chainrule SPI " + version + ", but this Chainrule provides SPI " + Plugin.SPI_VERSION
                    + "; rebuild the plugin against the matching nn-api";
        }
        String name;
        try {
            name = p.name();
        } catch (RuntimeException | LinkageError e) {
            return "name() failed (" + oneLine(e) + ")";
        }
        if (!PluginSpec.isIdentifier(name)) {
            return "name must be a lower-case identifier like 'leaky_relu', found '" + name + "'";
        }
        if (!builtIn && taken.contains(name)) {
            return "the " + kind + " name '" + name + "' is taken by an installed plugin";
        }
        return null;
    }

    private static String oneLine(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            s.append(": ").append(c);
        }
        return s.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
