package org.chainrule.engine.loading;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import org.chainrule.api.Plugin;

/** Where a provider came from, for messages: its module and class, or the jar it was loaded from. */
public final class PluginOrigin {
    private PluginOrigin() {}

    /** @return "module/class" of a provider, or "class path/class" for one on the class path */
    public static String origin(Plugin p) {
        Module m = p.getClass().getModule();
        return (m.isNamed() ? m.getName() : "class path") + "/" + p.getClass().getName();
    }

    /** @return the jar (or folder) the provider's class was loaded from, or "built in" */
    public static String location(Plugin p) {
        CodeSource source = p.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "built in";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
