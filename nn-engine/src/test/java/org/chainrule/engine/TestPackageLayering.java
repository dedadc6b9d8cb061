package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's internal packages sit below its API: read from the compiled classes' constant pools
 * (every class, field and method type they name), none refers to the exported package {@code
 * org.chainrule.engine}, and each refers only to the internal packages listed for it, so no two
 * packages import each other.
 */
final class TestPackageLayering {
    private static final Path CLASSES = Path.of("target/classes");

    /** Each internal package and the engine packages it may name besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "org/chainrule/engine/kernel", Set.of(),
            "org/chainrule/engine/kernel/simd", Set.of("org/chainrule/engine/kernel"),
            "org/chainrule/engine/kernel/select",
                    Set.of("org/chainrule/engine/kernel", "org/chainrule/engine/kernel/simd"),
            "org/chainrule/engine/files", Set.of(),
            "org/chainrule/engine/loading", Set.of(),
            "org/chainrule/engine/network", Set.of("org/chainrule/engine/kernel"),
            "org/chainrule/engine/training", Set.of("org/chainrule/engine/network", "org/chainrule/engine/kernel"));

    private static final Pattern TYPE = Pattern.compile("org/chainrule/engine(?:/[a-z0-9]+)*(?=/[A-Z])");

    /** @return the engine packages the classes of {@code pkg} name (besides their own) */
    private static Set<String> named(String pkg) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                for (PoolEntry e : ClassFile.of().parse(f).constantPool()) {
                    String text = e instanceof ClassEntry c
                            ? c.asInternalName()
                            : e instanceof Utf8Entry u ? u.stringValue() : "";
                    Matcher m = TYPE.matcher(text);
                    while (m.find()) {
                        packages.add(m.group());
                    }
                }
            }
        }
        packages.remove(pkg);
        return packages;
    }

    @Test
    void internalPackagesNameNeitherTheApiNorEachOtherBeyondTheirLayer() throws IOException {
        for (var entry : ALLOWED.entrySet()) {
            Set<String> named = named(entry.getKey());
            Set<String> beyond = new TreeSet<>(named);
            beyond.removeAll(entry.getValue());
            assertEquals(Set.of(), beyond, entry.getKey() + " names packages above it");
        }
    }

    /** @return every engine package that holds a class, e.g. {@code org/chainrule/engine/kernel} */
    private static Set<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(CLASSES.resolve("org/chainrule/engine"))) {
            Set<String> found = new TreeSet<>();
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    if (files.anyMatch(p -> p.toString().endsWith(".class"))) {
                        found.add(CLASSES.relativize(d).toString().replace('\\', '/'));
                    }
                }
            }
            return found;
        }
    }

    @Test
    void noTwoEnginePackagesNameEachOtherEvenThroughOthers() throws IOException {
        Map<String, Set<String>> graph = new java.util.TreeMap<>();
        for (String pkg : packages()) {
            graph.put(pkg, named(pkg));
        }
        for (String start : graph.keySet()) {
            // every package reachable from start; start among them is a cycle
            Set<String> seen = new TreeSet<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(graph.get(start));
            while (!todo.isEmpty()) {
                String p = todo.pop();
                if (seen.add(p)) {
                    todo.addAll(graph.getOrDefault(p, Set.of()));
                }
            }
            assertTrue(!seen.contains(start), start + " reaches itself through " + seen + "; graph " + graph);
        }
        assertTrue(graph.size() >= 6, "too few packages seen: " + graph.keySet());
    }

    @Test
    void theModuleExportsOnlyTheApiPackageToEveryone() throws IOException {
        try (var in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            Set<String> open = new TreeSet<>();
            for (var e : java.lang.module.ModuleDescriptor.read(in).exports()) {
                if (!e.isQualified()) {
                    open.add(e.source());
                }
            }
            assertEquals(Set.of("org.chainrule.engine"), open);
        }
    }

    @Test
    void theCheckSeesWhatTheApiPackageNames() throws IOException {
        Set<String> api = named("org/chainrule/engine");
        assertTrue(
                api.containsAll(List.of(
                        "org/chainrule/engine/files",
                        "org/chainrule/engine/loading",
                        "org/chainrule/engine/network",
                        "org/chainrule/engine/training")),
                api.toString());
    }
}
