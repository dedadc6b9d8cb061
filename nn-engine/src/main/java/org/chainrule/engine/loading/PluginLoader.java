package org.chainrule.engine.loading;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
 * path), then those of the plugin folders. In a folder each jar is one plugin, and each sub-folder
 * is one plugin with the libraries it needs (every jar in it). Each plugin is isolated from the
 * others' libraries:
 *
 * <ul>
 *   <li>when Chainrule runs on the module path, a plugin gets a module layer of its own (a modular
 *       jar with its {@code provides}, a plain jar as an automatic module with its
 *       {@code META-INF/services});
 *   <li>when it runs on the class path (as most applications and every Spark executor do), a plugin
 *       gets a class loader of its own whose parent is Chainrule's; its providers come from
 *       {@code META-INF/services}, which a modular jar must carry beside its {@code provides} (a
 *       problem line says so when it does not).
 * </ul>
 *
 * <p>Two plugins in the folders claiming one name: the one whose jar manifest gives the newer
 * {@code Implementation-Version} (else module version) is used, the first in file-name order when
 * no version tells them apart, and one problem line names both jars and the one used. A plugin
 * that cannot be resolved, a provider that cannot be created, one built against another SPI
 * version, one with a bad name or a built-in's name: each is one problem line naming the jar,
 * logged and kept in {@link Found#problems()}; the rest load.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final List<ActivationProvider> activations = new ArrayList<>();
    private final List<LossProvider> losses = new ArrayList<>();
    private final List<InitializerProvider> initializers = new ArrayList<>();
    private final List<OptimizerProvider> optimizers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * What a search found: the providers of each kind in the order found (a built-in first, then
     * the folders' plugins, one per name), and one line per plugin that was skipped or clashed.
     */
    public record Found(
            List<ActivationProvider> activations,
            List<LossProvider> losses,
            List<InitializerProvider> initializers,
            List<OptimizerProvider> optimizers,
            List<String> problems) {
        /** Copies every list. */
        public Found {
            activations = List.copyOf(activations);
            losses = List.copyOf(losses);
            initializers = List.copyOf(initializers);
            optimizers = List.copyOf(optimizers);
            problems = List.copyOf(problems);
        }
    }

    private PluginLoader() {}

    /**
     * Loads the providers {@code layer} and its parents offer, then those of the folders' jars;
     * logs each problem line as a warning.
     */
    public static Found load(ModuleLayer layer, List<Path> folders) {
        PluginLoader l = new PluginLoader();
        l.fromLayer(layer, "module path", p -> true, true);
        for (Path folder : folders) {
            l.fromFolder(folder);
        }
        for (String p : l.problems) {
            LOG.warn("{}", p);
        }
        return new Found(l.activations, l.losses, l.initializers, l.optimizers, l.problems);
    }

    private void fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            problems.add("plugin folder " + folder + ": not a folder; skipped");
            return;
        }
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries =
                    files.filter(f -> isJar(f) || Files.isDirectory(f)).sorted().toList();
        } catch (IOException e) {
            problems.add("plugin folder " + folder + ": cannot list (" + e.getMessage() + "); skipped");
            return;
        }
        for (Path entry : entries) {
            if (isJar(entry)) {
                fromPlugin(List.of(entry), "plugin jar " + entry);
                continue;
            }
            List<Path> jars;
            try (Stream<Path> files = Files.list(entry)) {
                jars = files.filter(PluginLoader::isJar).sorted().toList();
            } catch (IOException e) {
                problems.add("plugin folder " + entry + ": cannot list (" + e.getMessage() + "); skipped");
                continue;
            }
            if (!jars.isEmpty()) {
                fromPlugin(jars, "plugin folder " + entry);
            }
        }
    }

    private static boolean isJar(Path f) {
        return f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f);
    }

    /** Loads one plugin: its jar, or the jars of its sub-folder (the plugin and its libraries). */
    private void fromPlugin(List<Path> jars, String source) {
        if (API_LAYER != null) {
            inLayer(jars, source);
        } else {
            inClassLoader(jars, source);
        }
    }

    /** The layer nn-api is in when Chainrule runs on the module path; null on the class path. */
    private static final ModuleLayer API_LAYER =
            Plugin.class.getModule().isNamed() ? Plugin.class.getModule().getLayer() : null;

    private void inLayer(List<Path> jars, String source) {
        try {
            ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
            Set<String> names = new java.util.TreeSet<>();
            for (ModuleReference ref : finder.findAll()) {
                names.add(ref.descriptor().name());
            }
            if (names.isEmpty()) {
                problems.add(source + ": expected a module, found none; skipped");
                return;
            }
            for (String name : names) {
                if (API_LAYER.findModule(name).isPresent()) {
                    problems.add(source + ": module " + name
                            + " is already loaded (built in or on the module path); skipped");
                    return;
                }
            }
            Configuration cf = API_LAYER.configuration().resolve(finder, ModuleFinder.of(), names);
            ModuleLayer layer = API_LAYER.defineModulesWithOneLoader(cf, Plugin.class.getClassLoader());
            fromLayer(layer, source, p -> p.getClass().getModule().getLayer() == layer, false);
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            problems.add(source + ": cannot be loaded (" + oneLine(e) + "); skipped");
        }
    }

    private void inClassLoader(List<Path> jars, String source) {
        java.net.URL[] urls = new java.net.URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                problems.add(source + ": cannot be loaded (" + oneLine(e) + "); skipped");
                return;
            }
        }
        ClassLoader loader = new java.net.URLClassLoader(source, urls, Plugin.class.getClassLoader());
        requireServicesFiles(jars, source, loader);
        Predicate<Plugin> own = p -> p.getClass().getClassLoader() == loader;
        add(
                ServiceLoader.load(ActivationProvider.class, loader).iterator(),
                "activation",
                source,
                own,
                false,
                activations);
        add(ServiceLoader.load(LossProvider.class, loader).iterator(), "loss", source, own, false, losses);
        add(
                ServiceLoader.load(InitializerProvider.class, loader).iterator(),
                "initializer",
                source,
                own,
                false,
                initializers);
        add(
                ServiceLoader.load(OptimizerProvider.class, loader).iterator(),
                "optimizer",
                source,
                own,
                false,
                optimizers);
    }

    /**
     * On the class path only {@code META-INF/services} names providers (nothing read is turned into
     * a class by name): a modular jar whose module-info provides a Chainrule service without listing
     * it there is one problem line saying what to add.
     */
    private void requireServicesFiles(List<Path> jars, String source, ClassLoader loader) {
        try {
            for (ModuleReference ref :
                    ModuleFinder.of(jars.toArray(Path[]::new)).findAll()) {
                for (var p : ref.descriptor().provides()) {
                    if (p.service().startsWith("org.chainrule.api.")
                            && ref.location().isPresent()
                            && !hasServicesFile(ref, p.service())) {
                        problems.add(source + ": module " + ref.descriptor().name() + " provides " + p.service()
                                + " in module-info but has no META-INF/services/" + p.service()
                                + ", which an application on the class path needs; add it (the conformance kit's"
                                + " packaging check); skipped");
                    }
                }
            }
        } catch (FindException e) {
            // a jar ModuleFinder cannot read may still be a plain jar; ServiceLoader reports real faults
        }
    }

    private static boolean hasServicesFile(ModuleReference ref, String service) {
        try (var reader = ref.open()) {
            return reader.find("META-INF/services/" + service).isPresent();
        } catch (IOException e) {
            return false;
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

    private static <S> Iterator<S> services(ModuleLayer layer, Class<S> type) {
        return (layer == ModuleLayer.boot() ? ServiceLoader.load(type) : ServiceLoader.load(layer, type)).iterator();
    }

    private <P extends Plugin> void add(
            Iterator<P> it, String kind, String source, Predicate<Plugin> own, boolean builtIn, List<P> into) {
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
            if (p == null || !own.test(p)) {
                continue; // a parent's provider, loaded already, or one listed twice
            }
            String problem = check(p);
            if (problem != null) {
                problems.add(source + ": " + kind + " " + PluginOrigin.origin(p) + ": " + problem + "; skipped");
                continue;
            }
            if (builtIn) {
                builtIns.add(p);
                into.add(p);
                continue;
            }
            int at = indexOf(into, p.name());
            if (at < 0) {
                into.add(p);
            } else if (builtIns.contains(into.get(at))) {
                problems.add(source + ": " + kind + " " + PluginOrigin.origin(p) + ": the " + kind + " name '"
                        + p.name() + "' is taken by a built-in plugin; skipped");
            } else {
                P kept = into.get(at);
                String a = version(kept);
                String b = version(p);
                boolean newer = a != null && b != null && newer(b, a);
                problems.add(kind + " '" + p.name() + "': provided by both " + PluginOrigin.location(kept)
                        + (a == null ? "" : " (version " + a + ")") + " and " + PluginOrigin.location(p)
                        + (b == null ? "" : " (version " + b + ")") + "; using "
                        + PluginOrigin.location(newer ? p : kept)
                        + (newer || (a != null && b != null && newer(a, b))
                                ? ", the newer version"
                                : ", the first in file-name order (no version tells them apart)"));
                if (newer) {
                    into.set(at, p);
                }
            }
        }
    }

    private final Set<Plugin> builtIns = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private static int indexOf(List<? extends Plugin> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the plugin's version: its jar manifest's Implementation-Version, else its module's version, else null */
    static String version(Plugin p) {
        String location = PluginOrigin.location(p);
        if (location.endsWith(".jar")) {
            try (var jar = new java.util.jar.JarFile(location)) {
                var manifest = jar.getManifest();
                String v = manifest == null
                        ? null
                        : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.IMPLEMENTATION_VERSION);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            } catch (IOException | SecurityException e) {
                // no manifest to read: try the module's version
            }
        }
        return p.getClass().getModule().getDescriptor() == null
                ? null
                : p.getClass().getModule().getDescriptor().rawVersion().orElse(null);
    }

    /** @return whether version {@code a} is newer than {@code b} (1.10 after 1.9; unparsable: neither) */
    private static boolean newer(String a, String b) {
        try {
            return java.lang.module.ModuleDescriptor.Version.parse(a)
                            .compareTo(java.lang.module.ModuleDescriptor.Version.parse(b))
                    > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return why the provider cannot be used, or null */
    private static String check(Plugin p) {
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
