package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever a model file holds, loading it either gives the saved network or one
 * {@link ModelFormatException} with a one-line message: never another exception, an
 * OutOfMemoryError or a hang.
 */
final class TestModelFileCorruption {
    @TempDir
    Path dir;

    private Network net;
    private byte[] good;
    private int headerEnd;
    private String header;
    private byte[] data;

    @BeforeEach
    void writeASmallModel() throws IOException {
        net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(3)
                        .init("gaussian(std=0.5)", "gaussian(std=0.5)")
                        .dense(4, "tanh")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                1);
        Path file = dir.resolve("good.safetensors");
        net.save(file);
        good = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong();
        headerEnd = 8 + n;
        header = new String(good, 8, n, StandardCharsets.UTF_8).strip();
        data = Arrays.copyOfRange(good, headerEnd, good.length);
    }

    /** @return the message of the ModelFormatException loading {@code bytes} gives; fails on anything else */
    private String rejection(byte[] bytes, String what) {
        Model m = load(bytes, what);
        if (m != null) {
            fail(what + ": loaded without error");
        }
        return lastMessage;
    }

    private String lastMessage;

    /** @return the model, or null after a ModelFormatException (message kept); fails on anything else */
    private Model load(byte[] bytes, String what) {
        Path file = dir.resolve("bad.safetensors");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try {
            return Fixtures.CHAINRULE.load(file);
        } catch (ModelFormatException e) {
            lastMessage = e.getMessage();
            assertFalse(lastMessage.contains("\n") || lastMessage.contains("\r"), what + ": two lines: " + lastMessage);
            assertTrue(lastMessage.startsWith("model file " + file + ": "), what + ": " + lastMessage);
            return null;
        } catch (Throwable e) {
            throw new AssertionError(what + ": expected ModelFormatException, got " + e, e);
        }
    }

    private static byte[] file(String headerJson, byte[] data) {
        byte[] h = headerJson.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length)
                .put(h)
                .put(data)
                .array();
    }

    /**
     * The header with its checksums set to those of {@code data} and of itself, so only the intended
     * fault remains. The header digest is computed here as the format describes it (the header's
     * bytes with the digest's own digits as zeros), independently of the writer.
     */
    private static String withChecksum(String headerJson, byte[] data) throws Exception {
        String sum = sha256(data);
        String h = headerJson.replaceAll("\"sha256\":\"[0-9a-f]*\"", "\"sha256\":\"" + sum + "\"");
        String zeroed =
                h.replaceAll("\"header_sha256\":\"[0-9a-f]{64}\"", "\"header_sha256\":\"" + "0".repeat(64) + "\"");
        String own = sha256(zeroed.getBytes(StandardCharsets.UTF_8));
        return zeroed.replace("\"header_sha256\":\"" + "0".repeat(64) + "\"", "\"header_sha256\":\"" + own + "\"");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theUnchangedBytesLoad() {
        assertTrue(load(good, "unchanged") != null);
    }

    @Test
    void truncationAtEveryByteOffsetIsRejected() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int len = 0; len < good.length; len++) {
                rejection(Arrays.copyOf(good, len), "truncated to " + len + " bytes");
            }
        });
    }

    @Test
    void everyFlippedBitOfTheDataSectionFailsTheChecksum() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = headerEnd; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit += 3) {
                    byte[] b = good.clone();
                    b[i] ^= (byte) (1 << bit);
                    String m = rejection(b, "bit " + bit + " of byte " + i);
                    assertTrue(m.contains("checksum of the data section"), m);
                }
            }
        });
    }

    @Test
    void everyEditOfALeakyReluAlphaInTheHeaderIsRefusedByTheHeaderChecksum() throws Exception {
        Network leaky = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(3)
                        .dense(4, "leaky_relu(alpha=0.25)")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                1);
        Path file = dir.resolve("leaky.safetensors");
        leaky.save(file);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte
        int at = text.indexOf("alpha=0.25");
        assertTrue(at > 0, text);
        int edits = 0;
        for (int i = at + "alpha=".length(); i < at + "alpha=0.25".length(); i++) {
            if (bytes[i] == '.') {
                continue;
            }
            for (char d = '0'; d <= '9'; d++) {
                if (d != bytes[i]) {
                    byte[] b = bytes.clone();
                    b[i] = (byte) d;
                    String m = rejection(b, "alpha digit " + i + " to " + d);
                    assertTrue(m.contains("checksum of the header"), m);
                    edits++;
                }
            }
        }
        assertEquals(27, edits);
    }

    @Test
    void anEditedSeedIsRefusedByTheHeaderChecksum() {
        String text = new String(good, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"seed\":\"1\"") + "\"seed\":\"".length();
        byte[] b = good.clone();
        b[at] = '7';

        assertTrue(rejection(b, "seed 7").contains("checksum of the header"));
    }

    @Test
    void aHeaderOfFormat11OrLaterWithoutItsChecksumIsRefused() throws Exception {
        String bad = header.replaceAll(",\"header_sha256\":\"[0-9a-f]{64}\"", "");

        String m = rejection(file(withChecksum(bad, data), data), "no header checksum");

        assertTrue(m.endsWith("expected key 'header_sha256' (format 1.2 has it), found none"), m);
    }

    @Test
    void aHeaderChecksumKeyWrittenWithAnEscapeIsRefused() throws Exception {
        String bad = withChecksum(header, data).replace("\"header_sha256\":", "\"header\\u005fsha256\":");

        String m = rejection(file(bad, data), "escaped key");

        assertTrue(m.contains("header_sha256: expected exactly one"), m);
    }

    @Test
    void thousandsOfSeededBitFlipsAndByteChangesInTheHeaderAreAllRejected() {
        SplittableRandom r = new SplittableRandom(77);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int unchanged = 0;
            for (int i = 0; i < 3000; i++) {
                byte[] b = good.clone();
                int flips = 1 + r.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = r.nextInt(headerEnd); // the data section is covered bit by bit above
                    if (r.nextBoolean()) {
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    } else {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                if (Arrays.equals(b, good)) {
                    unchanged++; // a byte set to its own value, or two flips of one bit
                } else {
                    rejection(b, "mutation " + i);
                }
            }
            assertTrue(unchanged < 30, unchanged + " of 3000 mutations left the file as it was");
        });
    }

    @ParameterizedTest(name = "header length {0}")
    @CsvSource({"0", "1", "9223372036854775807", "-1", "1099511627776", "16777217"})
    void anImplausibleHeaderLengthIsRejectedBeforeAnythingIsAllocated(long length) {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);

        String m = rejection(b, "header length " + length);

        assertTrue(m.contains("header length at byte 0") || m.contains("truncated"), m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON              | {"a":                              | not well-formed JSON
            an array              | []                                 | expected a JSON object
            null                  | null                               | expected a JSON object
            trailing tokens       | {} {}                              | not well-formed JSON
            """)
    void aHeaderThatIsNotAJsonObjectIsRejected(String what, String json, String expected) {
        String m = rejection(file(json, data), what);

        assertTrue(m.contains(expected), m);
    }

    @Test
    void deepNestingIsRejectedWithoutAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        String m = rejection(file(deep, data), "deep nesting");

        assertTrue(m.endsWith("not well-formed JSON (nested deeper than 64 levels, or a number or text too long)"), m);
    }

    @Test
    void aHeaderThatIsNotUtf8IsRejected() {
        byte[] b = good.clone();
        b[9] = (byte) 0xC3;
        b[10] = (byte) 0x28;

        assertTrue(rejection(b, "invalid UTF-8").contains("not UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            wrong dtype            | "dtype":"F32"                         | "dtype":"F16"                           | dtype: expected "F32", found "F16"
            numeric dtype          | "dtype":"F32"                         | "dtype":3                               | dtype: expected "F32", found 3
            duplicate key          | "dtype":"F32"                         | "dtype":"F32","dtype":"F32"             | Duplicate field 'dtype'
            unknown tensor key     | "dtype":"F32"                         | "dtype":"F32","offset":0                | unknown key "offset"
            overflowing shape      | "shape":[3,4]                         | "shape":[2147483647,2147483647,2147483647] | overflows
            negative dimension     | "shape":[3,4]                         | "shape":[-3,4]                          | shape[0]: expected an integer in 0..
            fractional dimension   | "shape":[3,4]                         | "shape":[3.5,4]                         | shape[0]: expected an integer
            huge dimension         | "shape":[3,4]                         | "shape":[1e400,4]                       | shape[0]: expected an integer
            shape too long         | "shape":[3,4]                         | "shape":[1,1,1,1,1,1,1,1,3,4]           | expected an array of at most 8
            shape of the wrong size | "shape":[3,4]                        | "shape":[4,3]                           | shape: expected [3, 4] from the spec, found [4, 3]
            offsets out of range   | "data_offsets":[0,48]                 | "data_offsets":[0,4800000000]           | expected 0 <= begin <= end <=
            negative offset        | "data_offsets":[0,48]                 | "data_offsets":[-48,0]                  | expected 0 <= begin <= end <=
            reversed offsets       | "data_offsets":[0,48]                 | "data_offsets":[48,0]                   | expected 0 <= begin <= end <=
            overlapping offsets    | "data_offsets":[48,64]                | "data_offsets":[40,56]                  | without gaps or overlaps
            offsets not a pair     | "data_offsets":[0,48]                 | "data_offsets":[0]                      | expected [begin, end] as two integers
            metadata not strings   | "format":"chainrule"                  | "format":1                              | expected a string, found NUMBER
            not chainrule          | "format":"chainrule"                  | "format":"gguf"                         | format: expected "chainrule", found "gguf"
            newer major version    | "format_version":"1.2"                | "format_version":"2.0"                  | format version 2.0 is newer than this Chainrule
            malformed version      | "format_version":"1.2"                | "format_version":"x"                  | format_version: expected major.minor
            missing checksum       | "sha256":                             | "sha257":                               | expected key 'sha256', found none
            missing spec           | "spec":                               | "spex":                                 | expected key 'spec', found none
            seed not a number      | "seed":"1"                            | "seed":"one"                            | seed: expected an integer
            java class as activation | \\"activation\\":\\"tanh\\"           | \\"activation\\":\\"java.lang.Runtime\\"    | plugin name: expected a lower-case identifier
            unknown activation     | \\"activation\\":\\"tanh\\"             | \\"activation\\":\\"tanj\\"               | unknown activation 'tanj' (did you mean 'tanh'?); installed:
            unknown loss           | \\"loss\\":\\"cross_entropy\\"          | \\"loss\\":\\"crossentropy\\"             | unknown loss 'crossentropy'
            unknown initializer    | \\"bias_init\\":\\"gaussian(std=0.5)\\" | \\"bias_init\\":\\"zeros\\"               | unknown initializer 'zeros'
            bad plugin parameter   | \\"activation\\":\\"tanh\\"             | \\"activation\\":\\"elu(alpha=-1)\\"      | layer 1 activation
            spec with more units   | \\"units\\":4                           | \\"units\\":5                             | expected [3, 5] from the spec, found [3, 4]
            spec with unknown key  | \\"units\\":4                           | \\"units\\":4,\\"dropout\\":0.5             | unknown key 'dropout'
            spec not JSON          | \\"units\\":4                           | \\"units\\":4,,                          | spec: not well-formed JSON
            """)
    void aFaultInTheHeaderIsRejectedWithAMessageNamingIt(String what, String from, String to, String expected)
            throws Exception {
        int at = header.indexOf(from);
        assertTrue(at >= 0, what + ": '" + from + "' not in " + header);
        String bad = header.substring(0, at) + to + header.substring(at + from.length());

        String m = rejection(file(withChecksum(bad, data), data), what);

        assertTrue(m.contains(expected), what + ": " + m);
    }

    @Test
    void aTensorTheSpecDoesNotHaveIsRejected() throws Exception {
        byte[] more = Arrays.copyOf(data, data.length + 4);
        String bad = header.replaceFirst(
                "\\{",
                "{\"layers.3.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" + data.length + ","
                        + (data.length + 4) + "]},");

        String m = rejection(file(withChecksum(bad, more), more), "extra tensor");

        assertTrue(m.contains("tensor \"layers.3.weight\": expected only the 4 layer tensors"), m);
    }

    @Test
    void aNaNWeightIsRejectedEvenWithAMatchingChecksum() throws Exception {
        byte[] nan = data.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 5, Float.NaN); // W(1) element 5

        String m = rejection(file(withChecksum(header, nan), nan), "NaN weight");

        assertTrue(m.endsWith("tensor 'layers.1.weight' element 5: expected a finite number, found NaN"), m);
    }

    @Test
    void anInputScalingOfTheWrongShapeIsRejected() throws Exception {
        byte[] more = Arrays.copyOf(data, data.length + 8);
        String bad = header.replaceFirst(
                "\\{",
                "{\"input.mean\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" + data.length + ","
                        + (data.length + 4) + "]},\"input.scale\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":["
                        + (data.length + 4) + "," + (data.length + 8) + "]},");

        String m = rejection(file(withChecksum(bad, more), more), "input scaling of 1 feature");

        assertTrue(m.endsWith("tensor 'input.mean' shape: expected [3] from the spec, found [1]"), m);
    }

    @Test
    void trailingBytesAfterTheLastTensorAreRejected() throws Exception {
        byte[] more = Arrays.copyOf(data, data.length + 4);

        String m = rejection(file(withChecksum(header, more), more), "trailing bytes");

        assertTrue(m.contains("(trailing bytes)"), m);
    }

    @Test
    void aControlCharacterInANameStaysOnOneLine() throws Exception {
        String bad = header.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"F32\",\"off\\\\nset\\\\u0007\":0");

        String m = rejection(file(withChecksum(bad, data), data), "control characters");

        assertTrue(m.contains("unknown key \"off\\nset\\u0007\""), m);
    }
}
