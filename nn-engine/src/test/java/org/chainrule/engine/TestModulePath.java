package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.api.Plugin;
import org.junit.jupiter.api.Test;

/**
 * Guards against surefire silently running on the class path (it does below 3.5.4 with JDK 25
 * class files): these tests must run inside the named module, and plugins must come from theirs.
 */
final class TestModulePath {
    @Test
    void testsRunInsideTheEngineModule() {
        assertEquals("org.chainrule.engine", getClass().getModule().getName());
    }

    @Test
    void builtInPluginsComeFromTheirNamedModules() {
        Plugins plugins = Fixtures.CHAINRULE.plugins();

        assertEquals("org.chainrule.activations", module(plugins.activations().provider("relu")));
        assertEquals("org.chainrule.losses", module(plugins.losses().provider("square")));
        assertEquals("org.chainrule.init", module(plugins.initializers().provider("he")));
        assertEquals("org.chainrule.optimizers", module(plugins.optimizers().provider("sgd")));
    }

    @Test
    void theApiModuleDependsOnJavaBaseOnly() {
        Module api = Plugin.class.getModule();

        assertTrue(
                api.getDescriptor().requires().stream().allMatch(r -> r.name().equals("java.base")),
                () -> "org.chainrule.api requires " + api.getDescriptor().requires());
    }

    private static String module(Plugin p) {
        return p.getClass().getModule().getName();
    }
}
