package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command in a fresh JVM on the real module path (target/classes plus the runtime jars in
 * target/lib), as the {@code nn} launcher does. Surefire opens test packages to Guice and picocli
 * by itself, so only this catches a missing {@code opens} or {@code requires} in a module-info.
 */
final class TestPackagedCli {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String SEP = java.io.File.pathSeparator;

    private static Result launch(String... args) throws IOException, InterruptedException {
        return run(
                List.of(
                        "--module-path",
                        TARGET.resolve("classes") + SEP + TARGET.resolve("lib"),
                        "--module",
                        "org.chainrule.cli/org.chainrule.cli.Main"),
                args);
    }

    private static Result run(List<String> where, String... args) throws IOException, InterruptedException {
        return run(where, new byte[0], args);
    }

    private static Result run(List<String> where, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        return run(where, stdin, java.util.Map.of(), args);
    }

    private static Result run(List<String> where, byte[] stdin, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(javaCommand, "--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(where);
        command.addAll(List.of(args));
        return finish(command, stdin, env);
    }

    /** Runs {@code command} with {@code stdin} and the environment plus {@code env}; waits for its output and status. */
    private static Result finish(List<String> command, byte[] stdin, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command finished");
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    record Result(int status, String out, String err) {}

    /** @return the nn-api jar the command ships: all a plugin compiles against */
    private static String apiJar() throws IOException {
        try (var jars = Files.list(TARGET.resolve("lib"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("nn-api-"))
                    .findFirst()
                    .orElseThrow()
                    .toString();
        }
    }

    @Test
    void testsRunInsideTheCliModule() {
        assertEquals("org.chainrule.cli", getClass().getModule().getName());
    }

    @Test
    void packagedCommandListsPluginsOnTheModulePath() throws Exception {
        assertTrue(Files.isDirectory(Path.of("target/lib")), "target/lib is filled before the tests");

        Result r = launch("list");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("org.chainrule.activations"), r.out());
        assertTrue(r.out().contains("org.chainrule.optimizers"), r.out());
    }

    @Test
    void packagedCommandTrainsWithTheVectorKernels() throws Exception {
        Result r = launch("train", "--data", "iris", "--epochs", "3");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("kernels vector"), r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
    }

    @Test
    void kernelsOptionRunsTheAskedForWidthOnAnyCpu() throws Exception {
        Result r = launch("train", "--data", "iris", "--epochs", "2", "--kernels", "vector128");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("kernels vector Species[float, 4, S_128_BIT], tiles "), r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
    }

    @Test
    void anUnknownKernelKindIsRefusedNamingTheKinds() throws Exception {
        Result r = launch("train", "--data", "iris", "--kernels", "avx9");

        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .contains(
                                "--kernels: expected one of auto, scalar, vector512, vector256, vector128, found 'avx9'"),
                r.err());
    }

    @Test
    void jarsAlsoWorkOnTheClassPathThroughTheirServicesFiles() throws Exception {
        Result r = run(
                List.of(
                        "--class-path",
                        TARGET.resolve("classes") + SEP + TARGET.resolve("lib") + "/*",
                        "org.chainrule.cli.Main"),
                "train",
                "--data",
                "iris",
                "--epochs",
                "2");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("network 4 → 64 relu → 3 softmax"), r.out());
    }

