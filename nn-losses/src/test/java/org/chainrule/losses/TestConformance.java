package org.chainrule.losses;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.chainrule.api.LossProvider;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every loss this module provides passes the conformance kit that third-party plugins use. */
final class TestConformance {
    /** Parameter sets checked besides the defaults. */
    private static final Map<String, String[]> VARIANTS = Map.ofEntries(
            Map.entry("square", new String[] {"", "scale=2"}), Map.entry("huber", new String[] {"", "delta=0.3"}));

    @TestFactory
    Stream<DynamicNode> theModuleIsPackagedForTheModulePathAndTheClassPath() {
        return Conformance.packaging(TestConformance.class.getModule());
    }

    @TestFactory
    Stream<DynamicNode> everyProviderConforms() {
        TestConformance.class.getModule().addUses(LossProvider.class);
        return ServiceLoader.load(LossProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> Conformance.loss(p, VARIANTS.getOrDefault(p.name(), new String[] {""})));
    }
}
