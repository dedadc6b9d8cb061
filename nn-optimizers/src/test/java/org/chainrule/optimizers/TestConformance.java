package org.chainrule.optimizers;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every optimizer this module provides passes the conformance kit that third-party plugins use. */
final class TestConformance {
    /** Parameter sets checked besides the defaults. */
    private static final Map<String, String[]> VARIANTS = Map.ofEntries(
            Map.entry("momentum", new String[] {"", "nesterov=true"}),
            Map.entry("sgd", new String[] {"", "schedule=cosine, period=20, weight_decay=0.01"}),
            Map.entry("adam", new String[] {"", "clip_norm=0.5"}),
            Map.entry("adamw", new String[] {"", "weight_decay=0.1"}));

    @TestFactory
    Stream<DynamicNode> theModuleIsPackagedForTheModulePathAndTheClassPath() {
        return Conformance.packaging(TestConformance.class.getModule());
    }

    @TestFactory
    Stream<DynamicNode> everyProviderConforms() {
        TestConformance.class.getModule().addUses(OptimizerProvider.class);
        return ServiceLoader.load(OptimizerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> Conformance.optimizer(p, VARIANTS.getOrDefault(p.name(), new String[] {""})));
    }
}
