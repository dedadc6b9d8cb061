package org.chainrule.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Task;
import org.chainrule.data.Inputs;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.Model;
import org.chainrule.engine.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn eval}: the loss and the model's task's figures (see {@link Scores}); for class tasks
 * also per-class precision, recall and F1, and the confusion matrix.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "eval",
        description = "Evaluate a model file on a data set: loss and the task's figures (accuracy, per-class"
                + " precision/recall/F1 and confusion matrix; ROC AUC; F1 per label; MSE, RMSE, MAE, R²).",
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
    DataOptions data = new DataOptions.WithTarget();

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

    /**
     * The report, also printed as JSON.
     *
     * @param metrics the task's figures (see {@link Scores})
     * @param classes per-class figures of a class task; null otherwise
     * @param confusion the confusion matrix of a class task; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(
            String model,
            String data,
            String task,
            int samples,
            double loss,
            Double accuracy,
            Map<String, Double> metrics,
            List<ClassScore> classes,
            int[][] confusion) {}

    /** @param label class index; precision, recall and F1 are NaN-free (0 when undefined) */
    record ClassScore(int label, int support, double precision, double recall, double f1) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model m = Main.chainrule().load(model);
        RunSpec.DataSection section = data.withDefaults();
        if (split.equals("all")) { // the whole training source, unsplit
            section = section.unsplit();
        }
        RunData d = RunData.forModel(section, m, seed != null ? seed : m.seed());
        RunData.Part part = switch (split) {
            case "all", "train" -> d.train();
            case "test" -> require(d.test(), "test");
            case "validation" -> require(d.validation(), "validation");
            default ->
                throw new ConfigException(
                        "--split: expected test, validation, train or all, found " + Inputs.quote(split));
        };
        Scores e = m.score(new Dataset(part.x(), part.y()));
        boolean classTask = part.labels() != null;
        int classes = classTask ? Math.max(d.classes(), m.outputs() == 1 ? 2 : m.outputs()) : 0;
        int[][] confusion = classTask ? new int[classes][classes] : null;
        List<ClassScore> scores = classTask ? new java.util.ArrayList<>() : null;
        if (classTask) {
            int[] predicted = m.predictClasses(part.x().toArray());
            for (int i = 0; i < predicted.length; i++) {
                confusion[part.labels()[i]][predicted[i]]++;
            }
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
        }
        Double accuracy = e.metrics().get("accuracy");
        Report r = new Report(
                model.toString(),
                part.source(),
                m.task().id(),
                part.size(),
                e.loss(),
                accuracy,
                e.metrics(),
                scores,
                confusion);
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r));
            return 0;
        }
        out.printf("model %s: %s%n", model, m);
        out.printf("data %s: %d samples%n", part.source(), part.size());
        if (!classTask) {
            out.printf("task %s  loss %.4f%n%s%n", m.task().id(), e.loss(), Reports.figures(e.metrics(), false));
            return 0;
        }
        out.printf(
                "loss %.4f  accuracy %.2f%% (%d/%d)%n",
                e.loss(), 100 * accuracy, Math.round(accuracy * part.size()), part.size());
        if (m.task() == Task.BINARY) {
            out.printf("%s%n", Reports.figures(e.metrics(), false));
        }
        out.println();
        out.printf("%5s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
        for (ClassScore c : scores) {
            out.printf("%5d %9.4f %9.4f %9.4f %9d%n", c.label(), c.precision(), c.recall(), c.f1(), c.support());
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

    private static RunData.Part require(RunData.Part part, String what) {
        if (part == null) {
            throw new ConfigException("--split " + what + ": the data has no " + what + " part (set --" + what
                    + "-split above 0" + (what.equals("test") ? " or give --test" : "") + ")");
        }
        return part;
    }
}
