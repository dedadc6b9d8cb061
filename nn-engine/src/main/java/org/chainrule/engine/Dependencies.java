package org.chainrule.engine;

import com.fasterxml.jackson.core.Version;
import org.chainrule.api.ConfigException;

/**
 * Checks at start-up that the libraries Chainrule links against are versions it works with, so an
 * application whose other dependencies pin an older one is refused in one line naming the library,
 * the version found and the version needed, not with a {@code NoClassDefFoundError} in the middle
 * of saving a model. Only version constants are read here, which every release has.
 */
final class Dependencies {
    /** The oldest Jackson with what the model files use ({@code StreamReadConstraints}, {@code JsonNode.properties}). */
    static final Version JACKSON_MIN = new Version(2, 15, 0, null, "com.fasterxml.jackson.core", "jackson-core");

    private static volatile boolean checked;

    private Dependencies() {}

    /** @throws ConfigException naming the first library whose version Chainrule cannot work with */
    static void check() {
        if (checked) {
            return;
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

    private static String location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? "the JDK"
                : source.getLocation().getPath();
    }

    private static String builtWith() {
        return ModelFile.build().getProperty("jackson.version", "2.15+");
    }
}
