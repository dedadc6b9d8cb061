package org.chainrule.activations;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.chainrule.api.ActivationProvider;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every activation this module provides passes the conformance kit that third-party plugins use. */
final class TestConformance {
    /** Parameter sets checked besides the defaults. */
    private static final Map<String, String[]> VARIANTS = Map.ofEntries(
            Map.entry("leaky_relu", new String[] {"", "alpha=0.2"}),
            Map.entry("elu", new String[] {"", "alpha=0.5"}),
            Map.entry("gelu", new String[] {"", "approximate=tanh"}),
            Map.entry("swish", new String[] {"", "beta=1.5"}));

    @TestFactory
    Stream<DynamicNode> theModuleIsPackagedForTheModulePathAndTheClassPath() {
        return Conformance.packaging(TestConformance.class.getModule());
    }

    @TestFactory
    Stream<DynamicNode> everyProviderConforms() {
        TestConformance.class.getModule().addUses(ActivationProvider.class);
        return ServiceLoader.load(ActivationProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> Conformance.activation(p, VARIANTS.getOrDefault(p.name(), new String[] {""})));
    }
}
