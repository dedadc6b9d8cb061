package org.chainrule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.data.Inputs;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Model;
import org.chainrule.engine.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn eval}: loss, accuracy, per-class precision, recall and F1, and the confusion matrix. */
@Command(
        mixinStandardHelpOptions = true,
        name = "eval",
        description =
                "Evaluate a model file on a data set: loss, accuracy, per-class precision/recall/F1, confusion matrix.",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn eval --model nn-out/model.safetensors                 # the test split of digits, as nn train made it",
            "  nn eval --model m.safetensors --data my.csv --split all --json"
        })
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file from nn train.")
    Path model;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(
            names = "--split",
            paramLabel = "test|validation|train|all",
            defaultValue = "test",
            description =
                    "Which part of the data, split as nn train splits it with the same seed; all: the whole training source, unsplit (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the splits (default: the seed stored in the model, as nn train used it).")
    Long seed;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    /** The report, also printed as JSON. */
    record Report(
            String model,
            String data,
            int samples,
            double loss,
            double accuracy,
            List<ClassScore> classes,
            int[][] confusion) {}

    /** @param label class index; precision, recall and F1 are NaN-free (0 when undefined) */
    record ClassScore(int label, int support, double precision, double recall, double f1) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model m = Main.chainrule().load(model);
        RunSpec.DataSection section = data.withDefaults();
        LabeledData.Sets sets = DataSources.forModel(section, m.outputs() == 1 ? 2 : m.outputs());
        if (sets.features() != m.inputs()) {
            throw new DataException(sets.describe() + ": expected " + m.inputs()
                    + " features (the model's inputs), found " + sets.features());
        }
        LabeledData part;
        if (split.equals("all")) { // the whole training source, unsplit
            part = sets.train().withClasses(sets.classes());
        } else {
            RunData d = RunData.split(sets, section, seed != null ? seed : m.seed());
            part = switch (split) {
                case "test" -> require(d.test(), "test");
                case "validation" -> require(d.validation(), "validation");
                case "train" -> d.train();
                default ->
                    throw new ConfigException(
                            "--split: expected test, validation, train or all, found " + Inputs.quote(split));
            };
        }
        int classes = Math.max(sets.classes(), m.outputs() == 1 ? 2 : m.outputs());
        Network.Evaluation e = m.evaluate(RunData.dataset(part, m.outputs(), null));
        int[] predicted = m.predictClasses(part.x().toArray());
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < predicted.length; i++) {
            confusion[part.labels()[i]][predicted[i]]++;
        }
        List<ClassScore> scores = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int tp = confusion[c][c];
            int actual = 0;
            int claimed = 0;
            for (int k = 0; k < classes; k++) {
                actual += confusion[c][k];
                claimed += confusion[k][c];
            }
            double precision = claimed == 0 ? 0 : (double) tp / claimed;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScore(c, actual, precision, recall, f1));
        }
        Report r = new Report(model.toString(), part.source(), part.size(), e.loss(), e.accuracy(), scores, confusion);
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r));
            return 0;
        }
        out.printf("model %s: %s%n", model, m);
        out.printf("data %s: %d samples%n", part.source(), part.size());
        out.printf(
                "loss %.4f  accuracy %.2f%% (%d/%d)%n%n",
                e.loss(), 100 * e.accuracy(), Math.round(e.accuracy() * part.size()), part.size());
        out.printf("%5s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
        for (ClassScore s : scores) {
            out.printf("%5d %9.4f %9.4f %9.4f %9d%n", s.label(), s.precision(), s.recall(), s.f1(), s.support());
        }
        out.printf("%nconfusion matrix (rows: true class, columns: predicted)%n      ");
        for (int c = 0; c < classes; c++) {
            out.printf("%6d", c);
        }
        out.println();
        for (int c = 0; c < classes; c++) {
            out.printf("%6d", c);
            for (int k = 0; k < classes; k++) {
                out.printf("%6d", confusion[c][k]);
            }
            out.println();
        }
        return 0;
    }

    private static LabeledData require(LabeledData part, String what) {
        if (part == null) {
            throw new ConfigException("--split " + what + ": the data has no " + what + " part (set --" + what
                    + "-split above 0" + (what.equals("test") ? " or give --test" : "") + ")");
        }
        return part;
    }
}
