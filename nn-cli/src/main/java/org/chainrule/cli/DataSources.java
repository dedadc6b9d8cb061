package org.chainrule.cli;

import java.nio.file.Path;
import org.chainrule.api.ConfigException;
import org.chainrule.data.Inputs;
import org.chainrule.data.LabeledData;

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
            case "digits", "iris" -> new LabeledData.Sets(LabeledData.embedded(d.source()), null);
            case "fashion-mnist" ->
                LabeledData.fashionMnist(
                        FASHION_MNIST,
                        "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                                + " or point CHAINRULE_FASHION_MNIST at a folder with its four IDX files");
            case "csv" ->
                new LabeledData.Sets(
                        LabeledData.csv(required(d.train(), "csv", "--train FILE"), d.labelColumn(), d.header()),
                        d.test() == null ? null : LabeledData.csv(Path.of(d.test()), d.labelColumn(), d.header()));
            case "idx" ->
                new LabeledData.Sets(
                        LabeledData.idx(
                                required(d.train(), "idx", "--train FILE"),
                                required(d.trainLabels(), "idx", "--train-labels FILE")),
                        d.test() == null
                                ? null
                                : LabeledData.idx(
                                        Path.of(d.test()), required(d.testLabels(), "idx test", "--test-labels FILE")));
            default ->
                throw new ConfigException("data source: expected digits, iris, fashion-mnist, csv or idx, found "
                        + Inputs.quote(d.source()));
        };
    }

    private static Path required(String file, String source, String flag) {
        if (file == null) {
            throw new ConfigException("data source " + source + ": expected a file (" + flag + "), found none");
        }
        return Path.of(file);
    }
}
