package org.chainrule.api;

import java.util.List;
import java.util.Objects;

/** A plugin name was asked for that no installed provider has. */
public class UnknownPluginException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final List<String> known;

    /**
     * @param kind the plugin kind, e.g. {@code "activation"}
     * @param name the name asked for
     * @param known every installed name of that kind, sorted
     * @param closest the known name nearest to {@code name}, or {@code null} if none is close
     */
    public UnknownPluginException(String kind, String name, List<String> known, String closest) {
        this(kind, name, known, closest, null);
    }

    /**
     * @param kind the plugin kind, e.g. {@code "activation"}
     * @param name the name asked for
     * @param known every installed name of that kind, sorted
     * @param closest the known name nearest to {@code name}, or {@code null} if none is close
     * @param whenNone what to say when none of the kind is installed (how to install them), or null
     */
    public UnknownPluginException(String kind, String name, List<String> known, String closest, String whenNone) {
        super("unknown " + kind + " '" + name + "'"
                + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                + (known.isEmpty()
                        ? "; no " + kind + " plugins are installed" + (whenNone == null ? "" : ": " + whenNone)
                        : "; installed: " + String.join(", ", known)));
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.known = List.copyOf(known);
    }

    /** @return the plugin kind, e.g. {@code "loss"} */
    public String kind() {
        return kind;
    }

    /** @return the name that was not found */
    public String name() {
        return name;
    }

    /** @return every installed name of this kind, sorted */
    public List<String> known() {
        return known;
    }
}
