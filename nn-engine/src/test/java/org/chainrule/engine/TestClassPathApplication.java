package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin folders work whichever path the application runs on: the project's {@code mish} example
 * (a modular jar) and a plugin that brings a library in its sub-folder load, train, save, reload
 * and predict in an application on the plain class path, bitwise equal to the same application on
 * the module path.
 */
final class TestClassPathApplication {
    @TempDir
    Path dir;

    /** @return the mish example built from its sources, as its own build packs it */
    private Path mishJar(Path folder) throws IOException {
        Path example = Path.of("../examples/activation-plugin/src/main")
                .toAbsolutePath()
                .normalize();
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(example.resolve("java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(example.resolve("java").relativize(f).toString(), Files.readString(f));
            }
        }
        Map<String, String> resources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(example.resolve("resources"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                resources.put(example.resolve("resources").relativize(f).toString(), Files.readString(f));
            }
        }
        return PluginJars.build(folder, "mish-activation-1.0.jar", sources, resources);
    }

    @Test
    void anApplicationOnTheClassPathLoadsModularAndDependentPluginsAndPredictsAsOnTheModulePath() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        mishJar(folder);
        PluginJars.withLibrary(Files.createDirectories(folder.resolve("scaled-a")), "scaled_a", 1);
        assertEquals(
                "org.chainrule.engine", ClassPathApplication.class.getModule().getName(), "this JVM: module path");

        List<String> onModulePath = ClassPathApplication.run(folder, dir.resolve("module-path.safetensors"));
        List<String> onClassPath = onClassPath(folder, dir.resolve("class-path.safetensors"));

        assertEquals(1, onModulePath.size(), "no problems on the module path: " + onModulePath);
        assertEquals(onModulePath, onClassPath, "the class-path run: no problems, the same predictions to the bit");
    }

    @Test
    void onTheClassPathAModularJarWithoutAServicesFileIsOneProblemSayingWhatToAdd() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.build(
                folder,
                "softsign.jar",
                Map.of(
                        "module-info.java",
                        "module com.example.softsign { requires org.chainrule.api;"
                                + " provides org.chainrule.api.ActivationProvider with com.example.softsign.Plugin; }",
                        "com/example/softsign/Plugin.java",
                        PluginJars.activation("com.example.softsign", "Plugin", "softsign", "SPI_VERSION", "")),
                Map.of());

        List<String> problems = onClassPath(folder, null);

        assertEquals(
                List.of("plugin jar " + jar + ": module com.example.softsign provides"
                        + " org.chainrule.api.ActivationProvider in module-info but has no"
                        + " META-INF/services/org.chainrule.api.ActivationProvider, which an application on the class"
                        + " path needs; add it (the conformance kit's packaging check); skipped"),
                problems);
    }

    /** Runs {@link ClassPathApplication} on the class path; without a model file it only loads the folder. */
    private static List<String> onClassPath(Path folder, Path model) throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of("target/test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classPath.add(entry);
                }
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-modules=jdk.incubator.vector");
        // the same JVM options (vector width) as this JVM, so the kernels are the same
        for (String a : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (a.startsWith("-XX:")) {
                command.add(a);
            }
        }
        String kernels = System.getProperty("chainrule.kernels");
        if (kernels != null && !kernels.isBlank()) {
            command.add("-Dchainrule.kernels=" + kernels);
        }
        command.addAll(List.of(
                "--class-path",
                String.join(File.pathSeparator, classPath),
                ClassPathApplication.class.getName(),
                folder.toString()));
        if (model != null) {
            command.add(model.toString());
        }
        Path err = Files.createTempFile(folder.getParent(), "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the application finished");
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out + Files.readString(err));
        return out.lines()
                .filter(l -> !l.startsWith("WARN") && !l.startsWith("INFO"))
                .toList();
    }
}
