package org.chainrule.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.chainrule.api.ActivationProvider;
import org.junit.jupiter.api.Test;

final class TestActivationProviders {
    private static final Set<String> NAMES = Set.of(
            "identity", "relu", "sigmoid", "tanh", "step", "softmax", "leaky_relu", "elu", "softplus", "gelu", "swish");

    private static List<ActivationProvider> load() {
        TestActivationProviders.class.getModule().addUses(ActivationProvider.class);
        return ServiceLoader.load(ActivationProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    @Test
    void serviceLoaderFindsEveryActivationInThisNamedModule() {
        List<ActivationProvider> found = load();

        assertEquals(NAMES, found.stream().map(ActivationProvider::name).collect(Collectors.toSet()));
        for (ActivationProvider p : found) {
            assertEquals("org.chainrule.activations", p.getClass().getModule().getName(), p.name());
        }
    }
}
