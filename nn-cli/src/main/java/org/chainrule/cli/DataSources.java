package org.chainrule.cli;

import java.nio.file.Path;
import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Task;
import org.chainrule.data.Inputs;
import org.chainrule.data.LabeledData;
import org.chainrule.data.Samples;

/** What a spec's data section names, read through nn-data: the one place the command maps its data options. */
final class DataSources {
    /** Where Fashion-MNIST's IDX files are (the Debian package), unless $CHAINRULE_FASHION_MNIST says otherwise. */
    static final Path FASHION_MNIST =
            Path.of(System.getenv().getOrDefault("CHAINRULE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"));

    private DataSources() {}

    /** Reads what a data section names (defaults filled in). */
    static LabeledData.Sets load(RunSpec.DataSection d) {
        return read(d).withClasses(d.classes());
    }

    /**
     * Reads what a data section names (defaults filled in) for a model of {@code classes} classes,
     * unless the section gives its own number.
     */
    static LabeledData.Sets forModel(RunSpec.DataSection d, int classes) {
        return read(d).withClasses(d.classes() != null ? d.classes() : Integer.valueOf(classes));
    }

    private static LabeledData.Sets read(RunSpec.DataSection d) {
        return switch (d.source()) {
            case "digits", "iris", "breast-cancer" -> new LabeledData.Sets(LabeledData.embedded(d.source()), null);
            case "fashion-mnist" ->
                LabeledData.fashionMnist(
                        FASHION_MNIST,
                        "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                                + " or point CHAINRULE_FASHION_MNIST at a folder with its four IDX files");
            case "csv" ->
                new LabeledData.Sets(
                        LabeledData.csv(required(d.train(), "csv", "--train FILE"), label(d), features(d), d.header()),
                        d.test() == null
                                ? null
                                : LabeledData.csv(Path.of(d.test()), label(d), features(d), d.header()));
            case "idx" ->
                new LabeledData.Sets(
                        LabeledData.idx(
                                required(d.train(), "idx", "--train FILE"),
                                required(d.trainLabels(), "idx", "--train-labels FILE")),
                        d.test() == null
                                ? null
                                : LabeledData.idx(
                                        Path.of(d.test()), required(d.testLabels(), "idx test", "--test-labels FILE")));
            case "diabetes" -> throw classesOnly(d, Task.MULTICLASS);
            default ->
                throw new ConfigException("data source: expected " + String.join(", ", RunSpec.SOURCES) + ", found "
                        + Inputs.quote(d.source()));
        };
    }

    /** Reads what a data section (defaults filled in) names for the multi-label or regression task. */
    static Samples.Sets samples(RunSpec.DataSection d, Task task) {
        return switch (d.source()) {
            case "diabetes" -> {
                if (d.targets() != null || d.features() != null) {
                    throw new ConfigException("data targets and features: the diabetes data set has its own (10"
                            + " features, the target progression); expected neither");
                }
                yield new Samples.Sets(Samples.embedded("diabetes"), null);
            }
            case "csv" ->
                new Samples.Sets(
                        Samples.csv(
                                required(d.train(), "csv", "--train FILE"), task, d.targets(), features(d), d.header()),
                        d.test() == null
                                ? null
                                : Samples.csv(Path.of(d.test()), task, d.targets(), features(d), d.header()));
            default -> throw classesOnly(d, task);
        };
    }

    private static ConfigException classesOnly(RunSpec.DataSection d, Task task) {
        return new ConfigException("data task: the " + d.source() + " data set "
                + (d.source().equals("diabetes")
                        ? "has a real-valued target for the regression task"
                        : "has one class per sample for the multiclass or binary task")
                + ", found the " + task.id() + " task");
    }

    /** @return the class column: the one target column, else --label-column */
    private static String label(RunSpec.DataSection d) {
        return d.targets() != null ? d.targets().getFirst() : Integer.toString(d.labelColumn());
    }

    private static List<String> features(RunSpec.DataSection d) {
        return d.features() == null ? List.of() : d.features();
    }

    private static Path required(String file, String source, String flag) {
        if (file == null) {
            throw new ConfigException("data source " + source + ": expected a file (" + flag + "), found none");
        }
        return Path.of(file);
    }
}
