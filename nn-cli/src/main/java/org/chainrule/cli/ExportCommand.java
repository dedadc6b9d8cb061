package org.chainrule.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.OnnxForm;
import org.chainrule.data.Inputs;
import org.chainrule.engine.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn export}: a model file in another framework's format, for serving elsewhere. */
@Command(
        mixinStandardHelpOptions = true,
        name = "export",
        description = "Write a model in another format for serving elsewhere: ONNX (opset " + OnnxForm.OPSET
                + "), which ONNX Runtime, Triton and most model servers run.",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn export --format onnx --model nn-out/model.safetensors --out model.onnx",
            "",
            "The graph reads 'input' (batch x inputs, raw features: the model's scaling is in the graph) and",
            "writes 'output' (batch x outputs), what nn predict computes."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "onnx", defaultValue = "onnx", description = "The format (default: onnx).")
    String format;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file from nn train.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("onnx")) {
            throw new ConfigException("--format: expected onnx, found " + Inputs.quote(format));
        }
        Model m = Main.chainrule().load(model);
        m.exportOnnx(out);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %s (ONNX opset %d, %d bytes): input [batch, %d] → output [batch, %d], %s, task %s%n",
                        out,
                        OnnxForm.OPSET,
                        Files.size(out),
                        m.inputs(),
                        m.outputs(),
                        m,
                        m.task().id());
        return 0;
    }
}
