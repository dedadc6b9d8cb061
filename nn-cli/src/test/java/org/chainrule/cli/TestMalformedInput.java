package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed data files and specs: each is caught before training starts and gives one
 * line on stderr that names what and where, exit status 2, and no stack trace.
 */
final class TestMalformedInput {
    @TempDir
    Path dir;

    /** A case: files to write (name → bytes), the arguments ({d} is the folder), a fragment of the message. */
    record Case(String name, Map<String, byte[]> files, String[] args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case csv(String name, String content, String expected, String... extra) {
        String[] args = Stream.concat(Stream.of("train", "--data", "{d}/data.csv"), Arrays.stream(extra))
                .toArray(String[]::new);
        return new Case(name, Map.of("data.csv", content.getBytes(StandardCharsets.UTF_8)), args, expected);
    }

    private static Case spec(String name, String file, String content, String expected) {
        return new Case(
                name,
                Map.of(file, content.getBytes(StandardCharsets.UTF_8)),
                new String[] {"train", "--spec", "{d}/" + file},
                expected);
    }

    private static byte[] idx(int magic, int... dimsThenBytes) {
        return idx(magic, dimsThenBytes, 0);
    }

    private static byte[] idx(int magic, int[] dims, int extra) {
        long values = 1;
        for (int d : dims) {
            values *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + (int) Math.max(0, values + extra))
                .putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private static Case idxCase(String name, byte[] images, byte[] labels, String expected) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("img.idx", images);
        files.put("lbl.idx", labels);
        return new Case(
                name,
                files,
                new String[] {"train", "--data", "idx", "--train", "{d}/img.idx", "--train-labels", "{d}/lbl.idx"},
                expected);
    }

    private static byte[] gzip(String s) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(s.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Case> dataFiles() {
        byte[] goodLabels = idx(0x00000801, new int[] {3}, 0);
        byte[] goodImages = idx(0x00000803, new int[] {3, 2, 2}, 0);
        byte[] labels200 = ByteBuffer.allocate(8 + 6)
                .putInt(0x00000801)
                .putInt(6)
                .put(new byte[] {0, 1, 2, 0, 1, (byte) 200})
                .array();
        return Stream.of(
                csv(
                        "a quoted field never closed",
                        "1,2,0\n3,4,1\n5,\"6,1\n7,8,0\n",
                        "data.csv line 3: a quoted field is never closed: expected a closing '\"' before the end of"
                                + " the file"),
                new Case(
                        "a folder for a CSV",
                        Map.of(),
                        new String[] {"train", "--data", "csv", "--train", "{d}"},
                        "{d}: expected a file, found a folder"),
                idxCase(
                        "an IDX label far beyond the others",
                        idx(0x00000803, new int[] {6, 2, 2}, 0),
                        labels200,
                        "lbl.idx: label 200 of sample 6 would make 201 classes of which 197 have no sample;"
                                + " expected labels 0..K-1 (set classes, --classes K, if 201 is meant)"),
                csv(
                        "a label beyond --classes",
                        "1,2,0\n3,4,1\n5,6,2\n7,8,3\n",
                        "data.csv: label 3 of sample 4: expected a class in 0..2 (classes 3)",
                        "--classes",
                        "3"),
                csv(
                        "non-numeric cell",
                        "1,2,0\n3,4,1\n5,x,1\n",
                        "data.csv line 3, column 2: expected a number, found 'x'"),
                csv(
                        "a quoted cell holding a line break and a backtick",
                        "1,2,0\n3,\"4\n`5\",1\n",
                        "column 2: expected a number, found '4\\u000a`5'"),
                csv("empty cell", "1,2,0\n3,,1\n", "data.csv line 2, column 2: expected a number, found ''"),
                csv("NaN cell", "1,2,0\n3,NaN,1\n", "data.csv line 2, column 2: expected a finite number, found 'NaN'"),
                csv(
                        "infinite cell",
                        "1,2,0\n3,Infinity,1\n",
                        "data.csv line 2, column 2: expected a finite number, found 'Infinity'"),
                csv(
                        "ragged row",
                        "a,b,class\n1,2,0\n3,4,5,1\n",
                        "data.csv line 3: expected 3 columns (as line 2), found 4"),
                csv(
                        "fractional label",
                        "1,2,0\n3,4,1.5\n",
                        "data.csv line 2, column 3: expected a class label (a whole number ≥ 0), found '1.5'"),
                csv(
                        "negative label",
                        "1,2,0\n3,4,-1\n",
                        "data.csv line 2, column 3: expected a class label (a whole number ≥ 0), found '-1'"),
                csv("empty file", "", "data.csv: no data rows"),
                csv("header only", "a,b,class\n", "data.csv: no data rows"),
                csv(
                        "one column",
                        "1\n2\n",
                        "data.csv line 1: expected at least 2 columns (features and the class), found 1"),
                csv(
                        "one class only",
                        "1,2,0\n3,4,0\n",
                        "data.csv: expected at least 2 classes in column 3, found only class 0"),
                csv(
                        "label column out of range",
                        "1,2,0\n3,4,1\n",
                        "data label_column: expected 1..3 or -1..-3 for the 3 columns",
                        "--label-column",
                        "7"),
                csv("unterminated quote", "1,2,0\n\"3,4,1\n", "data.csv"),
                csv(
                        "header forced on a headerless file leaves one class",
                        "1,2,1\n3,4,0\n5,6,0\n",
                        "expected at least 2 classes",
                        "--header",
                        "true"),
                new Case(
                        "not gzip",
                        Map.of("data.csv.gz", "1,2,0\n".getBytes(StandardCharsets.UTF_8)),
                        new String[] {"train", "--data", "{d}/data.csv.gz"},
                        "data.csv.gz: cannot read (Not in GZIP format)"),
                new Case(
                        "gzip with a bad cell",
                        Map.of("data.csv.gz", gzip("1,2,0\n3,4,1\n5,?,0\n")),
                        new String[] {"train", "--data", "{d}/data.csv.gz"},
                        "data.csv.gz line 3, column 2: expected a number, found '?'"),
                new Case(
                        "missing file",
                        Map.of(),
                        new String[] {"train", "--data", "{d}/nope.csv"},
                        "nope.csv: no such file"),
                new Case(
                        "test file with other columns",
                        Map.of(
                                "train.csv",
                                "1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8),
                                "test.csv",
                                "1,2,3,0\n4,5,6,1\n".getBytes(StandardCharsets.UTF_8)),
                        new String[] {"train", "--data", "csv", "--train", "{d}/train.csv", "--test", "{d}/test.csv"},
                        "test.csv: expected 2 features (as"),
                idxCase(
                        "IDX bad magic",
                        "P5\n28 28\n255\n".getBytes(StandardCharsets.US_ASCII),
                        goodLabels,
                        "img.idx byte 0: expected the IDX magic 00 00 (type) (rank), found 50 35 0a 32; not an IDX file"),
                idxCase(
                        "IDX float elements",
                        idx(0x00000D03, new int[] {3, 2, 2}, 0),
                        goodLabels,
                        "img.idx byte 2: expected element type 0x08 (unsigned byte), found 0x0d"),
                idxCase(
                        "IDX truncated images",
                        Arrays.copyOf(goodImages, goodImages.length - 3),
                        goodLabels,
                        "img.idx: truncated: the header declares 12 values from byte 16, found 9"),
                idxCase(
                        "IDX header claiming billions of pixels in a short file",
                        java.nio.ByteBuffer.allocate(20)
                                .putInt(0x00000803)
                                .putInt(3)
                                .putInt(20000)
                                .putInt(20000)
                                .array(),
                        goodLabels,
                        "img.idx: truncated: the header declares 1200000000 values from byte 16, found 4"),
                idxCase(
                        "IDX dimensions whose product overflows",
                        java.nio.ByteBuffer.allocate(24)
                                .putInt(0x00000804)
                                .putInt(1)
                                .putInt(0x7fffffff)
                                .putInt(0x7fffffff)
                                .putInt(0x7fffffff)
                                .array(),
                        goodLabels,
                        "img.idx: 1 images of more than 2147483639 pixels are more than one array holds"),
                idxCase(
                        "IDX trailing bytes",
                        idx(0x00000803, new int[] {3, 2, 2}, 5),
                        goodLabels,
                        "img.idx byte 28: expected the end of the file after the last value, found more bytes"),
                idxCase(
                        "IDX label count differs",
                        goodImages,
                        idx(0x00000801, new int[] {4}, 0),
                        "lbl.idx: expected 3 labels (one per image in"),
                idxCase(
                        "IDX labels of rank 3",
                        goodImages,
                        goodImages,
                        "lbl.idx byte 3: expected rank 1 (labels), found 3"),
                idxCase(
                        "IDX zero images",
                        idx(0x00000803, new int[] {0, 2, 2}, 0),
                        goodLabels,
                        "img.idx byte 4: dimension 1: expected a size >= 1, found 0"),
                new Case(
                        "IDX without labels",
                        Map.of("img.idx", goodImages),
                        new String[] {"train", "--data", "idx", "--train", "{d}/img.idx"},
                        "data source idx: expected a file (--train-labels FILE), found none"),
                new Case(
                        "predict input of the wrong width",
                        Map.of("x.csv", "1,2,3\n".getBytes(StandardCharsets.UTF_8)),
                        new String[] {"predict", "--model", "{d}/missing.safetensors", "--input", "{d}/x.csv"},
                        "missing.safetensors: no such file"));
    }

    static Stream<Case> specs() {
        byte[] latin1 = "training:\n  epochs: 3 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                spec(
                        "text for a number",
                        "s.yaml",
                        "training:\n  epochs: ten\n",
                        "s.yaml line 2, column 11: training.epochs: expected a whole number, found 'ten'"),
                spec(
                        "a spec that is one text with quotes in it",
                        "s.yaml",
                        "'it''s a (text)'\n",
                        "expected a section of keys (data, network, training, output), found 'it\\'s a (text)'"),
                spec(
                        "a JSON token naming an exception",
                        "s.json",
                        "hNoSuchException" + "h".repeat(300) + "\n",
                        "not well-formed JSON: Unrecognized token 'hNoSuchExceptionhhhh"),
                spec(
                        "a spec that is one text with a parenthesis",
                        "s.yaml",
                        "gamma.delta)\n",
                        "s.yaml line 1, column 1: expected a section of keys (data, network, training, output),"
                                + " found 'gamma.delta)'"),
                spec(
                        "a section where YAML expects a key",
                        "s.yaml",
                        "data:     {    {source: iris}}\n",
                        "not well-formed YAML: Expected a field name (Scalar value in YAML), got this instead: the"
                                + " start of a section"),
                spec(
                        "a brace closing a JSON list",
                        "s.json",
                        "{\"network\": {\"layers\": [{\"units\": 8}}}\n",
                        "not well-formed JSON: Unexpected close marker '}': expected ']'"),
                spec(
                        "a list for a number",
                        "s.yaml",
                        "training:\n  epochs: [1]\n",
                        "training.epochs: expected a whole number, found a list"),
                spec(
                        "a number for a section",
                        "s.yaml",
                        "training: 5\n",
                        "training: expected a section of keys (optimizer, epochs, batch,"),
                spec(
                        "a number for the layer list",
                        "s.yaml",
                        "network:\n  layers: 5\n",
                        "network.layers: expected a list, found 5"),
                spec(
                        "nesting deeper than a spec",
                        "s.json",
                        "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                        "s.json: not a spec: JSON nested deeper, or a value longer, than a spec ever is"),
                new Case(
                        "a spec that is not UTF-8",
                        Map.of("s.yaml", latin1),
                        new String[] {"train", "--spec", "{d}/s.yaml"},
                        "s.yaml line 2, column 18 (byte offset 27): expected UTF-8 text, found the byte 0xe9"),
                new Case(
                        "a folder for a spec",
                        Map.of(),
                        new String[] {"train", "--spec", "{d}"},
                        "spec file {d}: expected a file, found a folder"),
                spec(
                        "unknown section",
                        "s.yaml",
                        "trainer: {epochs: 3}\n",
                        "unknown key 'trainer'; expected one of data, network, output, training"),
                spec(
                        "unknown training key",
                        "s.yaml",
                        "training:\n  learning_rate: 0.1\n",
                        "spec file {d}/s.yaml line 3, column 1: unknown key 'learning_rate' in training; expected one of batch, checkpoint_every,"),
                spec("epochs as text", "s.yaml", "training: {epochs: ten}\n", "spec file {d}/s.yaml line 1, column 20"),
                spec(
                        "fractional epochs",
                        "s.json",
                        "{\"training\": {\"epochs\": 2.5}}",
                        "training.epochs: expected a whole number, found 2.5"),
                spec(
                        "duplicate key",
                        "s.json",
                        "{\"training\": {\"epochs\": 2, \"epochs\": 3}}",
                        "Duplicate field 'epochs'"),
                spec("bad YAML", "s.yaml", "network:\n  layers: [ {units: 3\n", "not well-formed YAML"),
                spec("bad JSON", "s.json", "{\"network\": }", "not well-formed JSON"),
                spec(
                        "empty spec",
                        "s.yaml",
                        "",
                        "spec file {d}/s.yaml: empty; expected sections data, network, training, output"),
                spec(
                        "layers not a list",
                        "s.yaml",
                        "network: {layers: 5}\n",
                        "network.layers: expected a list, found 5"),
                spec(
                        "unknown activation",
                        "s.yaml",
                        "network:\n  layers: [{units: 8, activation: rleu}, {units: 10}]\n",
                        "layer 1 activation: unknown activation 'rleu' (did you mean 'relu'?); installed:"),
                spec(
                        "inputs of another data set",
                        "s.yaml",
                        "network: {inputs: 784}\n",
                        "network inputs: expected 64 (the data's features), found 784"),
                spec(
                        "output units not the classes",
                        "s.yaml",
                        "network:\n  layers: [{units: 8}, {units: 5}]\n",
                        "network layer 2 units: expected 10 (one per class), found 5"),
                spec(
                        "zero units",
                        "s.yaml",
                        "network:\n  layers: [{units: 0}, {units: 10}]\n",
                        "network layer 1 units: expected at least 1, found 0"),
                spec(
                        "plugin syntax",
                        "s.yaml",
                        "network:\n  layers: [{units: 8, activation: \"relu(\"}, {units: 10}]\n",
                        "network layer 1 activation: plugin spec 'relu(': expected ')' at the end"),
                spec(
                        "early stop without validation",
                        "s.yaml",
                        "training: {early_stop: 3}\n",
                        "training early_stop: needs a validation set; set data validation_split (--validation-split) above 0"),
                spec(
                        "validation split too large",
                        "s.yaml",
                        "data: {validation_split: 1.5}\n",
                        "data validation_split: expected a fraction from 0 to 0.9, found 1.5"),
                spec(
                        "unknown scaling",
                        "s.yaml",
                        "data: {scaling: zscore}\n",
                        "data scaling: expected standardize, minmax or none, found 'zscore'"),
                spec(
                        "bad optimizer parameter",
                        "s.yaml",
                        "training: {optimizer: \"momentum(momentum=2)\"}\n",
                        "optimizer 'momentum': parameter 'momentum': expected real ≥ 0, ≤ 0.999999, found 2"),
                new Case(
                        "missing spec file",
                        Map.of(),
                        new String[] {"train", "--spec", "{d}/none.yaml"},
                        "spec file {d}/none.yaml: no such file"));
    }

    @org.junit.jupiter.api.Test
    void aParserMessageNamesJavaTypesInWordsAndDropsTheSourceExcerpt() {
        assertEquals(
                "Cannot construct instance of training section (no creator); expected integer",
                RunSpec.parserMessage("Cannot construct instance of `org.chainrule.cli.RunSpec$TrainingSection` (no"
                        + " creator); expected `java.lang.Integer`\n at [Source: REDACTED; line: 1]"));
    }

    @org.junit.jupiter.api.Test
    void aYamlEventInAParserMessageIsNamedInWordsWhateverItsAnchorHolds() {
        assertEquals(
                "Expected a field name, got this instead: an alias",
                RunSpec.parserMessage("Expected a field name, got this instead:"
                        + " <org.yaml.snakeyaml.events.AliasEvent(anchor=F>F$F!)>"));
    }

    /** Usage errors: one line with the message and where to read more, never the usage text. */
    static Stream<Case> usage() {
        return Stream.of(
                new Case(
                        "an int option out of range",
                        Map.of(),
                        new String[] {"train", "--epochs", "99999999999"},
                        "Invalid value for option '--epochs': '99999999999' is not an int; see 'nn help train'"),
                new Case(
                        "a long option that is not a number",
                        Map.of(),
                        new String[] {"train", "--seed", "abc"},
                        "Invalid value for option '--seed': 'abc' is not a long; see 'nn help train'"),
                new Case(
                        "a plugin folder that does not exist",
                        Map.of(),
                        new String[] {"train", "--plugins", "{d}/nodir"},
                        "--plugins {d}/nodir: no such folder; see 'nn --help'"),
                new Case(
                        "an unknown option",
                        Map.of(),
                        new String[] {"train", "--epoch", "3"},
                        "Unknown options: '--epoch', '3' (did you mean --epochs?); see 'nn help train'"),
                new Case(
                        "a misspelt command",
                        Map.of(),
                        new String[] {"trian"},
                        "'trian' (did you mean train?); see 'nn --help'"),
                new Case(
                        "an unknown schedule",
                        Map.of(),
                        new String[] {"train", "--optimizer", "sgd", "--schedule", "bogus(x=1)"},
                        "--schedule: expected one of constant, step, exponential, inverse_time, cosine, found 'bogus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usage")
    void aUsageErrorIsOneLineWithoutTheUsageText(Case c) throws IOException {
        assertOneLineError(c);
    }

    private void assertOneLineError(Case c) throws IOException {
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        String[] args = Arrays.stream(c.args())
                .map(a -> a.replace("{d}", dir.toString()))
                .toArray(String[]::new);
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = dir.resolve("out").toString();
        if (!args[0].equals("train")) {
            all = args;
        }

        Cli r = Cli.run(all);

        assertEquals(2, r.status(), c.name() + ": " + r.err() + r.out());
        assertEquals(1, r.err().lines().count(), c.name() + ": " + r.err());
        assertTrue(r.err().startsWith("nn: "), r.err());
        assertTrue(r.err().contains(c.expected().replace("{d}", dir.toString())), c.name() + ": " + r.err());
        assertFalse(r.out().contains("epoch"), c.name() + ": training started: " + r.out());
        assertFalse(Files.exists(dir.resolve("out")), c.name() + ": the output folder was created");
        assertFalse(
                java.util.regex.Pattern.compile("java\\.|javax\\.|org\\.apache|com\\.fasterxml|\\$[A-Z]|Exception|`")
                        .matcher(r.err()
                                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")) // the user's own text may hold anything
                        .find(),
                c.name() + ": library internals in " + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataFiles")
    void aMalformedDataFileIsOneLineNamingTheFileAndPlace(Case c) throws IOException {
        assertOneLineError(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void aMalformedSpecIsOneLineNamingTheKeyAndPlace(Case c) throws IOException {
        assertOneLineError(c);
    }
}
