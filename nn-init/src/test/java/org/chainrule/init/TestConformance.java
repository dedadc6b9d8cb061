package org.chainrule.init;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.chainrule.api.InitializerProvider;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every initializer this module provides passes the conformance kit that third-party plugins use. */
final class TestConformance {
    /** Parameter sets checked besides the defaults. */
    private static final Map<String, String[]> VARIANTS = Map.ofEntries(
            Map.entry("gaussian", new String[] {"", "mean=1, std=0.5"}),
            Map.entry("uniform", new String[] {"", "low=-2, high=1"}),
            Map.entry("xavier", new String[] {"", "distribution=normal, gain=2"}),
            Map.entry("he", new String[] {"", "distribution=uniform"}),
            Map.entry("constant", new String[] {"", "value=0.3"}));

    @TestFactory
    Stream<DynamicNode> theModuleIsPackagedForTheModulePathAndTheClassPath() {
        return Conformance.packaging(TestConformance.class.getModule());
    }

    @TestFactory
    Stream<DynamicNode> everyProviderConforms() {
        TestConformance.class.getModule().addUses(InitializerProvider.class);
        return ServiceLoader.load(InitializerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> Conformance.initializer(p, VARIANTS.getOrDefault(p.name(), new String[] {""})));
    }
}
