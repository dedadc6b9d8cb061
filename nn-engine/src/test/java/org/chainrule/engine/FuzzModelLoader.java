package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.api.ModelFileException;

/**
 * The model loader under coverage-guided fuzzing: whatever bytes a model file holds, loading gives
 * the model or one {@link org.chainrule.api.ModelFormatException} with a one-line message, never another exception,
 * an OutOfMemoryError or a hang. Every build replays the committed corpus in
 * {@code FuzzModelLoaderInputs/}; {@code scripts/fuzz engine FuzzModelLoader 10} fuzzes it.
 */
final class FuzzModelLoader {
    private static final Path DIR = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            Path d = Files.createTempDirectory("fuzz-model");
            d.toFile().deleteOnExit();
            d.resolve("m.safetensors").toFile().deleteOnExit(); // deleted before the folder
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyBytesLoadAsAModelOrAreRefusedInOneLine(byte[] bytes) throws IOException {
        Path file = DIR.resolve("m.safetensors");
        Files.write(file, bytes);
        try {
            Model m = Fixtures.CHAINRULE.load(file);
            m.predict(new float[m.inputs()]); // a model that loads also runs
        } catch (ModelFileException e) { // ModelFormatException included
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
