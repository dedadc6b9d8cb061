package org.chainrule.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.chainrule.api.Plugin;

/** Compiles plugin sources against nn-api alone and packs them into a jar, as a third party would. */
final class PluginJars {
    private PluginJars() {}

    /** @return nn-api's classes (a folder or a jar), the only thing a plugin compiles against */
    static Path api() {
        try {
            return Path.of(Plugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param sources path inside the source tree → Java source; a {@code module-info.java} makes a
     *     modular jar, its absence a plain one
     * @param resources path inside the jar → text, e.g. {@code META-INF/services/...}
     * @return the jar, written to {@code dir/jarName}
     */
    static Path build(Path dir, String jarName, Map<String, String> sources, Map<String, String> resources)
            throws IOException {
        return build(dir, jarName, sources, resources, List.of());
    }

    /** As {@link #build(Path, String, Map, Map)}, compiled with more modules on the module path. */
    static Path build(
            Path dir, String jarName, Map<String, String> sources, Map<String, String> resources, List<Path> also)
            throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path classes = Files.createTempDirectory(dir, "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        boolean modular = sources.containsKey("module-info.java");
        StringBuilder path = new StringBuilder(api().toString());
        for (Path p : also) {
            path.append(java.io.File.pathSeparator).append(p);
        }
        List<String> options =
                List.of("-d", classes.toString(), modular ? "--module-path" : "--class-path", path.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        var files2 =
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(files);
        boolean ok = javac.getTask(errors, null, null, options, null, files2).call();
        if (!ok) {
            throw new AssertionError("plugin does not compile: " + errors);
        }
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            for (Map.Entry<String, String> r : resources.entrySet()) {
                out.putNextEntry(new JarEntry(r.getKey()));
                ((OutputStream) out).write(r.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** @return the source of an element-wise activation provider class {@code pkg.Name} */
    static String activation(String pkg, String className, String name, String spi, String constructorBody) {
        return """
                package %s;

                import org.chainrule.api.*;

                public final class %s implements ActivationProvider {
                    public %s() { %s }
                    public int spiVersion() { return %s; }
                    public String name() { return "%s"; }
                    public String description() { return "z / (1 + |z|), for tests"; }
                    public Activation create(Params p) {
                        return new ElementwiseActivation() {
                            protected float apply(float z) { return z / (1 + Math.abs(z)); }
                            protected float derivative(float z, float a) { float d = 1 + Math.abs(z); return 1 / (d * d); }
                        };
                    }
                }
                """.formatted(pkg, className, className, constructorBody, spi, name);
    }

    /**
     * Writes a plugin that needs a library into {@code dir}: {@code mathlib-V.jar} (module
     * com.example.mathlib, whose {@code Lib.scale()} returns V) and {@code NAME.jar}, an activation
     * s·z/(1 + |z|) with s = Lib.scale() and the description "scaled by s (mathlib)", listed both in
     * its module-info and in META-INF/services.
     */
    static void withLibrary(Path dir, String name, int scale) throws IOException {
        Path lib = build(
                dir,
                "mathlib-" + scale + ".jar",
                Map.of(
                        "module-info.java",
                        "module com.example.mathlib { exports com.example.mathlib; }",
                        "com/example/mathlib/Lib.java",
                        "package com.example.mathlib; public final class Lib { public static float scale() { return "
                                + scale + "f; } }"),
                Map.of());
        String pkg = "com.example." + name;
        build(
                dir,
                name + ".jar",
                Map.of(
                        "module-info.java",
                        "module " + pkg + " { requires org.chainrule.api; requires com.example.mathlib;"
                                + " provides org.chainrule.api.ActivationProvider with " + pkg + ".Plugin; }",
                        pkg.replace('.', '/') + "/Plugin.java",
                        """
                        package %s;

                        import org.chainrule.api.*;
                        import com.example.mathlib.Lib;

                        public final class Plugin implements ActivationProvider {
                            public int spiVersion() { return SPI_VERSION; }
                            public String name() { return "%s"; }
                            public String description() { return "scaled by " + Lib.scale() + " (mathlib)"; }
                            public Activation create(Params p) {
                                float s = Lib.scale();
                                return new ElementwiseActivation() {
                                    protected float apply(float z) { return s * z / (1 + Math.abs(z)); }
                                    protected float derivative(float z, float a) {
                                        float d = 1 + Math.abs(z);
                                        return s / (d * d);
                                    }
                                };
                            }
                        }
                        """.formatted(pkg, name)),
                Map.of("META-INF/services/org.chainrule.api.ActivationProvider", pkg + ".Plugin\n"),
                List.of(lib));
    }
}
