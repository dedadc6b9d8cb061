package org.chainrule.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.InputScaling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classification data set: raw features and integer class labels, one sample per row. Sources:
 * the sets shipped inside the command ({@code digits}, {@code iris}), Fashion-MNIST from the Debian
 * package {@code dataset-fashion-mnist}, CSV files (numeric features and a class column; header
 * line optional; {@code .gz} decompressed) and IDX image/label pairs. Every problem in a file is a
 * {@link DataException} naming the file, line and column, found before training starts.
 *
 * <p>Labels are class numbers 0..K−1. K is {@code classes} in the data section ({@code --classes})
 * when given, and a larger label is an error; otherwise K is the largest label + 1, and a label so
 * large that more than half of the classes 0..K−1 would have no sample (an IDX label of 200 among
 * the digits 0..9) is an error naming the label, its file and its sample; a few empty classes are a
 * warning.
 *
 * @param source where the data came from, for messages
 * @param labelFile the file the labels were read from (the IDX label file; else {@code source})
 * @param x features, samples × features
 * @param labels class of each sample
 * @param classes number of classes (largest label + 1)
 */
record LabeledData(String source, String labelFile, Matrix x, int[] labels, int classes) {
    private static final Logger LOG = LoggerFactory.getLogger(LabeledData.class);

    /** Where Fashion-MNIST's IDX files are (the Debian package), unless $CHAINRULE_FASHION_MNIST says otherwise. */
    static final Path FASHION_MNIST =
            Path.of(System.getenv().getOrDefault("CHAINRULE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"));

    /**
     * The training set and, where the source has one, the test set, as read.
     *
     * @param test null when the test set is to be split off the training set
     */
    record Sets(LabeledData train, LabeledData test) {
        int classes() {
            return test == null ? train.classes : Math.max(train.classes, test.classes);
        }

        int features() {
            return train.x.cols();
        }

        String describe() {
            return train.source + (test == null ? "" : " + " + test.source);
        }
    }

    /** Reads what a data section names (defaults filled in). */
    static Sets load(RunSpec.DataSection d) {
        return load(d, d.classes());
    }

    /**
     * Reads what a data section names (defaults filled in) for a model of {@code classes} classes,
     * unless the section gives its own number.
     */
    static Sets forModel(RunSpec.DataSection d, int classes) {
        return load(d, d.classes() != null ? d.classes() : Integer.valueOf(classes));
    }

    private static Sets load(RunSpec.DataSection d, Integer declared) {
        Sets sets = switch (d.source()) {
            case "digits" -> new Sets(fromResource("digits.csv.gz"), null);
            case "iris" -> new Sets(fromResource("iris.csv"), null);
            case "fashion-mnist" -> fashionMnist();
            case "csv" ->
                new Sets(
                        csv(required(d.train(), "csv", "--train FILE"), d),
                        d.test() == null ? null : csv(Path.of(d.test()), d));
            case "idx" ->
                new Sets(
                        idx(
                                required(d.train(), "idx", "--train FILE"),
                                required(d.trainLabels(), "idx", "--train-labels FILE")),
                        d.test() == null
                                ? null
                                : idx(Path.of(d.test()), required(d.testLabels(), "idx test", "--test-labels FILE")));
            default ->
                throw new ConfigException("data source: expected digits, iris, fashion-mnist, csv or idx, found "
                        + Inputs.quote(d.source()));
        };
        if (sets.test != null && sets.test.x.cols() != sets.train.x.cols()) {
            throw new DataException(sets.test.source + ": expected " + sets.train.x.cols() + " features (as "
                    + sets.train.source + "), found " + sets.test.x.cols());
        }
        int classes = checkClasses(sets, declared);
        return new Sets(sets.train.withClasses(classes), sets.test == null ? null : sets.test.withClasses(classes));
    }

