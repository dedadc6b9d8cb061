package org.chainrule.engine.loading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build's {@code chainrule.properties} (a resource of the engine's module, filled in by Maven):
 * Chainrule's version, written into model files, and the versions of the libraries it was built
 * against, which {@link Dependencies} names as the ones needed.
 */
public final class BuildInfo {
    private static final Properties BUILD = read();

    private BuildInfo() {}

    /** @return {@code key}'s value, or {@code fallback} (also when the resource is missing, as in a bare IDE build) */
    public static String get(String key, String fallback) {
        return BUILD.getProperty(key, fallback);
    }

    private static Properties read() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/chainrule/engine/chainrule.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
