package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars dropped in a folder: found, each in its own layer, checked, and the broken ones named. */
final class TestPluginFolders {
    private static final String SERVICE = "META-INF/services/org.chainrule.api.ActivationProvider";

    @TempDir
    Path dir;

    private Path folder() throws IOException {
        return Files.createDirectories(dir.resolve("plugins"));
    }

    private Path modular(Path folder, String jar, String module, String name, String spi, String constructor)
            throws IOException {
        return PluginJars.build(
                folder,
                jar,
                Map.of(
                        "module-info.java",
                        "module " + module
                                + " { requires org.chainrule.api; provides org.chainrule.api.ActivationProvider with "
                                + module + ".Plugin; }",
                        module.replace('.', '/') + "/Plugin.java",
                        PluginJars.activation(module, "Plugin", name, spi, constructor)),
                Map.of());
    }

    @Test
    void aModularJarIsLoadedInALayerOfItsOwnAndTrains() throws IOException {
        Path folder = folder();
        Path jar = modular(folder, "softsign.jar", "com.example.softsign", "softsign", "SPI_VERSION", "");

        Plugins plugins = Plugins.discover(List.of(folder));

        ActivationProvider p = plugins.activations().provider("softsign");
        assertEquals(List.of(), plugins.problems());
        assertEquals("com.example.softsign", p.getClass().getModule().getName());
        assertNotSame(ModuleLayer.boot(), p.getClass().getModule().getLayer());
        assertEquals(jar.toString(), PluginRegistry.location(p));
        assertTrue(plugins.activations().names().contains("relu"), "the built-ins stay");
        trainsWith(plugins, "softsign");
    }

    /** Trains 3 → 4 per hidden activation → 2 softmax for two epochs with these plugins: the plugins work. */
    private static void trainsWith(Plugins plugins, String... hidden) {
        Chainrule cr = Chainrule.create(plugins);
        NetworkSpec.Builder spec = NetworkSpec.builder(3);
        for (String activation : hidden) {
            spec.dense(4, activation);
        }
        Network net = cr.network(spec.dense(2, "softmax").loss("cross_entropy").build(), 1);
        cr.train(
                net,
                TrainingConfig.defaults().withEpochs(2),
                new Dataset(Fixtures.gaussian(8, 3, 1, 1), Fixtures.oneHot(8, 2, 2)),
                null,
                TrainingListener.NONE);
    }

    @Test
    void aPlainJarIsLoadedThroughItsServicesFile() throws IOException {
        Path folder = folder();
        PluginJars.build(
                folder,
                "plain-softsign-1.0.jar",
                Map.of(
                        "com/example/plain/Plugin.java",
                        PluginJars.activation("com.example.plain", "Plugin", "plain_softsign", "SPI_VERSION", "")),
                Map.of(SERVICE, "com.example.plain.Plugin\n"));

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(List.of(), plugins.problems());
        ActivationProvider p = plugins.activations().provider("plain_softsign");
        assertEquals("plain.softsign", p.getClass().getModule().getName(), "an automatic module named after the jar");
    }

    @Test
    void aPluginBuiltAgainstAnotherSpiVersionIsRefusedNamingBothVersionsAndTheJar() throws IOException {
        Path folder = folder();
        Path jar = modular(folder, "future.jar", "com.example.future", "future", "2", "");

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(
                List.of("plugin jar " + jar + ": activation com.example.future/com.example.future.Plugin: built against"
                        + " Chainrule SPI 2, but this Chainrule provides SPI 1; rebuild the plugin against the matching"
                        + " nn-api; skipped"),
                plugins.problems());
        assertTrue(!plugins.activations().names().contains("future"));
    }

