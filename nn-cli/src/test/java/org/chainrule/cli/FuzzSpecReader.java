package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.chainrule.api.ChainruleException;

/**
 * The run-spec reader (YAML or JSON) under coverage-guided fuzzing: whatever the bytes, it returns
 * a spec or throws one {@link ChainruleException} whose message is one line without Java class
 * names (the user's own text, quoted, may hold anything); never another exception, an
 * OutOfMemoryError or a hang. Every build replays the committed corpus in
 * {@code FuzzSpecReaderInputs/}; {@code scripts/fuzz 10 cli:FuzzSpecReader#METHOD} fuzzes one. The
 * data readers' fuzz tests are in nn-data.
 */
final class FuzzSpecReader {
    private static final Pattern INTERNALS =
            Pattern.compile("java\\.|javax\\.|org\\.apache|com\\.fasterxml|org\\.yaml|\\$[A-Z]|Exception|`");
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            Path d = Files.createTempDirectory("fuzz-readers");
            d.toFile().deleteOnExit();
            d.resolve("s.yaml").toFile().deleteOnExit(); // deleted before the folder
            d.resolve("s.json").toFile().deleteOnExit(); // deleted before the folder
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
