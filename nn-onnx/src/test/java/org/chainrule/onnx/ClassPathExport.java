package org.chainrule.onnx;

import java.nio.file.Path;
import java.util.List;
import org.chainrule.engine.Model;

/** An application that exports a model: run by {@link TestClassPathExport} on the plain class path. */
public final class ClassPathExport {
    private ClassPathExport() {}

    /** The model every run exports, the same on either path. */
    static Model model() {
        return TestOnnxRuntime.model(3, List.of("4:tanh", "2:softmax"), "cross_entropy", 1);
    }

    /**
     * Exports {@link #model()} to {@code args[0]} through {@link Model#exportOnnx}, which finds the
     * exporter with ServiceLoader, and prints the module the exporter came from ("unnamed" on the
     * class path).
     */
    public static void main(String[] args) {
        model().exportOnnx(Path.of(args[0]));
        String module = OnnxExporter.class.getModule().getName();
        System.out.println("exported from " + (module == null ? "unnamed" : module));
    }
}