    /**
     * A third party's plugin: written against nn-api alone, compiled on its own, dropped on the module
     * path. ServiceLoader finds it; nothing in Chainrule names it.
     */
    @Test
    void thirdPartyActivationDroppedOnTheModulePathIsFoundAndTrains(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("com/example/softsign"));
        Files.writeString(src.resolve("module-info.java"), """
                module com.example.softsign {
                    requires org.chainrule.api;
                    provides org.chainrule.api.ActivationProvider with com.example.softsign.Softsign;
                }
                """);
        Files.writeString(src.resolve("com/example/softsign/Softsign.java"), """
                package com.example.softsign;

                import org.chainrule.api.*;

                public final class Softsign implements ActivationProvider {
                    public int spiVersion() { return SPI_VERSION; }
                    public String name() { return "softsign"; }
                    public String description() { return "z / (1 + |z|)"; }
                    public Activation create(Params params) {
                        return new ElementwiseActivation() {
                            protected float apply(float z) { return z / (1 + Math.abs(z)); }
                            protected float derivative(float z, float a) { float d = 1 + Math.abs(z); return 1 / (d * d); }
                        };
                    }
                }
                """);
        Path classes = dir.resolve("plugins/softsign");
        String api = apiJar();
        Path javac =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("javac");
        Process compile = new ProcessBuilder(
                        javac.toString(),
                        "--module-path",
                        api,
                        "-d",
                        classes.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("com/example/softsign/Softsign.java").toString())
                .inheritIO()
                .start();
        assertEquals(0, compile.waitFor(), "the plugin compiles against nn-api alone");
        List<String> modulePath = List.of(
                "--module-path",
                TARGET.resolve("classes") + SEP + TARGET.resolve("lib") + SEP + classes,
                "--module",
                "org.chainrule.cli/org.chainrule.cli.Main");

        Result list = run(modulePath, "list");
        Result train = run(
                modulePath,
                "train",
                "--data",
                "iris",
                "--layers",
                "64:softsign,3:softmax",
                "--epochs",
                "20",
                "--out",
                dir.resolve("out").toString());

