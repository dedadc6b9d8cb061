package org.chainrule.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The data flags of {@code train}, {@code eval} and {@code explain}; each overrides the spec file's value. */
class DataOptions {
    /**
     * The data flags with {@code --target} as a short name for {@code --target-columns} ({@code explain}
     * has a {@code --target} of its own: the target values of a sample given by hand).
     */
    static final class WithTarget extends DataOptions {
        @Option(
                names = "--target",
                paramLabel = "COLUMN",
                split = ",",
                description = "Same as --target-columns, e.g. --target progression.")
        List<String> targetNames;

        @Override
        List<String> targets() {
            if (targetNames != null && super.targets() != null) {
                throw new org.chainrule.api.ConfigException(
                        "--target and --target-columns: expected one of them, found both");
            }
            return targetNames != null ? targetNames : super.targets();
        }
    }

    @Option(
            names = "--data",
            paramLabel = "SOURCE",
            description = "digits, iris, breast-cancer (binary) or diabetes (regression), shipped; fashion-mnist"
                    + " (Debian package dataset-fashion-mnist); csv or idx (with --train); or a CSV file (default:"
                    + " digits).")
    String source;

    @Option(
            names = "--task",
            paramLabel = "multiclass|binary|multilabel|regression",
            description = "What the targets are (default: the data set's, else inferred from the output activation"
                    + " and loss, else multiclass).")
    String task;

    @Option(
            names = "--train",
            paramLabel = "FILE",
            description = "Training file: CSV, or IDX images (with --train-labels).")
    String train;

    @Option(names = "--train-labels", paramLabel = "FILE", description = "IDX labels of the training images.")
    String trainLabels;

    @Option(
            names = "--test",
            paramLabel = "FILE",
            description = "Test file, instead of splitting one off the training set.")
    String test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "IDX labels of the test images.")
    String testLabels;

    @Option(
            names = "--label-column",
            paramLabel = "N",
            description = "CSV column of the class, from 1; negative counts from the end (default: -1, the last).")
    Integer labelColumn;

    @Option(
            names = "--target-columns",
            paramLabel = "COLUMN",
            split = ",",
            description = "CSV target columns by header name or number from 1 (negative counts from the end), comma"
                    + " separated: the class column of a class task, the 0/1 columns of a multilabel task, the values"
                    + " of a regression (default: --label-column).")
    List<String> targets;

    /** @return the target columns given, or null */
    List<String> targets() {
        return targets;
    }

    @Option(
            names = "--feature-columns",
            paramLabel = "COLUMN",
            split = ",",
            description = "CSV feature columns by header name or number (default: every column not a target).")
    List<String> features;

    @Option(
            names = "--classes",
            paramLabel = "K",
            description = "Number of classes: labels are 0..K-1 and a larger one is an error (default: the largest"
                    + " label + 1, refused when that leaves most classes without a sample).")
    Integer classes;

    @Option(
            names = "--header",
            paramLabel = "auto|true|false",
            description = "CSV header line: auto skips a first line that is not numeric (default: auto).")
    String header;

    @Option(
            names = "--scale",
            paramLabel = "standardize|minmax|none",
            description = "Feature scaling fitted on the training set and saved with the model (default: standardize).")
    String scaling;

    @Option(
            names = "--target-scaling",
            paramLabel = "standardize|none",
            description = "Regression targets standardized on the training set, saved with the model and undone at"
                    + " prediction (default: standardize).")
    String targetScaling;

    @Option(
            names = "--validation-split",
            paramLabel = "F",
            description = "Fraction of the training set held out for validation and early stopping (default: 0).")
    Double validationSplit;

    @Option(
            names = "--test-split",
            paramLabel = "F",
            description = "Fraction held out for testing when there is no test file (default: 0.2).")
    Double testSplit;

    /** @return the section these flags set (unset flags are null) */
    RunSpec.DataSection section() {
        String src = source;
        String trainFile = train;
        if (src != null && !RunSpec.SOURCES.contains(src)) {
            trainFile = trainFile == null ? src : trainFile; // `--data my.csv` is short for `--data csv --train my.csv`
            src = "csv";
        }
        return new RunSpec.DataSection(
                src,
                task,
                trainFile,
                trainLabels,
                test,
                testLabels,
                labelColumn,
                targets(),
                features,
                classes,
                header,
                scaling,
                targetScaling,
                validationSplit,
                testSplit);
    }

    /** @return the section these flags set, every default filled in (for commands without a spec file) */
    RunSpec.DataSection withDefaults() {
        return new RunSpec(section(), null, null, null).dataWithDefaults();
    }
}