    /**
     * @param declared the number of classes the data section gives, or null to infer it
     * @return the number of classes
     * @throws DataException naming the first label out of range, or one that leaves most classes empty
     */
    static int checkClasses(Sets sets, Integer declared) {
        List<LabeledData> parts = sets.test == null ? List.of(sets.train) : List.of(sets.train, sets.test);
        if (declared != null) {
            for (LabeledData p : parts) {
                for (int i = 0; i < p.labels.length; i++) {
                    if (p.labels[i] >= declared) {
                        throw new DataException(p.labelFile + ": label " + p.labels[i] + " of sample " + (i + 1)
                                + ": expected a class in 0.." + (declared - 1) + " (classes " + declared + ")");
                    }
                }
            }
            return declared;
        }
        int classes = sets.classes();
        boolean[] seen = new boolean[classes];
        for (LabeledData p : parts) {
            for (int label : p.labels) {
                seen[label] = true;
            }
        }
        List<Integer> empty = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (!seen[c]) {
                empty.add(c);
            }
        }
        if (2 * empty.size() > classes) {
            int largest = classes - 1;
            for (LabeledData p : parts) {
                for (int i = 0; i < p.labels.length; i++) {
                    if (p.labels[i] == largest) {
                        throw new DataException(p.labelFile + ": label " + largest + " of sample " + (i + 1)
                                + " would make " + classes + " classes of which " + empty.size()
                                + " have no sample; expected labels 0..K-1 (set classes, --classes K, if "
                                + classes + " is meant)");
                    }
                }
            }
        }
        if (!empty.isEmpty()) {
            LOG.warn(
                    "{}: {} of the {} classes have no sample: {}",
                    sets.describe(),
                    empty.size(),
                    classes,
                    empty.size() <= 10 ? empty : empty.subList(0, 10) + "...");
        }
        return classes;
    }

    private static Path required(String file, String source, String flag) {
        if (file == null) {
            throw new ConfigException("data source " + source + ": expected a file (" + flag + "), found none");
        }
        return Path.of(file);
    }

    private static Sets fashionMnist() {
        Path dir = FASHION_MNIST;
        Path trainImages = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(trainImages)) {
            throw new DataException("fashion-mnist: " + trainImages
                    + " not found; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                    + " or point CHAINRULE_FASHION_MNIST at a folder with its four IDX files");
        }
        return new Sets(
                idx(trainImages, dir.resolve("train-labels-idx1-ubyte.gz")),
                idx(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    private static LabeledData idx(Path images, Path labelsFile) {
        Matrix x = Idx.images(images);
        int[] labels = Idx.labels(labelsFile);
        if (labels.length != x.rows()) {
            throw new DataException(labelsFile + ": expected " + x.rows() + " labels (one per image in " + images
                    + "), found " + labels.length);
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        if (classes < 2) {
            throw new DataException(labelsFile + ": expected at least 2 classes, found only class 0");
        }
        return new LabeledData(images.toString(), labelsFile.toString(), x, labels, classes);
    }

    private static LabeledData fromResource(String file) {
        try (InputStream in = LabeledData.class.getResourceAsStream("data/" + file)) {
            if (in == null) {
                throw new DataException("embedded data set " + file + " is missing from the nn-cli jar");
            }
            return parse("embedded " + file, file.endsWith(".gz") ? new GZIPInputStream(in) : in, -1, "auto");
        } catch (IOException e) {
            throw new DataException("embedded " + file + ": " + e.getMessage(), e);
        }
    }

    private static LabeledData csv(Path path, RunSpec.DataSection d) {
        try (InputStream raw = Inputs.open(path)) {
            InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return parse(path.toString(), in, d.labelColumn(), d.header());
        } catch (IOException e) {
            throw new DataException(path + ": " + Inputs.reason(e), e);
        }
    }

    /**
     * @param labelColumn the class column from 1, or counted from the end when negative (−1: last)
     * @param header {@code auto}: a first line with a non-numeric field is skipped; {@code true}:
     *     the first line is skipped; {@code false}: every line is data
     */
    static LabeledData parse(String source, InputStream in, int labelColumn, String header) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        int labelAt = -1;
        boolean headerSeen = false;
        long widthLine = 0;
        try {
            for (CSVRecord record : CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreEmptyLines(false)
                    .setTrim(true)
                    .get()
                    .parse(reader)) {
                long line =
                        record.getRecordNumber(); // = the line: empty lines are records too, and fields hold no line
                // breaks
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (rows.isEmpty() && width < 0 && !headerSeen && headerLine(header, record)) {
                    headerSeen = true;
                    continue;
                }
                if (width < 0) {
                    width = record.size();
                    widthLine = line;
                    if (width < 2) {
                        throw new DataException(source + " line " + line
                                + ": expected at least 2 columns (features and the class), found " + width);
                    }
                    labelAt = labelColumn < 0 ? width + labelColumn : labelColumn - 1;
                    if (labelAt < 0 || labelAt >= width) {
                        throw new ConfigException("data label_column: expected 1.." + width + " or -1..-" + width
                                + " for the " + width + " columns of " + source + ", found " + labelColumn);
                    }
                } else if (record.size() != width) {
                    throw new DataException(source + " line " + line + ": expected " + width + " columns (as line "
                            + widthLine + "), found " + record.size());
                }
                float[] features = new float[width - 1];
                for (int c = 0, f = 0; c < width; c++) {
                    if (c != labelAt) {
                        features[f++] = number(source, line, c, record.get(c));
                    }
                }
                labels.add(label(source, line, labelAt, record.get(labelAt)));
                rows.add(features);
            }
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.csvProblem(source, e);
        }
        if (rows.isEmpty()) {
            throw new DataException(source + ": no data rows");
        }
        Matrix x = Matrix.of(rows.toArray(float[][]::new));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int classes = Arrays.stream(y).max().orElse(0) + 1;
        if (classes < 2) {
            throw new DataException(
                    source + ": expected at least 2 classes in column " + (labelAt + 1) + ", found only class 0");
        }
        return new LabeledData(source, source, x, y, classes);
    }

    private static boolean headerLine(String header, CSVRecord record) {
        return header.equals("true") || header.equals("auto") && isHeader(record);
    }

    private static boolean isHeader(CSVRecord record) {
        for (String field : record) {
            try {
                Double.parseDouble(field);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static float number(String source, long line, int column, String text) {
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new DataException(source + " line " + line + ", column " + (column + 1)
                    + ": expected a number, found " + Inputs.quote(text));
        }
        if (!Float.isFinite(v)) {
            throw new DataException(source + " line " + line + ", column " + (column + 1)
                    + ": expected a finite number, found " + Inputs.quote(text));
        }
        return v;
    }

    private static int label(String source, long line, int column, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0 && v == Math.rint(v) && v < 1_000_000)) {
            throw new DataException(source + " line " + line + ", column " + (column + 1)
                    + ": expected a class label (a whole number ≥ 0), found " + Inputs.quote(text));
        }
        return (int) v;
    }

    /** @return the number of samples */
    int size() {
        return labels.length;
    }

    /**
     * Splits off a fraction of each class, with a seeded shuffle per class (stratified).
     *
     * @return the rest, then the part split off (null when the fraction rounds to nothing)
     */
    LabeledData[] split(double fraction, long seed, String what) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                members.set(i, members.set(j, members.get(i)));
            }
            int n = (int) Math.round(members.size() * fraction);
            off.addAll(members.subList(0, n));
            keep.addAll(members.subList(n, members.size()));
        }
        if (keep.isEmpty()) {
            throw new DataException(
                    source + ": no samples left for training after the " + what + " split of " + fraction);
        }
        LabeledData rest = new LabeledData(source, labelFile, select(keep), labelsOf(keep), classes);
        return new LabeledData[] {
            rest,
            off.isEmpty()
                    ? null
                    : new LabeledData(source + " (" + what + ")", labelFile, select(off), labelsOf(off), classes)
        };
    }

    /** @return a copy with {@code classes} classes (a test set may lack the largest labels) */
    LabeledData withClasses(int n) {
        return new LabeledData(source, labelFile, x, labels, n);
    }

    /**
     * @param outputs the network's outputs: one per class (one-hot), or 1 for two classes (0/1)
     * @param scaling applied to a copy of the features, or null
     */
    Dataset dataset(int outputs, InputScaling scaling) {
        Matrix features = scaling == null ? x : scaling.apply(x);
        if (outputs == 1) {
            Matrix y = new Matrix(labels.length, 1);
            for (int i = 0; i < labels.length; i++) {
                y.set(i, 0, labels[i]);
            }
            return new Dataset(features, y);
        }
        return Dataset.classification(features, labels, outputs);
    }

    /** @return the scaling a data section asks for, fitted on this (training) set, or null for none */
    InputScaling fitScaling(String kind) {
        return switch (kind) {
            case "standardize" -> InputScaling.standardize(x);
            case "minmax" -> InputScaling.minMax(x);
            default -> null;
        };
    }

    private Matrix select(List<Integer> rows) {
        int cols = x.cols();
        Matrix m = new Matrix(rows.size(), cols);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(x.data(), rows.get(r) * cols, m.data(), r * cols, cols);
        }
        return m;
    }

    private int[] labelsOf(List<Integer> rows) {
        return rows.stream().mapToInt(i -> labels[i]).toArray();
    }
}
