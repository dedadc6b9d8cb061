package org.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ConfigException;
import org.chainrule.api.ElementwiseActivation;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.Params;
import org.chainrule.api.PluginSpec;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.chainrule.engine.PluginRegistry;
import org.chainrule.engine.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestOnnxExportErrors {
    @TempDir
    Path dir;

    /** A third party's activation that does not describe an ONNX form. */
    public static final class Cube implements ActivationProvider {
        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String name() {
            return "cube";
        }

        @Override
        public String description() {
            return "z³";
        }

        @Override
        public Activation create(Params params) {
            return new ElementwiseActivation() {
                @Override
                protected float apply(float z) {
                    return z * z * z;
                }

                @Override
                protected float derivative(float z, float a) {
                    return 3 * z * z;
                }
            };
        }
    }

    @Test
    void anActivationWithoutAnOnnxFormIsRefusedNamingLayerAndPluginAndNoFileIsWritten() {
        Plugins installed = Plugins.discover();
        List<ActivationProvider> activations =
                new ArrayList<>(installed.activations().all());
        activations.add(new Cube());
        Chainrule cr = Chainrule.create(new Plugins(
                PluginRegistry.of("activation", activations),
                installed.losses(),
                installed.initializers(),
                installed.optimizers()));
        Model model = cr.model(cr.network(
                new NetworkSpec(
                        3,
                        List.of(new LayerSpec(4, PluginSpec.of("relu")), new LayerSpec(2, PluginSpec.of("cube"))),
                        PluginSpec.of("square")),
                1));
        Path file = dir.resolve("cube.onnx");

        ConfigException e = assertThrows(ConfigException.class, () -> model.exportOnnx(file));

        assertEquals(
                "ONNX export: layer 2 activation 'cube': expected an ONNX form (Activation.onnx()), found none;"
                        + " its plugin cannot be exported",
                e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFolderThatDoesNotExistIsOneLineNamingIt() {
        Model model = TestOnnxRuntime.model(2, List.of("2:relu", "1:sigmoid"), "nll", 1);
        Path file = dir.resolve("missing/model.onnx");

        ModelFileException e = assertThrows(ModelFileException.class, () -> model.exportOnnx(file));

        assertEquals("ONNX file " + file + ": the folder " + file.getParent() + " does not exist", e.getMessage());
    }
}
