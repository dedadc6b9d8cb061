package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.chainrule.api.ChainruleException;

/**
 * The readers of what users give the command, under coverage-guided fuzzing: a CSV data file, an
 * IDX image or label file, and a run spec (YAML or JSON). Whatever the bytes, a reader returns its
 * result or throws one {@link ChainruleException} whose message is one line without Java class
 * names; never another exception, an OutOfMemoryError or a hang. Every build replays the committed
 * corpus in {@code FuzzReadersInputs/}; {@code scripts/fuzz cli FuzzReaders#METHOD 10} fuzzes one.
 */
final class FuzzReaders {
    private static final Pattern INTERNALS =
            Pattern.compile("java\\.|javax\\.|org\\.apache|com\\.fasterxml|org\\.yaml|\\$[A-Z]|Exception|`");
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            Path d = Files.createTempDirectory("fuzz-readers");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The user's own text, quoted in a message: it may hold anything, backticks included. */
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");

    private static void oneLine(ChainruleException e) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        assertFalse(INTERNALS.matcher(QUOTED.matcher(m).replaceAll("''")).find(), m);
    }

    @FuzzTest(maxDuration = "10m")
    void aCsvFileIsReadOrRefusedInOneLine(byte[] bytes) throws IOException {
        try {
            LabeledData.parse("fuzz.csv", new ByteArrayInputStream(bytes), -1, "auto");
        } catch (ChainruleException e) {
            oneLine(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anIdxFileIsReadOrRefusedInOneLine(byte[] bytes) throws IOException {
        Path file = DIR.resolve("f.idx");
        Files.write(file, bytes);
        try {
            Idx.images(file);
        } catch (ChainruleException e) {
            oneLine(e);
        }
        try {
            Idx.labels(file);
        } catch (ChainruleException e) {
            oneLine(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void aYamlSpecIsReadOrRefusedInOneLine(byte[] bytes) throws IOException {
        spec(bytes, "s.yaml");
    }

    @FuzzTest(maxDuration = "10m")
    void aJsonSpecIsReadOrRefusedInOneLine(byte[] bytes) throws IOException {
        spec(bytes, "s.json");
    }

    private static void spec(byte[] bytes, String name) throws IOException {
        Path file = DIR.resolve(name);
        Files.write(file, bytes);
        try {
            RunSpec s = RunSpec.read(file);
            s.dataWithDefaults();
        } catch (ChainruleException e) {
            oneLine(e);
        }
    }
}
