package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chainrule.api.ChainruleException;
import org.junit.jupiter.api.Test;

/**
 * An application whose other dependencies pin Jackson 2.13 (older than Chainrule works with) is
 * refused when it creates the engine, in one line naming the library, the version found and the
 * one needed, instead of training and then failing with a NoClassDefFoundError while saving.
 */
final class TestOldJackson {
    /** The application: creates the engine and prints what refused it. */
    public static void main(String[] args) {
        try {
            Chainrule.create();
            System.out.println("created");
        } catch (ChainruleException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void anApplicationPinnedToJackson213IsRefusedAtStartUpInOneLine() throws Exception {
        Path old = Path.of("target/old-jackson").toAbsolutePath();
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of("target/test-classes").toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(old)) {
            jars.map(Path::toString).sorted().forEach(classPath::add);
        }
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank() && !entry.contains("jackson")) {
                    classPath.add(entry);
                }
            }
        }
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "--add-modules=jdk.incubator.vector",
                        "--class-path",
                        String.join(File.pathSeparator, classPath),
                        TestOldJackson.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines()
                .filter(l -> !l.startsWith("WARN") && !l.startsWith("INFO"))
                .toList();
        assertEquals(1, lines.size(), out);
        assertTrue(
                lines.get(0)
                        .matches(
                                "Chainrule needs jackson-core 2\\.15 or newer \\(built and tested with 2\\.\\d+\\.\\d+\\),"
                                        + " found 2\\.13\\.5 in .*jackson-core-2\\.13\\.5\\.jar: another dependency of the"
                                        + " application pins it; let 2\\.\\d+\\.\\d+ win \\(for example import"
                                        + " com\\.fasterxml\\.jackson:jackson-bom:2\\.\\d+\\.\\d+ in dependencyManagement\\)"),
                lines.get(0));
    }

    @Test
    void theJacksonOnThisPathIsNewEnough() {
        Dependencies.check();
    }
}
