package org.chainrule.engine.loading;

import com.fasterxml.jackson.core.Version;
import org.chainrule.api.ConfigException;

/**
 * Checks at start-up that the libraries Chainrule links against are versions it works with, so an
 * application whose other dependencies pin an older one is refused in one line naming the library,
 * the version found and the version needed, not with a {@code NoClassDefFoundError} in the middle
 * of saving a model. Only version constants are read here, which every release has.
 */
public final class Dependencies {
    /** The oldest Jackson with what the model files use ({@code StreamReadConstraints}, {@code JsonNode.properties}). */
    static final Version JACKSON_MIN = new Version(2, 15, 0, null, "com.fasterxml.jackson.core", "jackson-core");

    private static volatile boolean checked;

    private Dependencies() {}

    /** The oldest Guice that reads {@code jakarta.inject} annotations, which the engine is wired with. */
    static final String GUICE_MIN = "6.0.0";

    /** The oldest Guava the Guice Chainrule is built with works with (its own dependency). */
    static final String GUAVA_MIN = "31.0.1";

    /** @throws ConfigException naming the first library whose version Chainrule cannot work with */
    public static void check() {
        if (checked) {
            return;
        }
        String guice = older(
                "guice",
                com.google.inject.Guice.class,
                "META-INF/maven/com.google.inject/guice/pom.properties",
                GUICE_MIN,
                "reads the jakarta.inject annotations the engine is wired with");
        if (guice != null) {
            throw new ConfigException(guice);
        }
        String guava = older(
                "guava",
                com.google.common.collect.ImmutableList.class,
                "META-INF/maven/com.google.guava/guava/pom.properties",
                GUAVA_MIN,
                "what Guice " + BuildInfo.get("guice.version", "7") + " needs");
        if (guava != null) {
            throw new ConfigException(guava);
        }
        String built = builtWith();
        String problem = problem(
                "jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION, location(Version.class), built);
        if (problem == null) {
            problem = problem(
                    "jackson-databind",
                    com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
                    location(com.fasterxml.jackson.databind.ObjectMapper.class),
                    built);
        }
        if (problem != null) {
            throw new ConfigException(problem);
        }
        checked = true;
    }

    /** @return the one-line problem with {@code found}, or null if it is new enough */
    static String problem(String library, Version found, String where, String builtWith) {
        if (found.compareTo(JACKSON_MIN) >= 0) {
            return null;
        }
        return "Chainrule needs " + library + " " + JACKSON_MIN.getMajorVersion() + "." + JACKSON_MIN.getMinorVersion()
                + " or newer (built and tested with " + builtWith + "), found " + found + " in " + where
                + ": another dependency of the application pins it; let " + builtWith
                + " win (for example import com.fasterxml.jackson:jackson-bom:" + builtWith
                + " in dependencyManagement)";
    }

    /**
     * @return the one-line problem if the jar holding {@code probe} says ({@link #jarVersion}) that
     *     it is older than {@code min}; null if it is new enough or says nothing
     */
    private static String older(String library, Class<?> probe, String pomProperties, String min, String why) {
        String found = jarVersion(probe, pomProperties);
        if (found == null || compareVersions(found, min) >= 0) {
            return null;
        }
        String built = BuildInfo.get(library + ".version", min);
        return "Chainrule needs " + library + " " + min + " or newer (" + why + "; built and tested with " + built
                + "), found " + found + " in " + location(probe) + ": another dependency of the application pins it;"
                + " let " + built + " win (for example with " + library + " " + built + " in dependencyManagement)";
    }

    /**
     * @return the version the jar that holds {@code c} declares: its manifest's OSGi {@code
     *     Bundle-Version} (Guice and Guava have one), else its Maven pom.properties; null if neither
     *     (classes in a folder, a shaded jar)
     */
    static String jarVersion(Class<?> c, String pomProperties) {
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try (var jar =
                new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
            var manifest = jar.getManifest();
            String bundle =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
            if (bundle != null) {
                return bundle;
            }
            var entry = jar.getEntry(pomProperties);
            if (entry == null) {
                return null;
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = jar.getInputStream(entry)) {
                p.load(in);
            }
            return p.getProperty("version");
        } catch (java.io.IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            return null; // not a jar (classes in a folder): nothing to read
        }
    }

    /** Compares the leading dotted numbers of two versions ({@code 33.7.2-jre} against {@code 31.0.1}). */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static String location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? "the JDK"
                : source.getLocation().getPath();
    }

    private static String builtWith() {
        return BuildInfo.get("jackson.version", "2.15+");
    }
}
