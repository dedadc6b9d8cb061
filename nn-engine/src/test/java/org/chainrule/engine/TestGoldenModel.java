package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files of formats 1.0 and 1.1 kept in the test resources ({@code model/golden-v1.*.safetensors},
 * written by {@code make_golden_model.py} beside them with Python's standard library) load in this
 * and every later version, with their parameters bit for bit and their outputs as computed in
 * Python; the 1.1 file's header checksum is computed there independently of the Java writer.
 */
final class TestGoldenModel {
    @TempDir
    Path dir;

    static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = TestGoldenModel.class.getResourceAsStream("/model/" + name)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"golden-v1.0.safetensors", "golden-v1.1.safetensors"})
    void aGoldenFileWrittenInPythonLoadsWithItsSpecParametersAndOutputs(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Files.readString(resource("golden-v1.0.json", dir)));

        Model model = Fixtures.CHAINRULE.load(resource(name, dir));

        assertEquals(
                NetworkSpec.builder(3)
                        .dense(4, "tanh")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                model.spec());
        assertEquals(2026, model.seed());
        JsonNode p = expected.get("parameters");
        assertArrayEquals(floats(p.get("layers.1.weight")), model.weights(1).data());
        assertArrayEquals(floats(p.get("layers.1.bias")), model.biases(1).data());
        assertArrayEquals(floats(p.get("layers.2.weight")), model.weights(2).data());
        assertArrayEquals(floats(p.get("layers.2.bias")), model.biases(2).data());
        for (int i = 0; i < expected.get("inputs").size(); i++) {
            float[] out = model.predict(floats(expected.get("inputs").get(i)));
            assertArrayEquals(floats(expected.get("outputs").get(i)), out, 1e-6f, "input " + i);
        }
    }

    static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).doubleValue();
        }
        return f;
    }
}
