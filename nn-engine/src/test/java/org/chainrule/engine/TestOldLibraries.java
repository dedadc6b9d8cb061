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
import org.chainrule.engine.loading.Dependencies;
import org.junit.jupiter.api.Test;

/**
 * An application whose other dependencies pin a library older than Chainrule works with (Jackson
 * 2.13, Guice 5, Guava 25) is refused when it creates the engine, in one line naming the library,
 * the version found and the one needed, instead of failing later with a NoClassDefFoundError while
 * saving or a page of Guice errors.
 */
final class TestOldLibraries {
    /** The application: creates the engine and prints what refused it. */
    public static void main(String[] args) {
        try {
            Chainrule.create();
            System.out.println("created");
        } catch (ChainruleException e) {
            System.out.println(e.getMessage());
        }
    }

    /**
     * @param old the folder of the old library's jars (the build copies them there)
     * @param library the name the current library's jars have, left off the class path
     * @return the one line the application printed
     */
    private static String runWith(String old, String library) throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of("target/test-classes").toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(Path.of("target", old).toAbsolutePath())) {
            jars.map(Path::toString).sorted().forEach(classPath::add);
        }
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank() && !Path.of(entry).getFileName().toString().startsWith(library)) {
                    classPath.add(entry);
                }
            }
        }
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "--add-modules=jdk.incubator.vector",
                        "--class-path",
                        String.join(File.pathSeparator, classPath),
                        TestOldLibraries.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines()
                .filter(l -> !l.startsWith("WARN") && !l.startsWith("INFO"))
                .toList();
        assertEquals(1, lines.size(), out);
        return lines.get(0);
    }

    @Test
    void anApplicationPinnedToJackson213IsRefusedAtStartUpInOneLine() throws Exception {
        String line = runWith("old-jackson", "jackson-");
        assertTrue(
                line.matches("Chainrule needs jackson-core 2\\.15 or newer \\(built and tested with 2\\.\\d+\\.\\d+\\),"
                        + " found 2\\.13\\.5 in .*jackson-core-2\\.13\\.5\\.jar: another dependency of the"
                        + " application pins it; let 2\\.\\d+\\.\\d+ win \\(for example import"
                        + " com\\.fasterxml\\.jackson:jackson-bom:2\\.\\d+\\.\\d+ in dependencyManagement\\)"),
                line);
    }

    @Test
    void anApplicationPinnedToGuice5IsRefusedAtStartUpInOneLine() throws Exception {
        String line = runWith("old-guice", "guice-");
        assertTrue(
                line.matches("Chainrule needs guice 6\\.0\\.0 or newer \\(reads the jakarta\\.inject annotations the"
                        + " engine is wired with; built and tested with 7\\.\\d+\\.\\d+\\), found 5\\.1\\.0 in"
                        + " .*guice-5\\.1\\.0\\.jar: another dependency of the application pins it; let 7\\.\\d+\\.\\d+"
                        + " win \\(for example with guice 7\\.\\d+\\.\\d+ in dependencyManagement\\)"),
                line);
    }

    @Test
    void anApplicationPinnedToGuava25IsRefusedAtStartUpInOneLine() throws Exception {
        String line = runWith("old-guava", "guava-");
        assertTrue(
                line.matches(
                        "Chainrule needs guava 31\\.0\\.1 or newer \\(what Guice 7\\.\\d+\\.\\d+ needs; built and"
                                + " tested with 33\\.\\d+\\.\\d+-jre\\), found 25\\.1\\.0\\.jre in .*guava-25\\.1-jre\\.jar: .*"),
                line);
    }

    @Test
    void theLibrariesOnThisPathAreNewEnough() {
        Dependencies.check();
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(Dependencies.compareVersions("33.7.2-jre", "31.0.1") > 0);
        assertTrue(Dependencies.compareVersions("25.1-jre", "31.0.1") < 0);
        assertTrue(Dependencies.compareVersions("6.0.0", "6.0.0") == 0);
        assertTrue(Dependencies.compareVersions("5.1.0", "6.0.0") < 0);
    }
}
