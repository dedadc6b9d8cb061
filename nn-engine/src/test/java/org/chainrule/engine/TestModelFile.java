package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.chainrule.api.Matrix;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.files.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading model files: bitwise round trips, the layout Python readers expect, atomic writes. */
final class TestModelFile {
    private static final List<String> HIDDEN = List.of(
            "relu",
            "tanh",
            "sigmoid",
            "leaky_relu(alpha=0.2)",
            "elu",
            "softplus",
            "gelu(approximate=tanh)",
            "swish(beta=1.5)",
            "identity");
    private static final List<String[]> HEADS = List.of(
            new String[] {"softmax", "cross_entropy"},
            new String[] {"sigmoid", "nll"},
            new String[] {"identity", "square(scale=0.5)"},
            new String[] {"identity", "huber(delta=0.5)"},
            new String[] {"tanh", "absolute"});

    @TempDir
    Path dir;

    /** A random spec: 1..4 layers of 1..20 units, random hidden activations and output/loss pair. */
    static NetworkSpec randomSpec(SplittableRandom r) {
        NetworkSpec.Builder b = NetworkSpec.builder(1 + r.nextInt(20)).init("gaussian(std=0.4)", "gaussian(std=0.2)");
        int depth = 1 + r.nextInt(4);
        for (int l = 1; l < depth; l++) {
            b.dense(1 + r.nextInt(20), HIDDEN.get(r.nextInt(HIDDEN.size())));
        }
        String[] head = HEADS.get(r.nextInt(HEADS.size()));
        return b.dense(head[0].equals("softmax") ? 2 + r.nextInt(9) : 1 + r.nextInt(5), head[0])
                .loss(head[1])
                .build();
    }

    private static Network smallClassifier() {
        return Fixtures.CHAINRULE.network(
                NetworkSpec.builder(4)
                        .dense(3, "tanh")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                9);
    }

