package org.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn train --spark local[2]}: the command on the class path with nn-spark and Spark, as ./nn runs it. */
class TestCommandLine {
    @TempDir
    Path dir;

    @Test
    void trainOnSparkPrintsTheUsualEpochsAndWritesTheUsualFiles() throws Exception {
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
                "train",
                "--spark",
                "local[2]",
                "--steps-per-round",
                "4",
                "--data",
                "iris",
                "--epochs",
                "3",
                "--no-progress",
                "--out",
                dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the command finished");

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("on Spark local[2]: workers average every 4 steps"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("epoch   3/3  train loss ")), out);
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")), out);
        assertTrue(Files.isRegularFile(dir.resolve("metrics.csv")), out);
    }
}
