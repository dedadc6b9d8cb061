package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the engine writes open in Python: {@code model/read_safetensors.py} (standard library only,
 * the checks Hugging Face's reader makes plus the checksum) reads them back value for value.
 * Skipped where no python3 is installed.
 */
final class TestPythonInterop {
    @TempDir
    Path dir;

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aPythonReaderOpensASavedModelAndReadsEveryValue() throws Exception {
        assumeTrue(pythonAvailable(), "python3 is not installed");
        Network net = Fixtures.CHAINRULE.network(TestModelFile.randomSpec(new SplittableRandom(12)), 12);
        Path file = dir.resolve("m.safetensors");
        net.save(file);
        Path reader = TestGoldenModel.resource("read_safetensors.py", dir);

        Process p = new ProcessBuilder("python3", reader.toString(), file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);

        assertEquals(0, p.exitValue(), err);
        JsonNode json = new ObjectMapper().readTree(out);
        assertEquals("chainrule", json.get("metadata").get("format").asText());
        for (int l = 1; l <= net.depth(); l++) {
            JsonNode w = json.get("tensors").get("layers." + l + ".weight");
            assertEquals(net.weights(l).rows(), w.get("shape").get(0).asInt());
            assertEquals(net.weights(l).cols(), w.get("shape").get(1).asInt());
            assertArrayEquals(net.weights(l).data(), TestGoldenModel.floats(w.get("values")), "W(" + l + ")");
            assertArrayEquals(
                    net.biases(l).data(),
                    TestGoldenModel.floats(
                            json.get("tensors").get("layers." + l + ".bias").get("values")),
                    "b(" + l + ")");
        }
    }
}
