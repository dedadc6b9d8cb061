package org.chainrule.cli;

import org.chainrule.api.Matrix;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.InputScaling;

/**
 * The data of a run, split: a test set (the source's own, or a stratified fraction of the
 * training set drawn with the seed), then a validation set off the rest (seed + 1). Features are
 * raw; the scaling is fitted on {@link #train} by the caller.
 *
 * @param validation null when the validation split is 0
 * @param test null when there is no test file and the test split is 0
 */
record RunData(
        String description, int features, int classes, LabeledData train, LabeledData validation, LabeledData test) {
    /** Reads and splits the data a section (with defaults) names. */
    static RunData load(RunSpec.DataSection d, long seed) {
        return split(DataSources.load(d), d, seed);
    }

    /** Splits data already read as the section (with defaults) says. */
    static RunData split(LabeledData.Sets sets, RunSpec.DataSection d, long seed) {
        int classes = sets.classes();
        LabeledData train = sets.train().withClasses(classes);
        LabeledData test = sets.test() == null ? null : sets.test().withClasses(classes);
        if (test == null && d.testSplit() > 0) {
            LabeledData[] parts = train.split(d.testSplit(), seed, "test");
            train = parts[0];
            test = parts[1];
        }
        LabeledData validation = null;
        if (d.validationSplit() > 0) {
            LabeledData[] parts = train.split(d.validationSplit(), seed + 1, "validation");
            train = parts[0];
            validation = parts[1];
        }
        return new RunData(sets.describe(), sets.features(), classes, train, validation, test);
    }

    /** @return the number of samples read */
    int size() {
        return train.size() + (validation == null ? 0 : validation.size()) + (test == null ? 0 : test.size());
    }

    /**
     * @param outputs the network's outputs: one per class (one-hot), or 1 for two classes (0/1)
     * @param scaling applied to a copy of the features, or null
     * @return {@code d} as the engine trains on it
     */
    static Dataset dataset(LabeledData d, int outputs, InputScaling scaling) {
        Matrix features = scaling == null ? d.x() : scaling.apply(d.x());
        if (outputs == 1) {
            Matrix y = new Matrix(d.size(), 1);
            for (int i = 0; i < d.size(); i++) {
                y.set(i, 0, d.labels()[i]);
            }
            return new Dataset(features, y);
        }
        return Dataset.classification(features, d.labels(), outputs);
    }

    /** @return the scaling a data section asks for, fitted on {@code train}, or null for none */
    static InputScaling fitScaling(LabeledData train, String kind) {
        return switch (kind) {
            case "standardize" -> InputScaling.standardize(train.x());
            case "minmax" -> InputScaling.minMax(train.x());
            default -> null;
        };
    }
}
