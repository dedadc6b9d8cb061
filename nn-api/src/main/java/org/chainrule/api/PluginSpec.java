package org.chainrule.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A reference to a plugin by name with parameter values as text, e.g.
 * {@code leaky_relu(alpha=0.1)} or {@code gaussian(mean=0, std=0.01)}. The values are validated
 * against the provider's {@link ParamSpec}s when the engine looks the plugin up.
 *
 * @param name lower-case identifier of the plugin
 * @param params parameter values by name, as text
 */
public record PluginSpec(String name, Map<String, String> params) implements java.io.Serializable {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /** Validates the name and parameter names. */
    public PluginSpec {
        Objects.requireNonNull(name, "name is null");
        if (!isIdentifier(name)) {
            throw new ConfigException(
                    "plugin name: expected a lower-case identifier like 'leaky_relu', found '" + name + "'");
        }
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        for (String key : params.keySet()) {
            if (!isIdentifier(key)) {
                throw new ConfigException(
                        "plugin '" + name + "': parameter name must be a lower-case identifier, found '" + key + "'");
            }
        }
    }

    /** @return a spec with no parameters */
    public static PluginSpec of(String name) {
        return new PluginSpec(name, Map.of());
    }

    /**
     * Parses {@code name} or {@code name(key=value, key=value)}.
     *
     * @throws ConfigException naming the text and the character position of the problem
     */
    public static PluginSpec parse(String text) {
        Objects.requireNonNull(text, "text is null");
        String t = text.trim();
        int open = t.indexOf('(');
        if (open < 0) {
            return of(t);
        }
        if (!t.endsWith(")")) {
            throw new ConfigException("plugin spec '" + text + "': expected ')' at the end");
        }
        String name = t.substring(0, open).trim();
        String inner = t.substring(open + 1, t.length() - 1).trim();
        Map<String, String> params = new LinkedHashMap<>();
        if (!inner.isEmpty()) {
            for (String part : inner.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new ConfigException(
                            "plugin spec '" + text + "': expected key=value, found '" + part.trim() + "'");
                }
                String key = part.substring(0, eq).trim();
                if (params.put(key, part.substring(eq + 1).trim()) != null) {
                    throw new ConfigException("plugin spec '" + text + "': parameter '" + key + "' given twice");
                }
            }
        }
        return new PluginSpec(name, params);
    }

    /** @return whether {@code s} is a lower-case identifier: a letter, then letters, digits or '_' */
    public static boolean isIdentifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches();
    }

    /** @return the text form that {@link #parse} reads back */
    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        return name
                + params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
