package org.chainrule.engine.loading;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds an optional module's service by name (the API's {@code ModelExporter.find} and {@code
 * DistributedTrainer.find}).
 */
public final class Services {
    private Services() {}

    /**
     * @return the provider of {@code type} whose {@code name} is {@code wanted}, found with the
     *     engine's class loader (the module path through {@code provides}, the class path through
     *     META-INF/services)
     * @throws RuntimeException {@code missing}'s, given the names installed, if none is
     */
    public static <T> T find(
            Class<T> type, Function<T, String> name, String wanted, Function<List<String>, RuntimeException> missing) {
        List<String> installed = new ArrayList<>();
        for (T t : ServiceLoader.load(type, type.getClassLoader())) {
            if (name.apply(t).equals(wanted)) {
                return t;
            }
            installed.add(name.apply(t));
        }
        throw missing.apply(installed);
    }
}
