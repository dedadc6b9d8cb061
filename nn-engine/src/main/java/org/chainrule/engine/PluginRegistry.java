package org.chainrule.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Params;
import org.chainrule.api.Plugin;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.UnknownPluginException;
import org.chainrule.engine.loading.PluginOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed providers of one kind, by name. Built once; immutable; safe to share.
 *
 * <p>Names are identities: two providers with one name is an error naming both modules, and an
 * unknown name lists the installed ones and the closest match (Lucene's {@code NamedSPILoader}).
 *
 * @param <P> the provider type, e.g. {@code ActivationProvider}
 */
public final class PluginRegistry<P extends Plugin> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final String kind;
    private final Map<String, P> byName;

    /** Where each kind's built-in plugins ship, for the message when none are installed. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "activation", artifact("nn-activations"),
            "loss", artifact("nn-losses"),
            "initializer", artifact("nn-init"),
            "optimizer", artifact("nn-optimizers"));

    private static String artifact(String id) {
        return "add the artifact org.chainrule:" + id + " (or its jar) to the application's class or module path,"
                + " or a plugin jar to a plugin folder";
    }

    private PluginRegistry(String kind, Map<String, P> byName) {
        this.kind = kind;
        this.byName = byName;
    }

    /**
     * Builds a registry from the given providers.
     *
     * @param kind the plugin kind for messages, e.g. {@code "activation"}
     * @throws ConfigException if a name is not a lower-case identifier, or two providers share one
     */
    public static <P extends Plugin> PluginRegistry<P> of(String kind, Collection<? extends P> providers) {
        Objects.requireNonNull(kind, "kind is null");
        Map<String, P> byName = new TreeMap<>();
        for (P p : providers) {
            String name = p.name();
            if (!PluginSpec.isIdentifier(name)) {
                throw new ConfigException(kind + " provider " + PluginOrigin.origin(p)
                        + ": name must be a lower-case identifier, found '" + name + "'");
            }
            P previous = byName.putIfAbsent(name, p);
            if (previous != null) {
                throw new ConfigException(
                        "two " + kind + " providers are named '" + name + "': " + PluginOrigin.origin(previous)
                                + " and " + PluginOrigin.origin(p) + "; remove one of the modules");
            }
        }
        return new PluginRegistry<>(kind, java.util.Collections.unmodifiableMap(byName));
    }

    /** @return the jar (or folder) the provider's class was loaded from, or "built in" */
    public static String location(Plugin p) {
        return PluginOrigin.location(p);
    }

    /** @return the plugin kind, e.g. {@code "loss"} */
    public String kind() {
        return kind;
    }

    /** @return every provider, sorted by name */
    public Collection<P> all() {
        return byName.values();
    }

    /** @return every installed name, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * @return the provider named {@code name}
     * @throws UnknownPluginException listing the installed names and the closest one
     */
    public P provider(String name) {
        P p = byName.get(name);
        if (p == null) {
            throw new UnknownPluginException(kind, name, names(), closest(name), ARTIFACTS.get(kind));
        }
        return p;
    }

    /**
     * Validates the spec's parameters against the provider's and returns them parsed.
     *
     * @throws UnknownPluginException if no provider has the name
     * @throws ConfigException naming the plugin and parameter if a value is bad
     */
    public Params params(PluginSpec spec) {
        P p = provider(spec.name());
        return Params.resolve(kind + " '" + spec.name() + "'", p.parameters(), spec.params());
    }

    /**
     * @return the spec with every parameter the provider declares, defaults filled in, in
     *     declaration order: the canonical form that two equivalent specs share
     * @throws UnknownPluginException if no provider has the name
     * @throws ConfigException naming the plugin and parameter if a value is bad
     */
    public PluginSpec complete(PluginSpec spec) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        params(spec).asMap().forEach((k, v) -> all.put(k, v.toString()));
        return new PluginSpec(spec.name(), all);
    }

    private String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byName.keySet()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(2, name.length() / 3) || best.startsWith(name));
        return close ? best : null;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @Override
    public String toString() {
        return kind + "s " + byName.keySet();
    }
}
