package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Params;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.UnknownPluginException;
import org.junit.jupiter.api.Test;

final class TestPluginRegistry {
    private static final Plugins PLUGINS = Fixtures.CHAINRULE.plugins();

    private record Named(String name) implements ActivationProvider {
        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public Activation create(Params params) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void registryHoldsEveryRequiredBuiltIn() {
        assertTrue(PLUGINS.activations()
                .names()
                .containsAll(List.of(
                        "identity",
                        "relu",
                        "sigmoid",
                        "tanh",
                        "step",
                        "softmax",
                        "leaky_relu",
                        "elu",
                        "softplus",
                        "gelu",
                        "swish")));
        assertTrue(
                PLUGINS.losses().names().containsAll(List.of("square", "absolute", "nll", "cross_entropy", "huber")));
        assertTrue(PLUGINS.initializers()
                .names()
                .containsAll(List.of("zero", "constant", "gaussian", "uniform", "xavier", "he")));
        assertTrue(PLUGINS.optimizers()
                .names()
                .containsAll(List.of("sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad")));
    }

    @Test
    void duplicateNamesAreAnErrorNamingBothProviders() {
        List<ActivationProvider> two = List.of(PLUGINS.activations().provider("relu"), new Named("relu"));

        ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.of("activation", two));

        assertEquals(
                "two activation providers are named 'relu': org.chainrule.activations/org.chainrule.activations.Relu"
                        + " and org.chainrule.engine/org.chainrule.engine.TestPluginRegistry$Named; remove one of the modules",
                e.getMessage());
    }

    @Test
    void providerNamesMustBeLowerCaseIdentifiers() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> PluginRegistry.of("activation", List.of(new Named("ReLU"))));

        assertTrue(e.getMessage().contains("name must be a lower-case identifier, found 'ReLU'"), e.getMessage());
    }

    @Test
    void unknownNameListsInstalledNamesAndTheClosest() {
        UnknownPluginException e = assertThrows(
                UnknownPluginException.class, () -> PLUGINS.activations().provider("rleu"));

        assertTrue(
                e.getMessage().startsWith("unknown activation 'rleu' (did you mean 'relu'?); installed: elu, gelu,"),
                e.getMessage());
        assertEquals(PLUGINS.activations().names(), e.known());
    }

    @Test
    void unknownNameFarFromEveryKnownOneSuggestsNothing() {
        UnknownPluginException e = assertThrows(
                UnknownPluginException.class, () -> PLUGINS.losses().provider("zzzzzzzz"));

        assertTrue(e.getMessage().startsWith("unknown loss 'zzzzzzzz'; installed: absolute,"), e.getMessage());
    }

    @Test
    void withNoPluginsOfAKindInstalledTheErrorSaysWhichArtifactToAdd() {
        PluginRegistry<org.chainrule.api.ActivationProvider> none = PluginRegistry.of("activation", List.of());

        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> none.provider("tanh"));

        assertEquals(
                "unknown activation 'tanh'; no activation plugins are installed: add the artifact"
                        + " org.chainrule:nn-activations (or its jar) to the application's class or module path, or a"
                        + " plugin jar to a plugin folder",
                e.getMessage());
    }

    @Test
    void badParameterValueNamesPluginParameterAndRange() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> PLUGINS.activation(PluginSpec.parse("leaky_relu(alpha=-2)")));

        assertEquals("activation 'leaky_relu': parameter 'alpha': expected real ≥ 0, ≤ 1, found -2", e.getMessage());
    }

    @Test
    void nonNumericParameterValueIsReported() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> PLUGINS.loss(PluginSpec.parse("huber(delta=big)")));

        assertEquals("loss 'huber': parameter 'delta': expected a number, found 'big'", e.getMessage());
    }

    @Test
    void unknownParameterNameListsTheKnownOnes() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> PLUGINS.optimizer(PluginSpec.parse("sgd(rate=0.1)")));

        assertTrue(
                e.getMessage().startsWith("optimizer 'sgd': unknown parameter 'rate'; known: lr, schedule,"),
                e.getMessage());
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertEquals(0, PluginRegistry.editDistance("relu", "relu"));
        assertEquals(1, PluginRegistry.editDistance("rleu", "relu"));
        assertEquals(2, PluginRegistry.editDistance("rleu", "elu"));
        assertEquals(1, PluginRegistry.editDistance("tanh", "tan"));
    }
}
