package org.chainrule.api;

import java.util.List;
import java.util.Objects;

/**
 * Declares one named, typed parameter of a plugin, such as {@code alpha} of {@code leaky_relu}.
 * A provider lists its parameters in {@link Plugin#parameters()}; the engine validates what a user
 * wrote against them before calling {@code create}, so a plugin receives only valid values.
 *
 * @param name lower-case identifier, e.g. {@code "alpha"}
 * @param type how the text value is parsed
 * @param defaultValue the value used when the user gives none, as text; {@code null} makes the
 *     parameter required
 * @param min lowest allowed value for {@link Type#REAL} and {@link Type#INTEGER}
 * @param minExclusive whether {@code min} itself is excluded (for "must be positive")
 * @param max highest allowed value (inclusive) for numeric types
 * @param choices allowed values for {@link Type#CHOICE}; empty otherwise
 * @param description one line for {@code nn list}
 */
public record ParamSpec(
        String name,
        Type type,
        String defaultValue,
        double min,
        boolean minExclusive,
        double max,
        List<String> choices,
        String description) {

    /** The value types a parameter can have. */
    public enum Type {
        /** a finite double */
        REAL,
        /** a 32-bit integer */
        INTEGER,
        /** {@code true} or {@code false} */
        BOOLEAN,
        /** one of a fixed list of lower-case words */
        CHOICE
    }

    /** Validates the declaration itself (a plugin-author error if it fails). */
    public ParamSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(description, "description is null");
        choices = List.copyOf(choices);
        if (!PluginSpec.isIdentifier(name)) {
            throw new IllegalArgumentException("parameter name must be a lower-case identifier, found '" + name + "'");
        }
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' lists no choices");
        }
    }

    /** A real parameter in [min, max]. */
    public static ParamSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, Type.REAL, Double.toString(defaultValue), min, false, max, List.of(), description);
    }

    /** A real parameter that must be strictly greater than zero. */
    public static ParamSpec positive(String name, double defaultValue, String description) {
        return new ParamSpec(
                name, Type.REAL, Double.toString(defaultValue), 0, true, Double.MAX_VALUE, List.of(), description);
    }

    /** An integer parameter in [min, max]. */
    public static ParamSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(
                name, Type.INTEGER, Integer.toString(defaultValue), min, false, max, List.of(), description);
    }

    /** A boolean parameter. */
    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), 0, false, 0, List.of(), description);
    }

    /** A parameter that takes one of {@code choices}; the default must be one of them. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(
                    "default '" + defaultValue + "' of '" + name + "' is not among " + choices);
        }
        return new ParamSpec(name, Type.CHOICE, defaultValue, 0, false, 0, choices, description);
    }

    /** @return e.g. {@code alpha: real > 0 (default 0.01)} for listings */
    public String summary() {
        return name + ": " + rangeText() + (defaultValue == null ? " (required)" : " (default " + defaultValue + ")");
    }

    /** @return the allowed values in words, e.g. {@code real > 0} or {@code uniform|normal} */
    public String rangeText() {
        return switch (type) {
            case REAL, INTEGER -> {
                String t = type == Type.REAL ? "real" : "integer";
                boolean hasMax = max < (type == Type.REAL ? Double.MAX_VALUE : Integer.MAX_VALUE);
                String lo = (minExclusive ? " > " : " ≥ ") + format(min);
                if (min <= -Double.MAX_VALUE || (type == Type.INTEGER && min <= Integer.MIN_VALUE)) {
                    lo = "";
                }
                yield t + lo + (hasMax ? ", ≤ " + format(max) : "");
            }
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
        };
    }

    private String format(double v) {
        return type == Type.INTEGER || v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }
}
