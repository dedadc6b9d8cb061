package org.chainrule.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chainrule.api.DataException;
import org.chainrule.api.Task;
import org.chainrule.data.Features;
import org.chainrule.data.Inputs;
import org.chainrule.engine.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn predict}: the class (and with {@code --proba} the outputs) of every row of a CSV file. */
@Command(
        mixinStandardHelpOptions = true,
        name = "predict",
        description = "Predict the class of every row of a CSV file of raw features (no label column).",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn predict --model nn-out/model.safetensors --input samples.csv",
            "  nn predict --model m.safetensors --input x.csv --output y.csv --proba"
        })
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file from nn train.")
    Path model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description =
                    "CSV rows of the model's inputs, raw (the model scales them); a non-numeric first line is a header.")
    Path input;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the predictions here (default: standard output).")
    Path output;

    @Option(
            names = "--proba",
            description = "Multiclass: add the class probabilities per row. (Binary and multilabel models always write"
                    + " the 0/1 answer and its probability; regression models the values, in the data's units.)")
    boolean proba;

    @Override
    public Integer call() throws IOException {
        Model m = Main.chainrule().load(model);
        float[][] rows = Features.csv(input, m.inputs());
        float[][] outputs = m.predict(rows);
        List<String> names = m.targets().names();
        List<String> header = new ArrayList<>();
        switch (m.task()) {
            case MULTICLASS -> {
                header.add("class");
                if (proba) {
                    for (int c = 0; c < m.outputs(); c++) {
                        header.add("p" + c);
                    }
                }
            }
            case BINARY -> {
                header.add("class");
                header.add("p1"); // the probability of class 1: what the 0/1 answer is read from
            }
            case MULTILABEL ->
                names.forEach(n -> {
                    header.add(n);
                    header.add("p_" + n);
                });
            case REGRESSION -> header.addAll(names);
        }
        int[] classes = m.task() == Task.MULTICLASS || m.task() == Task.BINARY ? m.predictClasses(rows) : null;
        Writer w = output == null
                ? new java.io.FilterWriter(spec.commandLine().getOut()) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                }
                : writer(output);
        try (CSVPrinter p = new CSVPrinter(
                w,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            for (int i = 0; i < rows.length; i++) {
                List<Object> record = new ArrayList<>();
                switch (m.task()) {
                    case MULTICLASS -> {
                        record.add(classes[i]);
                        if (proba) {
                            for (float v : outputs[i]) {
                                record.add(v);
                            }
                        }
                    }
                    case BINARY -> {
                        record.add(classes[i]);
                        record.add(outputs[i][0]);
                    }
                    case MULTILABEL -> {
                        for (float v : outputs[i]) {
                            record.add(v >= 0.5f ? 1 : 0);
                            record.add(v);
                        }
                    }
                    case REGRESSION -> {
                        for (float v : outputs[i]) {
                            record.add(v);
                        }
                    }
                }
                p.printRecord(record);
            }
        }
        return 0;
    }

    private static Writer writer(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException("--output " + file + ": expected a file, found a folder");
        }
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(
                    "--output " + file + ": the folder " + file.toAbsolutePath().getParent() + " does not exist", e);
        } catch (IOException e) {
            throw new DataException(
                    "--output " + file + ": " + Inputs.reason(e).replace("cannot read", "cannot write"), e);
        }
    }
}
