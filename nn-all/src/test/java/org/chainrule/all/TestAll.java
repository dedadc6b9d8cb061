package org.chainrule.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.engine.Chainrule;
import org.junit.jupiter.api.Test;

/** One dependency, nn-all, brings the engine, the data sources and every built-in plugin; the BOM lists every artifact. */
final class TestAll {
    @Test
    void requiringTheAllModuleFindsEveryBuiltInPluginKind() {
        var plugins = Chainrule.create().plugins();

        assertTrue(plugins.activations().names().containsAll(Set.of("relu", "softmax", "tanh")));
        assertTrue(plugins.losses().names().contains("cross_entropy"));
        assertTrue(plugins.initializers().names().contains("he"));
        assertTrue(plugins.optimizers().names().contains("adam"));
        assertEquals(
                "org.chainrule.data",
                org.chainrule.data.LabeledData.class.getModule().getName(),
                "the data sources come along");
    }

    @Test
    void theBomListsEveryShippedArtifactOfTheBuild() throws IOException {
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>(nn-[a-z]+)</module>").matcher(Files.readString(Path.of("../pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        Set<String> bom = new TreeSet<>();
        Matcher b = Pattern.compile("<artifactId>(nn-[a-z]+)</artifactId>")
                .matcher(Files.readString(Path.of("../chainrule-bom/pom.xml")));
        while (b.find()) {
            bom.add(b.group(1));
        }

        assertEquals(modules, bom);
    }
}
