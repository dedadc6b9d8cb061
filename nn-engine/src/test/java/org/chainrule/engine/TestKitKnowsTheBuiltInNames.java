package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.LossProvider;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.testkit.Conformance;
import org.junit.jupiter.api.Test;

/** The conformance kit's list of built-in names, which third-party plugins must not take, is the installed one. */
final class TestKitKnowsTheBuiltInNames {
    private static final Plugins INSTALLED = Plugins.discover();

    @Test
    void theKitsBuiltInNamesAreTheInstalledPluginsOfEachKind() {
        assertEquals(Set.copyOf(INSTALLED.activations().names()), Conformance.builtInNames(ActivationProvider.class));
        assertEquals(Set.copyOf(INSTALLED.losses().names()), Conformance.builtInNames(LossProvider.class));
        assertEquals(Set.copyOf(INSTALLED.initializers().names()), Conformance.builtInNames(InitializerProvider.class));
        assertEquals(Set.copyOf(INSTALLED.optimizers().names()), Conformance.builtInNames(OptimizerProvider.class));
    }
}
