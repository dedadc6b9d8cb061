package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The round trip a user makes: a network trained in PyTorch (nn-engine's golden files, made by
 * make_pytorch_import.py) imported with {@code nn import}, predicting with {@code nn predict} what
 * PyTorch predicted, and exported with {@code nn export}.
 */
final class TestInterchange {
    static final Path GOLDEN = Path.of("..", "nn-engine", "src", "test", "resources", "pytorch");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"pytorch-safetensors, sequential.safetensors", "npz, sequential.npz"})
    void aPyTorchNetworkImportsPredictsWhatPyTorchDidAndExports(String from, String file) throws IOException {
        Path model = dir.resolve("model.safetensors");
        Cli imported = Cli.run(
                "import",
                "--from",
                from,
                GOLDEN.resolve(file).toString(),
                "--layers",
                "4,16:relu,8:tanh,3:softmax",
                "--out",
                model.toString());
        assertEquals(0, imported.status(), imported.err());
        assertTrue(
                imported.out().startsWith("  0.weight [16, 4] → layers.1.weight [4, 16] (transposed)\n"),
                imported.out());

        JsonNode golden =
                new ObjectMapper().readTree(GOLDEN.resolve("sequential.json").toFile());
        StringBuilder csv = new StringBuilder();
        for (JsonNode row : golden.get("inputs")) {
            List<String> values = new java.util.ArrayList<>();
            row.forEach(v -> values.add(Float.toString(v.floatValue())));
            csv.append(String.join(",", values)).append('\n');
        }
        Path inputs = dir.resolve("inputs.csv");
        Files.writeString(inputs, csv);
        Cli predicted = Cli.run("predict", "--model", model.toString(), "--input", inputs.toString(), "--proba");
        assertEquals(0, predicted.status(), predicted.err());
        List<String> lines = predicted.out().lines().toList();
        assertEquals("class,p0,p1,p2", lines.getFirst());
        for (int r = 0; r < golden.get("outputs").size(); r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int c = 0; c < 3; c++) {
                assertEquals(
                        golden.get("outputs").get(r).get(c).asDouble(),
                        Double.parseDouble(cells[c + 1]),
                        1e-5,
                        "row " + r + " p" + c);
            }
        }

        Path onnx = dir.resolve("model.onnx");
        Cli exported = Cli.run("export", "--model", model.toString(), "--out", onnx.toString());
        assertEquals(0, exported.status(), exported.err());
        assertTrue(Files.size(onnx) > 4 * (16 * 4 + 8 * 16 + 3 * 8), "the parameters are in the graph");
    }

    @Test
    void aFormatThatDoesNotMatchTheFileIsOneLine() {
        Path path = GOLDEN.resolve("sequential.safetensors");
        Cli r = Cli.run(
                "import",
                "--from",
                "npz",
                path.toString(),
                "--layers",
                "4,16:relu,8:tanh,3:softmax",
                "--out",
                dir.resolve("m.safetensors").toString());

        assertEquals(2, r.status());
        assertEquals(
                "nn: --from npz: expected a zip archive (.npz), found another kind of file: " + path + "\n", r.err());
    }
}
