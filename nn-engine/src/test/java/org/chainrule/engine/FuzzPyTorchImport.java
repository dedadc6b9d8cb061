package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;

/**
 * The PyTorch importer under coverage-guided fuzzing: whatever bytes a state_dict file holds
 * (safetensors, or a zip of .npy arrays), importing gives a model or one
 * {@link org.chainrule.api.ModelFormatException} with a one-line message, never another exception,
 * an OutOfMemoryError or a hang; nothing in it is run. Every build replays the committed corpus in
 * {@code FuzzPyTorchImportInputs/}; {@code scripts/fuzz 10 engine:FuzzPyTorchImport} fuzzes it.
 */
final class FuzzPyTorchImport {
    private static final NetworkSpec SPEC = new NetworkSpec(
            4,
            List.of(
                    new LayerSpec(16, PluginSpec.of("relu")),
                    new LayerSpec(8, PluginSpec.of("tanh")),
                    new LayerSpec(3, PluginSpec.of("softmax"))),
            PluginSpec.of("cross_entropy"));
    private static final Path DIR = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            Path d = Files.createTempDirectory("fuzz-pytorch");
            d.toFile().deleteOnExit();
            d.resolve("state").toFile().deleteOnExit(); // deleted before the folder
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyBytesImportOrAreRefusedInOneLine(byte[] bytes) throws IOException {
        Path file = DIR.resolve("state");
        Files.write(file, bytes);
        try {
            Model m = Fixtures.CHAINRULE.importPyTorch(SPEC, file).model();
            m.predict(new float[m.inputs()]); // a model that imports also runs
        } catch (ModelFileException e) { // ModelFormatException included
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
