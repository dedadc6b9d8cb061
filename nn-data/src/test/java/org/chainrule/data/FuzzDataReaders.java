package org.chainrule.data;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.chainrule.api.ChainruleException;

/**
 * The data readers under coverage-guided fuzzing: a CSV data file and an IDX image or label file.
 * Whatever the bytes, a reader returns its result or throws one {@link ChainruleException} whose
 * message is one line without Java class names (the user's own text, quoted, may hold anything);
 * never another exception, an OutOfMemoryError or a hang. Every build replays the committed corpus
 * in {@code FuzzDataReadersInputs/}; {@code scripts/fuzz 10 data:FuzzDataReaders#METHOD} fuzzes one.
 */
final class FuzzDataReaders {
    static final Pattern INTERNALS =
            Pattern.compile("java\\.|javax\\.|org\\.apache|com\\.fasterxml|org\\.yaml|\\$[A-Z]|Exception|`");
    static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            Path d = Files.createTempDirectory("fuzz-data");
            d.toFile().deleteOnExit();
            d.resolve("f.idx").toFile().deleteOnExit(); // deleted before the folder
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void oneLine(ChainruleException e) {
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
}