    @Test
    void aBrokenPluginIsOneProblemNamingItsJarAndTheOthersStillLoad() throws IOException {
        Path folder = folder();
        Path throwing = modular(
                folder,
                "a-throws.jar",
                "com.example.throwing",
                "throwing",
                "SPI_VERSION",
                "throw new IllegalStateException(\"no licence\");");
        Path taken = modular(folder, "b-taken.jar", "com.example.taken", "relu", "SPI_VERSION", "");
        Path badName = modular(folder, "c-bad.jar", "com.example.bad", "Bad-Name", "SPI_VERSION", "");
        Files.writeString(folder.resolve("d-not-a-jar.jar"), "this is not a zip file");
        modular(folder, "e-good.jar", "com.example.good", "good", "SPI_VERSION", "");

        Plugins plugins = Plugins.discover(List.of(folder));

        List<String> problems = plugins.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("plugin jar " + throwing + ": an activation provider cannot be created (")
                        && problems.get(0).contains("no licence"),
                problems.get(0));
        assertTrue(
                problems.get(1)
                        .startsWith("plugin jar " + taken + ": activation com.example.taken/com.example.taken.Plugin:"
                                + " the activation name 'relu' is taken by a built-in plugin; skipped"),
                problems.get(1));
        assertTrue(
                problems.get(2).contains("name must be a lower-case identifier like 'leaky_relu', found 'Bad-Name'"),
                problems.get(2));
        assertTrue(
                problems.get(3).startsWith("plugin jar " + folder.resolve("d-not-a-jar.jar") + ": cannot be loaded ("),
                problems.get(3));
        for (String p : problems) {
            assertTrue(!p.contains("\n"), p);
        }
        assertTrue(plugins.activations().names().contains("good"));
        assertEquals(
                "org.chainrule.activations",
                plugins.activations().provider("relu").getClass().getModule().getName(),
                "the built-in relu is kept");
    }

    @Test
    void aPlainJarWhoseProviderHasNoPublicNoArgumentConstructorIsOneProblem() throws IOException {
        Path folder = folder();
        String source = PluginJars.activation("com.example.noctor", "Plugin", "noctor", "SPI_VERSION", "")
                .replace("public Plugin() {  }", "public Plugin(int unused) {}");
        Path jar = PluginJars.build(
                folder,
                "noctor.jar",
                Map.of("com/example/noctor/Plugin.java", source),
                Map.of(SERVICE, "com.example.noctor.Plugin\n"));

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(1, plugins.problems().size(), plugins.problems().toString());
        assertTrue(
                plugins.problems()
                        .getFirst()
                        .startsWith("plugin jar " + jar + ": an activation provider cannot be created ("),
                plugins.problems().getFirst());
        assertTrue(plugins.activations().names().contains("relu"));
    }

    @Test
    void pluginsInSubFoldersBringTheirOwnLibrariesEachIsolatedFromTheOthers() throws IOException {
        Path folder = folder();
        Path a = Files.createDirectories(folder.resolve("scaled-a"));
        Path b = Files.createDirectories(folder.resolve("scaled-b"));
        PluginJars.withLibrary(a, "scaled_a", 1);
        PluginJars.withLibrary(b, "scaled_b", 2);

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(List.of(), plugins.problems());
        assertEquals(
                "scaled by 1.0 (mathlib)",
                plugins.activations().provider("scaled_a").description());
        assertEquals(
                "scaled by 2.0 (mathlib)",
                plugins.activations().provider("scaled_b").description());
        trainsWith(plugins, "scaled_a", "scaled_b");
    }

    @Test
    void twoJarsClaimingOneNameAreOneLineNamingBothAndTheNewerIsUsed() throws IOException {
        Path folder = folder();
        Path newer = PluginJars.build(
                folder,
                "a-softsign-1.10.jar",
                Map.of(
                        "com/example/s110/Plugin.java",
                        PluginJars.activation("com.example.s110", "Plugin", "softsign", "SPI_VERSION", "")),
                Map.of(
                        SERVICE,
                        "com.example.s110.Plugin\n",
                        "META-INF/MANIFEST.MF",
                        "Manifest-Version: 1.0\nImplementation-Version: 1.10\n"));
        Path older = PluginJars.build(
                folder,
                "b-softsign-1.9.jar",
                Map.of(
                        "com/example/s19/Plugin.java",
                        PluginJars.activation("com.example.s19", "Plugin", "softsign", "SPI_VERSION", "")),
                Map.of(
                        SERVICE,
                        "com.example.s19.Plugin\n",
                        "META-INF/MANIFEST.MF",
                        "Manifest-Version: 1.0\nImplementation-Version: 1.9\n"));

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(
                List.of("activation 'softsign': provided by both " + newer + " (version 1.10) and " + older
                        + " (version 1.9); using " + newer + ", the newer version"),
                plugins.problems());
        assertEquals(
                newer.toString(), PluginRegistry.location(plugins.activations().provider("softsign")));
    }

    @Test
    void twoJarsClaimingOneNameWithoutVersionsKeepTheFirstAndSaySo() throws IOException {
        Path folder = folder();
        Path first = modular(folder, "a.jar", "com.example.first", "softsign", "SPI_VERSION", "");
        Path second = modular(folder, "b.jar", "com.example.second", "softsign", "SPI_VERSION", "");

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(
                List.of("activation 'softsign': provided by both " + first + " and " + second + "; using " + first
                        + ", the first in file-name order (no version tells them apart)"),
                plugins.problems());
    }

    @Test
    void aJarNeedingAModuleThatIsNotThereIsRefusedNamingIt() throws IOException {
        Path folder = folder();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path absent = PluginJars.build(
                elsewhere,
                "absent.jar",
                Map.of(
                        "module-info.java",
                        "module com.example.absent { exports com.example.absent; }",
                        "com/example/absent/Util.java",
                        "package com.example.absent; public final class Util {}"),
                Map.of());
        Path jar = PluginJars.build(
                folder,
                "needy.jar",
                Map.of(
                        "module-info.java",
                        "module com.example.needy { requires org.chainrule.api; requires com.example.absent;"
                                + " provides org.chainrule.api.ActivationProvider with com.example.needy.Plugin; }",
                        "com/example/needy/Plugin.java",
                        PluginJars.activation("com.example.needy", "Plugin", "needy", "SPI_VERSION", "")),
                Map.of(),
                List.of(absent));

        Plugins plugins = Plugins.discover(List.of(folder));

        assertEquals(1, plugins.problems().size());
        assertTrue(
                plugins.problems().getFirst().startsWith("plugin jar " + jar + ": cannot be loaded (")
                        && plugins.problems().getFirst().contains("com.example.absent"),
                plugins.problems().getFirst());
    }

    @Test
    void anApplicationsOwnModuleLayerIsSearchedWithItsParents() throws IOException {
        Path jar = modular(folder(), "own.jar", "com.example.own", "own_softsign", "SPI_VERSION", "");
        var finder = java.lang.module.ModuleFinder.of(jar);
        ModuleLayer boot = ModuleLayer.boot();
        ModuleLayer layer = boot.defineModulesWithOneLoader(
                boot.configuration()
                        .resolve(finder, java.lang.module.ModuleFinder.of(), java.util.Set.of("com.example.own")),
                ClassLoader.getSystemClassLoader());

        Plugins plugins = Plugins.discover(layer);

        assertEquals(List.of(), plugins.problems());
        assertTrue(
                plugins.activations().names().containsAll(List.of("own_softsign", "relu")),
                plugins.activations().names().toString());
    }

    @Test
    void aMissingFolderIsAProblemNotAFailure() {
        Plugins plugins = Plugins.discover(List.of(dir.resolve("nowhere")));

        assertEquals(
                List.of("plugin folder " + dir.resolve("nowhere") + ": not a folder; skipped"), plugins.problems());
    }

    @Test
    void aModelThatNeedsAPluginNotInstalledNamesThePluginAndItsJar() throws IOException {
        Path folder = folder();
        modular(folder, "softsign-1.2.jar", "com.example.softsign", "softsign", "SPI_VERSION", "");
        Chainrule with = Chainrule.create(Plugins.discover(List.of(folder)));
        Path file = dir.resolve("m.safetensors");
        with.network(
                        NetworkSpec.builder(3)
                                .dense(4, "softsign")
                                .dense(2, "softmax")
                                .loss("cross_entropy")
                                .build(),
                        1)
                .save(file);

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Fixtures.CHAINRULE.load(file));

        assertTrue(e.getMessage().contains("layer 1 activation: unknown activation 'softsign'"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("; the model was saved with it from module com.example.softsign, softsign-1.2.jar:"
                                + " install that plugin (nn --plugins DIR)"),
                e.getMessage());
    }
}
