package org.chainrule.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;
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

    @Test
    void servicesFileListsTheSameProvidersAsModuleInfo() throws IOException {
        Module module = TestActivationProviders.class.getModule();
        Set<String> provided = new TreeSet<>();
        for (ModuleDescriptor.Provides p : module.getDescriptor().provides()) {
            provided.addAll(p.providers());
        }
        Set<String> listed;
        try (InputStream in = module.getResourceAsStream("META-INF/services/org.chainrule.api.ActivationProvider")) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertEquals(provided, listed);
    }

    @Test
    void everyActivationStaysFiniteOnExtremeInputs() {
        float[] edge = {-1e4f, -100f, -88.8f, -20f, -1e-7f, 0f, 1e-7f, 20f, 88.8f, 100f, 1e4f, -3f};
        Matrix z = Matrix.wrap(3, 4, edge);
        for (ActivationProvider p : load()) {
            Activation f = p.create(Params.resolve(p.name(), p.parameters(), java.util.Map.of()));
            Matrix a = new Matrix(3, 4);
            Matrix dA = new Matrix(3, 4);
            dA.fill(1f);
            Matrix dZ = new Matrix(3, 4);

            f.forward(z, a);
            f.backward(z, a, dA, dZ);

            for (int i = 0; i < edge.length; i++) {
                assertTrue(Float.isFinite(a.data()[i]), p.name() + "(" + edge[i] + ") = " + a.data()[i]);
                assertTrue(Float.isFinite(dZ.data()[i]), p.name() + "'(" + edge[i] + ") = " + dZ.data()[i]);
            }
        }
    }
}
