package org.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on the class path (most applications, every Spark executor) finds the exporter
 * through META-INF/services and writes the same bytes as on the module path.
 */
class TestClassPathExport {
    @TempDir
    Path dir;

    @Test
    void onTheClassPathExportOnnxFindsTheExporterAndWritesTheSameBytes() throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of("target/test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classPath.add(entry);
                }
            }
        }
        Path out = dir.resolve("class-path.onnx");
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-modules=jdk.incubator.vector",
                "--class-path",
                String.join(File.pathSeparator, classPath),
                ClassPathExport.class.getName(),
                out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the application finished");
        assertEquals(0, p.exitValue(), printed);

        assertTrue(printed.contains("exported from unnamed"), printed);
        assertEquals("org.chainrule.onnx", OnnxExporter.class.getModule().getName(), "this JVM: module path");
        assertArrayEquals(OnnxExporter.toBytes(ClassPathExport.model()), Files.readAllBytes(out));
    }
}