    @Test
    void seededRandomNetworksRoundTripWithBitwiseEqualParametersAndPredictions() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int i = 0; i < 60; i++) {
            NetworkSpec spec = randomSpec(r);
            long seed = r.nextLong();
            Network net = Fixtures.CHAINRULE.network(spec, seed);
            Path file = dir.resolve("net" + i + ".safetensors");
            net.save(file);

            Model loaded = Fixtures.CHAINRULE.load(file);

            assertEquals(spec, loaded.spec(), "spec of network " + i);
            assertEquals(seed, loaded.seed(), "seed of network " + i);
            for (int l = 1; l <= net.depth(); l++) {
                assertArrayEquals(net.weights(l).data(), loaded.weights(l).data(), "W(" + l + ") of network " + i);
                assertArrayEquals(net.biases(l).data(), loaded.biases(l).data(), "b(" + l + ") of network " + i);
            }
            Matrix x = Fixtures.gaussian(1 + r.nextInt(40), spec.inputs(), 1, i);
            assertArrayEquals(net.predict(x).data(), loaded.predict(x).data(), "predictions of network " + i);
        }
    }

    /** @return the parsed JSON header of a safetensors file's bytes */
    private static com.fasterxml.jackson.databind.JsonNode header(byte[] bytes) {
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return SafeTensors.parseJson(new String(bytes, 8, (int) n, StandardCharsets.UTF_8), "test");
    }

    @Test
    void theSameNetworkAlwaysWritesTheSameBytes() throws IOException {
        Network net = Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(3)), 3);
        net.save(dir.resolve("a.safetensors"));
        net.save(dir.resolve("b.safetensors"));

        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a.safetensors")), Files.readAllBytes(dir.resolve("b.safetensors")));
    }

    /**
     * The plugin origins are written in name order, not in a map's iteration order (an immutable
     * map's order changes from one JVM run to the next, and the same network wrote different bytes).
     */
    @Test
    void pluginOriginsAreWrittenInNameOrder() throws IOException {
        Network net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(3)
                        .init("he", "zero")
                        .dense(4, "tanh")
                        .init("xavier", "zero")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                5);
        Path file = dir.resolve("origins.safetensors");
        net.save(file);
        var meta = header(Files.readAllBytes(file)).get("__metadata__");
        List<String> names = new java.util.ArrayList<>();
        SafeTensors.parseJson(meta.get("plugins").asText(), "plugins")
                .fieldNames()
                .forEachRemaining(names::add);

        assertEquals(6, names.size(), names.toString());
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void theLayoutIsSafetensorsWithSeedShapedLittleEndianTensors() throws IOException {
        Network net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(3)
                        .dense(2, "tanh")
                        .dense(1, "sigmoid")
                        .loss("nll")
                        .build(),
                5);
        Path file = dir.resolve("m.safetensors");
        net.save(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        var json = header(bytes);

        assertEquals(0, (8 + n) % 8, "header padded to 8 bytes");
        assertEquals("[3,2]", json.get("layers.1.weight").get("shape").toString());
        assertEquals("[2]", json.get("layers.1.bias").get("shape").toString());
        assertEquals("F32", json.get("layers.2.weight").get("dtype").asText());
        var meta = json.get("__metadata__");
        assertEquals("chainrule", meta.get("format").asText());
        assertEquals("1.2", meta.get("format_version").asText());
        assertEquals("5", meta.get("seed").asText());
        assertTrue(
                meta.get("spec").asText().contains("\"activation\":\"tanh\""),
                meta.get("spec").asText());
        long begin = json.get("layers.1.weight").get("data_offsets").get(0).asLong();
        float w12 = b.order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n + begin + Float.BYTES)); // W(1)[0][1]
        assertEquals(net.weights(1).get(0, 1), w12);
    }

    @Test
    void aModelIsAFrozenCopyThatFurtherTrainingDoesNotChange() {
        Network net = smallClassifier();
        Model model = Fixtures.CHAINRULE.model(net);
        float[] before = model.weights(1).data();

        Fixtures.CHAINRULE.train(
                net,
                TrainingConfig.defaults().withEpochs(3),
                new Dataset(Fixtures.gaussian(16, 4, 1, 1), Fixtures.oneHot(16, 2, 2)),
                null,
                TrainingListener.NONE);

        assertArrayEquals(before, model.weights(1).data());
        assertFalse(java.util.Arrays.equals(before, net.weights(1).data()), "the network itself did train");
    }

    @Test
    void aFailedSaveLeavesNoTemporaryFileBehind() throws IOException {
        Network net = Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(4)), 4);
        Path target = dir.resolve("m.safetensors");
        Files.createDirectories(target.resolve("occupied")); // a non-empty directory cannot be replaced

        ModelFileException e = assertThrows(ModelFileException.class, () -> net.save(target));

        assertTrue(e.getMessage().startsWith("model file " + target + ": cannot write"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aReaderDuringRepeatedSavesSeesOneWholeFileOrTheOtherNeverAPartOne() throws Exception {
        Network a = Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(40)), 40);
        Network b = Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(41)), 41);
        Path file = dir.resolve("m.safetensors");
        a.save(file);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                (i % 2 == 0 ? b : a).save(file);
            }
            done.set(true);
        });
        writer.start();
        int loads = 0;
        while (!done.get()) {
            Model m = Fixtures.CHAINRULE.load(file); // throws if it ever sees a torn file
            assertTrue(m.seed() == 40 || m.seed() == 41);
            loads++;
        }
        writer.join();
        assertTrue(loads > 0);
    }

    @Test
    void theNextSaveRemovesTheTemporaryFileAnInterruptedWriteLeft() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Path stale = Files.write(dir.resolve(".checkpoint.safetensors8123456789012345.tmp"), new byte[1000]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path inFlight = Files.write(dir.resolve(".checkpoint.safetensors42.tmp"), new byte[10]); // written now
        Path notOurs = Files.write(dir.resolve(".checkpoint.safetensors-mine.tmp"), new byte[10]);
        Path otherTarget = Files.write(dir.resolve(".model.safetensors77.tmp"), new byte[10]);
        for (Path p : List.of(notOurs, otherTarget)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }

        Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(7)), 7).save(file);

        try (var files = Files.list(dir)) {
            assertEquals(
                    java.util.Set.of(file, inFlight, notOurs, otherTarget),
                    java.util.Set.copyOf(files.toList()),
                    "only the old temporary file of this target is gone");
        }
    }

    @Test
    void savingOverAnExistingFileReplacesItWhole() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(5)), 5).save(file);
        Network second = Fixtures.CHAINRULE.network(randomSpec(new SplittableRandom(6)), 6);

        second.save(file);

        assertEquals(second.spec(), Fixtures.CHAINRULE.load(file).spec());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aMissingFileIsAModelFileErrorNamingIt() {
        Path file = dir.resolve("nope.safetensors");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Fixtures.CHAINRULE.load(file));

        assertEquals("model file " + file + ": no such file", e.getMessage());
    }

    @Test
    void aCheckpointLoadsAsATrainableNetworkButNotAsAModel() {
        Network net = smallClassifier();
        Path ckpt = dir.resolve("c.safetensors");
        Fixtures.CHAINRULE.train(
                net,
                TrainingConfig.defaults().withEpochs(2).withOptimizer("adam").withCheckpoints(ckpt, 2),
                new Dataset(Fixtures.gaussian(16, 4, 1, 1), Fixtures.oneHot(16, 2, 2)),
                null,
                TrainingListener.NONE);

        Network loaded = Fixtures.CHAINRULE.loadNetwork(ckpt);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Fixtures.CHAINRULE.load(ckpt));

        assertArrayEquals(net.weights(2).data(), loaded.weights(2).data());
        assertTrue(
                e.getMessage().endsWith("__metadata__ kind: expected \"model\", found \"checkpoint\""), e.getMessage());
    }
}
