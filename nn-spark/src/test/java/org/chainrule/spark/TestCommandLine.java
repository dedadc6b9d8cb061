package org.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn train --spark local[2]}: the command in a JVM of its own on the class path with nn-spark and Spark, as ./nn runs it. */
class TestCommandLine {
    static final String SPARK = "--spark local[2] --steps-per-round 4 --data iris --no-progress";

    @TempDir
    Path dir;

    @Test
    void trainOnSparkPrintsTheUsualEpochsAndWritesTheUsualFiles() throws Exception {
        String out = nn(SPARK + " --epochs 3 --out " + dir);

        assertTrue(out.contains("on Spark local[2]: workers average every 4 steps"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("epoch   3/3  train loss ")), out);
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")), out);
        assertTrue(Files.isRegularFile(dir.resolve("metrics.csv")), out);
    }

    /** --checkpoint-every and --resume work with --spark as without: 2 epochs resumed to 4 end as 4 in one go. */
    @Test
    void aCheckpointedSparkRunResumedEndsAsTheUninterruptedOne() throws Exception {
        Path once = dir.resolve("once");
        Path twice = dir.resolve("twice");

        String whole = nn(SPARK + " --epochs 4 --plot none --out " + once);
        nn(SPARK + " --epochs 2 --checkpoint-every 1 --plot none --out " + twice);
        String resumed = nn(SPARK + " --epochs 4 --checkpoint-every 1 --plot none --resume "
                + twice.resolve("checkpoint.safetensors") + " --out " + twice);

        assertEquals(finalLine(whole), finalLine(resumed));
        Model a = Chainrule.create().load(once.resolve("model.safetensors"));
        Model b = Chainrule.create().load(twice.resolve("model.safetensors"));
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(a.weights(l).data(), b.weights(l).data(), "layer " + l);
            assertArrayEquals(a.biases(l).data(), b.biases(l).data(), "layer " + l);
        }
    }

    private static String finalLine(String out) {
        return out.lines()
                .filter(l -> l.startsWith("test accuracy"))
                .findFirst()
                .orElse(out);
    }

    /** Runs {@code nn train ARGS} in its own JVM on this test's class path; @return what it printed (it exited 0) */
    private static String nn(String args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "--add-modules=jdk.incubator.vector"));
        for (String a : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (a.startsWith("--add-opens") || a.startsWith("--enable-native-access")) {
                command.add(a); // Spark's flags, as surefire gave them to this JVM
            }
        }
        command.addAll(List.of(
                "--class-path",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.chainrule.cli.Main",
                "train"));
        command.addAll(List.of(args.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the command finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