        assertTrue(
                list.out()
                        .matches(
                                "(?s).*activation +softsign +z / \\(1 \\+ \\|z\\|\\)\n +from com\\.example\\.softsign \\(.*"),
                list.out());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("network 4 → 64 softsign → 3 softmax"), train.out());

        // The same plugin as a jar in a plugins folder: --plugins, and $CHAINRULE_PLUGINS.
        Path folder = Files.createDirectories(dir.resolve("jars"));
        Path jar = folder.resolve("softsign-1.0.jar");
        Process pack = new ProcessBuilder(
                        javac.resolveSibling("jar").toString(),
                        "--create",
                        "--file",
                        jar.toString(),
                        "-C",
                        classes.toString(),
                        ".")
                .inheritIO()
                .start();
        assertEquals(0, pack.waitFor());
        List<String> plain = List.of(
                "--module-path",
                TARGET.resolve("classes") + SEP + TARGET.resolve("lib"),
                "--module",
                "org.chainrule.cli/org.chainrule.cli.Main");
        Result listed = run(plain, "list", "activations", "--plugins", folder.toString());
        Result trained = run(
                plain,
                new byte[0],
                java.util.Map.of("CHAINRULE_PLUGINS", folder.toString()),
                "train",
                "--data",
                "iris",
                "--layers",
                "8:softsign,3:softmax",
                "--epochs",
                "2",
                "--out",
                dir.resolve("out2").toString());

        assertEquals(0, listed.status(), listed.err());
        assertTrue(listed.out().contains("from com.example.softsign (" + jar + ")"), listed.out());
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("network 4 → 8 softsign → 3 softmax"), trained.out());
    }

    /** The README's embedding example: train and save with `nn`, then load and predict in a program of its own. */
    @Test
    void theEmbeddingExampleLoadsASavedModelAndPredictsRawSamples(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.safetensors");
        Result trained = launch("train", "--data", "iris", "--epochs", "30", "--out", dir.toString());
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("wrote model.safetensors, metrics.csv"), trained.out());
        String samples = "5.1,3.5,1.4,0.2,setosa\n6.7,3.1,4.7,1.5,versicolor\n7.7,3.0,6.1,2.3,virginica\n";

        Result r = run(
                List.of(
                        "--module-path",
                        TARGET.resolve("classes") + SEP + TARGET.resolve("lib"),
                        "--add-modules",
                        "ALL-MODULE-PATH",
                        Path.of("../examples/embedding/Predict.java").toString()),
                samples.getBytes(StandardCharsets.UTF_8),
                model.toString());

        assertEquals(0, r.status(), r.err());
        assertEquals(
                List.of(
                        "loaded 4 → 64 relu → 3 softmax, loss cross_entropy",
                        "predicted 0  (given setosa)",
                        "predicted 1  (given versicolor)",
                        "predicted 2  (given virginica)"),
                r.out().lines().toList());
    }

    /** The README's complete program: reads a CSV through nn-data, trains with scaling, saves, reloads, predicts. */
    @Test
    void theTrainAndPredictExampleLearnsACsvAndPredictsRawRows(@TempDir Path dir) throws Exception {
        assertTrainAndPredict(
                dir,
                List.of(
                        "--module-path",
                        TARGET.resolve("classes") + SEP + TARGET.resolve("lib"),
                        "--add-modules",
                        "ALL-MODULE-PATH"));
    }

    /** The same program on the plain class path, as most applications run: the plugins come from META-INF/services. */
    @Test
    void theTrainAndPredictExampleRunsOnThePlainClassPathToo(@TempDir Path dir) throws Exception {
        StringBuilder cp = new StringBuilder(TARGET.resolve("classes").toString());
        try (var jars = Files.list(TARGET.resolve("lib"))) {
            jars.sorted().forEach(j -> cp.append(SEP).append(j));
        }
        assertTrainAndPredict(dir, List.of("--class-path", cp.toString(), "--add-modules", "jdk.incubator.vector"));
    }

    private void assertTrainAndPredict(Path dir, List<String> path) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,class\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            double a = 100 + 50 * r.nextGaussian(); // raw scales far from standard: the scaling matters
            double b = -5 + 2 * r.nextGaussian();
            csv.append(a)
                    .append(',')
                    .append(b)
                    .append(',')
                    .append(a > 100 ? (b > -5 ? 2 : 1) : 0)
                    .append('\n');
        }
        Path data = Files.writeString(dir.resolve("train.csv"), csv);
        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n20,-5\n180,-8\n180,-1\n");
        List<String> args = new ArrayList<>(path);
        args.add(Path.of("../examples/embedding/TrainAndPredict.java").toString());

        Result result = run(
                args, new byte[0], data.toString(), dir.resolve("m.safetensors").toString(), rows.toString());

        assertEquals(0, result.status(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).matches("test accuracy (9\\d|100)\\.\\d\\d%"), result.out());
        assertEquals(List.of("predicted 0", "predicted 1", "predicted 2"), lines.subList(1, 4), result.out());
    }

    /**
     * The example plugin project (examples/activation-plugin), built the way its README says and
     * dropped in a plugins folder: listed with its jar, trained with, gradient-checked.
     */
    @Test
    void theExamplePluginBuiltAndDroppedInAFolderIsListedTrainedAndChecked(@TempDir Path dir) throws Exception {
        Path example = Path.of("../examples/activation-plugin").toAbsolutePath().normalize();
        Path classes = dir.resolve("classes");
        Path bin =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        String api = apiJar();
        List<String> javac = new ArrayList<>(
                List.of(bin.resolve("javac").toString(), "--module-path", api, "-d", classes.toString()));
        try (var sources = Files.walk(example.resolve("src/main/java"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        assertEquals(
                0,
                new ProcessBuilder(javac).inheritIO().start().waitFor(),
                "the example compiles against nn-api alone");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("mish-activation-1.0.jar");
        assertEquals(
                0,
                new ProcessBuilder(
                                bin.resolve("jar").toString(),
                                "--create",
                                "--file",
                                jar.toString(),
                                "-C",
                                classes.toString(),
                                ".",
                                "-C",
                                example.resolve("src/main/resources").toString(),
                                ".")
                        .inheritIO()
                        .start()
                        .waitFor());

        Result list = launch("--plugins", plugins.toString(), "list", "activations");
        Result train = launch(
                "--plugins",
                plugins.toString(),
                "train",
                "--data",
                "iris",
                "--layers",
                "16:mish(beta=1.5),3:softmax",
                "--epochs",
                "40",
                "--out",
                dir.resolve("out").toString());
        Result check = launch("--plugins", plugins.toString(), "gradcheck", "--layers", "4,8:mish,3:softmax");

        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("from com.example.mish (" + jar + ")"), list.out());
        assertTrue(list.out().contains("beta: real > 0 (default 1.0)"), list.out());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("network 4 → 16 mish(beta=1.5) → 3 softmax"), train.out());
        assertTrue(TestTrainCommand.testAccuracy(train.out()) >= 80, train.out());
        assertEquals(0, check.status(), check.out() + check.err());
    }

    @Test
    void aBrokenPluginIsOneWarningNamingItsJarAndTheCommandStillWorks(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");

        Result r = launch("--plugins", plugins.toString(), "list", "losses");

        assertEquals(0, r.status(), r.err());
        List<String> warnings = r.err()
                .lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator"))
                .toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(
                warnings.getFirst()
                        .startsWith("nn: WARN  plugin jar " + plugins.resolve("broken.jar") + ": cannot be loaded ("),
                r.err());
        assertTrue(r.out().contains("cross_entropy"), r.out());
    }

    @Test
    void withoutTheFashionMnistPackageTheCommandSaysWhichToInstall(@TempDir Path dir) throws Exception {
        Result r = run(
                List.of(
                        "--module-path",
                        TARGET.resolve("classes") + SEP + TARGET.resolve("lib"),
                        "--module",
                        "org.chainrule.cli/org.chainrule.cli.Main"),
                new byte[0],
                java.util.Map.of(
                        "CHAINRULE_FASHION_MNIST", dir.resolve("absent").toString()),
                "train",
                "--data",
                "fashion-mnist");

        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .contains(
                                "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"),
                r.err());
    }

    @Test
    void packagedBenchPrintsJson() throws Exception {
        Result r = launch("bench", "--quick", "--gemm-only", "--json");

        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out().matches("(?s)\\{\\s*\"kernels\" : \"vector .*\"fmaPeakGflops\" : [0-9.]+,.*\"gemm\" : \\[.*"),
                r.out());
    }

    /** Runs the {@code nn} launcher itself on this build (CHAINRULE_MODULE_PATH skips its own build). */
    private static Result launcher(java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("bash", TARGET.resolve("../../nn").normalize().toString()));
        command.addAll(List.of(args));
        java.util.Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CHAINRULE_MODULE_PATH", TARGET.resolve("classes") + SEP + TARGET.resolve("lib"));
        return finish(command, new byte[0], all);
    }

    @Test
    void theLauncherPrintsABadOptionAsItsOneLineWithoutTheIncubatorWarning() throws Exception {
        Result r = launcher(java.util.Map.of(), "train", "--epochs", "99999999999");

        assertEquals(2, r.status(), r.err());
        assertEquals(
                "nn: Invalid value for option '--epochs': '99999999999' is not an int; see 'nn help train'\n", r.err());
    }

    @Test
    void theLauncherStillShowsEveryOtherJvmWarning() throws Exception {
        Result r = launcher(java.util.Map.of("CHAINRULE_JAVA_OPTS", "-Xverify:none"), "--version");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("warning: Options -Xverify:none and -noverify were deprecated"), r.err());
        assertFalse(r.err().contains("incubator"), r.err());
        assertTrue(r.out().startsWith("Chainrule nn "), r.out());
    }

    @Test
    void packagedCommandReportsBadInputInOneLine() throws Exception {
        Result r = launch("train", "--loss", "squared");

        assertEquals(2, r.status());
        List<String> lines = r.err()
                .lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .toList();
        assertEquals(
                List.of("nn: network loss: unknown loss 'squared' (did you mean 'square'?); installed: absolute,"
                        + " cross_entropy, huber, nll, square"),
                lines);
    }
}
