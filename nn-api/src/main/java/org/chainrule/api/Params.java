package org.chainrule.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Validated parameter values for one plugin instance, every declared parameter present (defaults
 * filled in). Immutable. Built by {@link #resolve}; a plugin reads its values with the typed
 * getters, which never fail for a parameter the plugin declared.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** An empty parameter set, for plugins that declare no parameters. */
    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /**
     * Checks user-given text values against the declared parameters and parses them.
     *
     * @param owner names the plugin in messages, e.g. {@code "activation 'leaky_relu'"}
     * @param specs the plugin's declared parameters
     * @param given the user's values by name, as text
     * @throws ConfigException naming the owner and parameter when a name is unknown, a required
     *     value is missing, or a value does not parse or lies outside its range
     */
    public static Params resolve(String owner, List<ParamSpec> specs, Map<String, String> given) {
        Objects.requireNonNull(owner, "owner is null");
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
        }
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new ConfigException(owner + ": unknown parameter '" + key + "'; "
                        + (byName.isEmpty()
                                ? "it takes no parameters"
                                : "known: " + String.join(", ", byName.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            String text = given.getOrDefault(s.name(), s.defaultValue());
            if (text == null) {
                throw new ConfigException(owner + ": parameter '" + s.name() + "' is required (" + s.summary() + ")");
            }
            values.put(s.name(), parse(owner, s, text.trim()));
        }
        return new Params(values);
    }

    private static Object parse(String owner, ParamSpec s, String text) {
        String where = owner + ": parameter '" + s.name() + "'";
        switch (s.type()) {
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where + ": expected a number, found '" + text + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new ConfigException(where + ": expected a finite number, found '" + text + "'");
                }
                checkRange(where, s, v, text);
                return v;
            }
            case INTEGER -> {
                int v;
                try {
                    v = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where + ": expected an integer, found '" + text + "'");
                }
                checkRange(where, s, v, text);
                return v;
            }
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new ConfigException(where + ": expected true or false, found '" + text + "'");
                }
                return Boolean.parseBoolean(text);
            }
            case CHOICE -> {
                if (!s.choices().contains(text)) {
                    throw new ConfigException(
                            where + ": expected one of " + String.join(", ", s.choices()) + ", found '" + text + "'");
                }
                return text;
            }
            default -> throw new IllegalStateException("unhandled type " + s.type());
        }
    }

    private static void checkRange(String where, ParamSpec s, double v, String text) {
        boolean low = s.minExclusive() ? v <= s.min() : v < s.min();
        if (low || v > s.max()) {
            throw new ConfigException(where + ": expected " + s.rangeText() + ", found " + text);
        }
    }

    /** @return the value of a declared REAL parameter */
    public double real(String name) {
        return (Double) get(name, Double.class);
    }

    /** @return the value of a declared INTEGER parameter */
    public int integer(String name) {
        return (Integer) get(name, Integer.class);
    }

    /** @return the value of a declared BOOLEAN parameter */
    public boolean bool(String name) {
        return (Boolean) get(name, Boolean.class);
    }

    /** @return the value of a declared CHOICE parameter */
    public String choice(String name) {
        return (String) get(name, String.class);
    }

    private Object get(String name, Class<?> type) {
        Object v = values.get(name);
        if (v == null || !type.isInstance(v)) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " parameter '" + name
                    + "' was declared; declared: " + values.keySet());
        }
        return v;
    }

    /** @return every value by name, in declaration order */
    public Map<String, Object> asMap() {
        return values;
    }

    /** @return e.g. {@code alpha=0.01, inplace=false} */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
