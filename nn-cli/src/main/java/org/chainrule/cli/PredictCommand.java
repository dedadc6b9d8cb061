package org.chainrule.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.chainrule.api.DataException;
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

    @Option(names = "--proba", description = "Add the model's outputs (class probabilities for softmax) per row.")
    boolean proba;

    @Override
    public Integer call() throws IOException {
        Model m = Main.chainrule().load(model);
        float[][] rows = read(input, m.inputs());
        float[][] outputs = m.predict(rows);
        int[] classes = m.predictClasses(rows);
        List<String> header = new ArrayList<>(List.of("class"));
        if (proba) {
            for (int c = 0; c < m.outputs(); c++) {
                header.add("p" + c);
            }
        }
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
                record.add(classes[i]);
                if (proba) {
                    for (float v : outputs[i]) {
                        record.add(v);
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

    /** @return the rows of {@code file}, each of exactly {@code width} finite numbers */
    static float[][] read(Path file, int width) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setTrim(true)
                    .setIgnoreEmptyLines(true)
                    .get()
                    .parse(reader)) {
                long line = r.getRecordNumber();
                if (rows.isEmpty() && line == 1 && !numeric(r.get(0))) {
                    continue; // header
                }
                if (r.size() != width) {
                    throw new DataException(file + " line " + line + ": expected " + width
                            + " columns (the model's inputs), found " + r.size());
                }
                float[] x = new float[width];
                for (int c = 0; c < width; c++) {
                    String cell = r.get(c);
                    float v;
                    try {
                        v = Float.parseFloat(cell);
                    } catch (NumberFormatException e) {
                        throw new DataException(file + " line " + line + ", column " + (c + 1)
                                + ": expected a number, found " + Inputs.quote(cell));
                    }
                    if (!Float.isFinite(v)) {
                        throw new DataException(file + " line " + line + ", column " + (c + 1)
                                + ": expected a finite number, found " + Inputs.quote(cell));
                    }
                    x[c] = v;
                }
                rows.add(x);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.csvProblem(file.toString(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": no rows to predict");
        }
        return rows.toArray(float[][]::new);
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
