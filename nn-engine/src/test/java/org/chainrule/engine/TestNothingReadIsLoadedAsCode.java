package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production source of any module turns data into code: no Java deserialization, no class
 * loading by a name that could come from a file. Plugins are found by ServiceLoader only.
 */
final class TestNothingReadIsLoadedAsCode {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "Class\\.forName|ObjectInputStream|\\.readObject\\(|\\.loadClass\\(|MethodHandles\\.lookup\\(\\)\\.findClass");

    @Test
    void noProductionSourceDeserializesOrLoadsClassesByName() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("nn-"))
                    .toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        assertTrue(sources.size() > 50, "found the sources of every module: " + sources.size());
        List<String> hits = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (FORBIDDEN.matcher(lines.get(i)).find()) {
                    hits.add(root.relativize(f) + ":" + (i + 1) + ": "
                            + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}
