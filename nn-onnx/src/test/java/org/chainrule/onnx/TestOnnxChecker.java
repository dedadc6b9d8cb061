package org.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainrule.api.Task;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;
import org.chainrule.engine.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files pass the ONNX project's own checker ({@code onnx.checker.check_model} with
 * full shape inference, src/test/python/check_onnx.py). Skipped, with the reason printed, where
 * python3 or its onnx package (Debian: python3-onnx) is not installed.
 */
class TestOnnxChecker {
    @TempDir
    Path dir;

    @Test
    void everyActivationAndTaskPassesTheOnnxChecker() throws Exception {
        List<Path> files = new ArrayList<>();
        String[] activations = {
            "identity",
            "relu",
            "sigmoid",
            "tanh",
            "step",
            "leaky_relu",
            "elu",
            "softplus",
            "gelu",
            "gelu(approximate=tanh)",
            "swish"
        };
        for (int i = 0; i < activations.length; i++) {
            Model m = TestOnnxRuntime.model(4, List.of("6:" + activations[i], "3:softmax"), "cross_entropy", i);
            files.add(export(m, "activation" + i));
        }
        files.add(export(TestOnnxRuntime.model(4, List.of("6:relu", "1:sigmoid"), "nll", 1), "binary"));
        files.add(export(TestOnnxRuntime.model(4, List.of("6:relu", "3:sigmoid"), "nll", 1), "multilabel"));
        Model regression = TestOnnxRuntime.CR.model(
                TestOnnxRuntime.network(2, List.of("5:tanh", "2:identity"), "square", 3),
                new InputScaling(new float[] {1, 2}, new float[] {3, 4}),
                new Targets(
                        Task.REGRESSION, List.of("a", "b"), new InputScaling(new float[] {5, 6}, new float[] {7, 8})));
        files.add(export(regression, "regression"));

        List<String> reasons = new ArrayList<>();
        for (String python : PYTHONS) { // the first interpreter that has the onnx package
            List<String> command = new ArrayList<>(List.of(python, script().toString()));
            files.forEach(f -> command.add(f.toString()));
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                reasons.add(python + ": not installed");
                continue;
            }
            assumeTrue(p.waitFor(120, TimeUnit.SECONDS), python + " did not answer in 120 s");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() == 3) {
                reasons.add(python + ": " + out.strip());
                continue;
            }
            System.out.print(out);
            assertEquals(0, p.exitValue(), out);
            assertEquals(
                    files.size(), out.lines().filter(l -> l.startsWith("ok ")).count(), out);
            return;
        }
        System.out.println("skipped: " + reasons);
        assumeTrue(false, "no Python with the onnx package: " + reasons);
    }

    /** The interpreter on the PATH first, then the system's, where Debian's python3-onnx installs. */
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

    private Path export(Model m, String name) {
        Path f = dir.resolve(name + ".onnx");
        m.exportOnnx(f);
        return f;
    }

    private static Path script() {
        return Path.of("src", "test", "python", "check_onnx.py").toAbsolutePath();
    }
}
