package org.chainrule.cli;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.api.Task;
import org.chainrule.data.LabeledData;
import org.chainrule.data.Samples;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;

/**
 * The data of a run, split: a test set (the source's own, or a fraction of the training set drawn
 * with the seed: stratified by class for class tasks, plain for multi-label and regression), then a
 * validation set off the rest (seed + 1). Features and targets are raw; the scalings are fitted on
 * {@link #train} by the caller.
 *
 * @param outputs the network outputs the data asks for: classes (multiclass), 1 (binary), target
 *     columns (multi-label, regression)
 * @param classes the number of classes of a class task; 0 otherwise
 * @param targetNames one name per output
 * @param validation null when the validation split is 0
 * @param test null when there is no test file and the test split is 0
 */
record RunData(
        String description,
        int features,
        int outputs,
        int classes,
        Task task,
        List<String> targetNames,
        Part train,
        Part validation,
        Part test) {

    /**
     * Samples as the network sees them, before scaling.
     *
     * @param y targets in the data's units: one-hot rows (multiclass), a 0/1 column (binary), 0/1
     *     columns (multi-label) or values (regression)
     * @param labels the class of each sample for class tasks; null otherwise
     */
    record Part(String source, Matrix x, Matrix y, int[] labels) {
        int size() {
            return x.rows();
        }
    }

    /** Reads and splits the data a section (with defaults) names, for {@code task}. */
    static RunData load(RunSpec.DataSection d, Task task, long seed) {
        if (!task.classifies() || task == Task.MULTILABEL) {
            return split(DataSources.samples(d, task), d, task, seed);
        }
        return split(DataSources.load(d), d, task, seed);
    }

    /**
     * Reads and splits the data a section (with defaults) names for a model, as {@code nn train}
     * split it with {@code seed}: its task and, for a class task, at least its number of classes.
     */
    static RunData forModel(RunSpec.DataSection d, Model m, long seed) {
        Task task = m.task();
        RunSpec.DataSection section = d.forTask(task);
        RunData r = task == Task.MULTICLASS || task == Task.BINARY
                ? split(DataSources.forModel(section, m.outputs() == 1 ? 2 : m.outputs()), section, task, seed)
                : split(DataSources.samples(section, task), section, task, seed);
        if (r.features() != m.inputs() || r.outputs() != m.outputs()) {
            throw new DataException(r.description() + ": expected " + m.inputs() + " features and " + m.outputs()
                    + (m.outputs() == 1 ? " target" : " targets") + " (the model's), found " + r.features() + " and "
                    + r.outputs());
        }
        return r;
    }

    /** Splits class data already read as the section (with defaults) says. */
    static RunData split(LabeledData.Sets sets, RunSpec.DataSection d, Task task, long seed) {
        int classes = sets.classes();
        if (task == Task.BINARY && classes > 2) {
            throw new DataException(sets.describe() + ": expected labels 0 and 1 for the binary task, found " + classes
                    + " classes (labels up to " + (classes - 1) + "); the multiclass task takes them");
        }
        Parts<LabeledData> p = parts(
                sets.train().withClasses(classes),
                sets.test() == null ? null : sets.test().withClasses(classes),
                d,
                seed,
                LabeledData::split);
        int outputs = task == Task.BINARY ? 1 : classes;
        List<String> names = new ArrayList<>();
        for (int c = outputs == 1 ? 1 : 0; c < (outputs == 1 ? 2 : classes); c++) {
            names.add("class " + c);
        }
        return new RunData(
                sets.describe(),
                sets.features(),
                outputs,
                classes,
                task,
                names,
                part(p.train(), outputs),
                part(p.validation(), outputs),
                part(p.test(), outputs));
    }

    /** Splits multi-label or regression data already read as the section (with defaults) says. */
    static RunData split(Samples.Sets sets, RunSpec.DataSection d, Task task, long seed) {
        Parts<Samples> p = parts(sets.train(), sets.test(), d, seed, Samples::split);
        return new RunData(
                sets.describe(),
                p.train().x().cols(),
                p.train().y().cols(),
                0,
                task,
                p.train().targetNames(),
                part(p.train()),
                part(p.validation()),
                part(p.test()));
    }

    /** How one kind of data splits off a fraction: the rest, then the part split off (or null). */
    private interface Splitter<T> {
        T[] split(T data, double fraction, long seed, String what);
    }

    private record Parts<T>(T train, T validation, T test) {}

    /**
     * The one splitting rule for every kind of data: the source's test set, or a test fraction
     * drawn with {@code seed}; then a validation fraction off the rest, drawn with {@code seed + 1}.
     */
    private static <T> Parts<T> parts(T train, T test, RunSpec.DataSection d, long seed, Splitter<T> splitter) {
        if (test == null && d.testSplit() > 0) {
            T[] parts = splitter.split(train, d.testSplit(), seed, "test");
            train = parts[0];
            test = parts[1];
        }
        T validation = null;
        if (d.validationSplit() > 0) {
            T[] parts = splitter.split(train, d.validationSplit(), seed + 1, "validation");
            train = parts[0];
            validation = parts[1];
        }
        return new Parts<>(train, validation, test);
    }

    private static Part part(Samples s) {
        return s == null ? null : new Part(s.source(), s.x(), s.y(), null);
    }

    /** @return the samples with one-hot targets, or a 0/1 column for one output */
    private static Part part(LabeledData d, int outputs) {
        if (d == null) {
            return null;
        }
        Matrix y = new Matrix(d.size(), outputs);
        for (int i = 0; i < d.size(); i++) {
            if (outputs == 1) {
                y.set(i, 0, d.labels()[i]);
            } else {
                y.set(i, d.labels()[i], 1f);
            }
        }
        return new Part(d.source(), d.x(), y, d.labels());
    }

    /** @return the number of samples read */
    int size() {
        return train.size() + (validation == null ? 0 : validation.size()) + (test == null ? 0 : test.size());
    }

    /**
     * @param inputs applied to a copy of the features, or null
     * @param targets applied to a copy of the targets (regression), or null
     * @return {@code p} as the engine trains on it
     */
    static Dataset dataset(Part p, InputScaling inputs, InputScaling targets) {
        return new Dataset(
                inputs == null ? p.x() : inputs.apply(p.x()), targets == null ? p.y() : targets.apply(p.y()));
    }

    /** @return the scaling a data section asks for, fitted on {@code train}, or null for none */
    static InputScaling fitScaling(Matrix train, String kind) {
        return switch (kind) {
            case "standardize" -> InputScaling.standardize(train);
            case "minmax" -> InputScaling.minMax(train);
            default -> null;
        };
    }
}
