package org.chainrule.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The data flags of {@code train}, {@code eval} and {@code explain}; each overrides the spec file's value. */
final class DataOptions {
    @Option(
            names = "--data",
            paramLabel = "SOURCE",
            description = "digits or iris (shipped), fashion-mnist (Debian package dataset-fashion-mnist), csv or idx"
                    + " (with --train), or a CSV file (default: digits).")
    String source;

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
        if (src != null
                && !List.of("digits", "iris", "fashion-mnist", "csv", "idx").contains(src)) {
            trainFile = trainFile == null ? src : trainFile; // `--data my.csv` is short for `--data csv --train my.csv`
            src = "csv";
        }
        return new RunSpec.DataSection(
                src,
                trainFile,
                trainLabels,
                test,
                testLabels,
                labelColumn,
                classes,
                header,
                scaling,
                validationSplit,
                testSplit);
    }

    /** @return the section these flags set, every default filled in (for commands without a spec file) */
    RunSpec.DataSection withDefaults() {
        return new RunSpec(section(), null, null, null).dataWithDefaults();
    }
}
