package org.chainrule.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classification data set: raw features and integer class labels, one sample per row. Sources:
 * the sets embedded in this module ({@link #embedded digits, iris}), Fashion-MNIST from the Debian
 * package {@code dataset-fashion-mnist} ({@link #fashionMnist}), CSV files ({@link #csv}: numeric
 * features and a class column; header line optional; {@code .gz} decompressed) and IDX image/label
 * pairs ({@link #idx}). Every problem in a file is a {@link DataException} naming the file, line
 * and column.
 *
 * <p>Labels are class numbers 0..K−1 ({@link Sets#withClasses(Integer)}): K is given, and a larger
 * label is an error; or K is the largest label + 1, and a label so large that more than half of the
 * classes 0..K−1 would have no sample (an IDX label of 200 among the digits 0..9) is an error naming
 * the label, its file and its sample; a few empty classes are a warning.
 *
 * @param source where the data came from, for messages
 * @param labelFile the file the labels were read from (the IDX label file; else {@code source})
 * @param x features, samples × features
 * @param labels class of each sample
 * @param classes number of classes (largest label + 1)
 */
public record LabeledData(String source, String labelFile, Matrix x, int[] labels, int classes) {
    private static final Logger LOG = LoggerFactory.getLogger(LabeledData.class);

    /**
     * The training set and, where the source has one, the test set, as read.
     *
     * @param test null when the test set is to be split off the training set
     */
    public record Sets(LabeledData train, LabeledData test) {
        /** Checks that both sets have the same features. */
        public Sets {
            java.util.Objects.requireNonNull(train, "train is null");
            if (test != null && test.x.cols() != train.x.cols()) {
                throw new DataException(test.source + ": expected " + train.x.cols() + " features (as " + train.source
                        + "), found " + test.x.cols());
            }
        }

        /** @return the number of classes: the larger of the two sets' */
        public int classes() {
            return test == null ? train.classes : Math.max(train.classes, test.classes);
        }

        /** @return features per sample */
        public int features() {
            return train.x.cols();
        }

        /** @return where the data came from, for messages */
        public String describe() {
            return train.source + (test == null ? "" : " + " + test.source);
        }

        /**
         * @param declared the number of classes K (labels 0..K−1), or null to infer it
         * @return both sets with K classes
         * @throws DataException naming the first label out of range, or one that leaves most classes
         *     empty
         */
        public Sets withClasses(Integer declared) {
            int k = checkClasses(this, declared);
            return new Sets(train.withClasses(k), test == null ? null : test.withClasses(k));
        }
    }

    /**
     * @param declared the number of classes the data section gives, or null to infer it
     * @return the number of classes
     * @throws DataException naming the first label out of range, or one that leaves most classes empty
     */
    private static int checkClasses(Sets sets, Integer declared) {
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

    /**
     * @param dir the folder of Fashion-MNIST's four gzipped IDX files (the Debian package
     *     {@code dataset-fashion-mnist} puts them in {@code /usr/share/datasets/fashion-mnist})
     * @param hint what to say when they are not there, after "not found; "
     * @return its 60,000 training and 10,000 test images, 28 × 28 pixels of 0..255 each
     */
    public static Sets fashionMnist(Path dir, String hint) {
        Path trainImages = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(trainImages)) {
            throw new DataException("fashion-mnist: " + trainImages + " not found; " + hint);
        }
        return new Sets(
                idx(trainImages, dir.resolve("train-labels-idx1-ubyte.gz")),
                idx(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    /** @return IDX images (rank ≥ 2, first dimension the sample) and their labels, as {@link Idx} reads them */
    public static LabeledData idx(Path images, Path labelsFile) {
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

    /** The data sets embedded in this module, by name. */
    public static final List<String> EMBEDDED = List.of("digits", "iris", "breast-cancer");

    /**
     * @param name {@code digits} (UCI optical digits, 1,797 samples of 8 × 8 pixels, 10 classes) or
     *     {@code iris} (150 samples, 4 features, 3 classes) or {@code breast-cancer} (Wisconsin
     *     diagnostic, 569 samples, 30 features, 0 = malignant and 1 = benign); credits in the
     *     module's NOTICE.md
     * @return the embedded data set
     */
    public static LabeledData embedded(String name) {
        return switch (name) {
            case "digits" -> fromResource("digits.csv.gz");
            case "iris" -> fromResource("iris.csv");
            case "breast-cancer" -> fromResource("breast-cancer.csv");
            default ->
                throw new ConfigException("embedded data set: expected one of " + String.join(", ", EMBEDDED)
                        + ", found " + Inputs.quote(name));
        };
    }

    private static LabeledData fromResource(String file) {
        try (InputStream in = LabeledData.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new DataException("embedded data set " + file + " is missing from the nn-data jar");
            }
            return parse("embedded " + file, file.endsWith(".gz") ? new GZIPInputStream(in) : in, -1, "auto");
        } catch (IOException e) {
            throw new DataException("embedded " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a CSV file of numeric features and a class column ({@code .gz} decompressed).
     *
     * @param labelColumn the class column from 1, or counted from the end when negative (−1: last)
     * @param header {@code auto}: a first line with a non-numeric field is skipped; {@code true}:
     *     the first line is skipped; {@code false}: every line is data
     */
    public static LabeledData csv(Path path, int labelColumn, String header) {
        return csv(path, Integer.toString(labelColumn), List.of(), header);
    }

    /**
     * @param labelColumn the class column from 1, or counted from the end when negative (−1: last)
     * @param header {@code auto}: a first line with a non-numeric field is skipped; {@code true}:
     *     the first line is skipped; {@code false}: every line is data
     */
    public static LabeledData parse(String source, InputStream in, int labelColumn, String header) throws IOException {
        return parse(source, in, Integer.toString(labelColumn), List.of(), header, 0);
    }

    /**
     * Reads a CSV file of numeric columns and a class column ({@code .gz} decompressed).
     *
     * @param labelColumn the class column: its number from 1 (negative counts from the end) or its
     *     header name
     * @param features the feature columns in the same form; empty for every other column
     * @param header {@code auto}, {@code true} or {@code false}, as {@link #csv(Path, int, String)}
     * @throws ConfigException naming a column that is not in the file
     */
    public static LabeledData csv(Path path, String labelColumn, List<String> features, String header) {
        int rows = CsvTable.countRows(path, header); // a first pass, so the floats are allocated once
        try (InputStream in = Inputs.openCsv(path)) {
            return parse(path.toString(), in, labelColumn, features, header, rows);
        } catch (IOException e) {
            throw new DataException(path + ": " + Inputs.reason(e), e);
        }
    }

    private static LabeledData parse(
            String source, InputStream in, String labelColumn, List<String> features, String header, int rows)
            throws IOException {
        CsvTable t = CsvTable.read(source, in, header, List.of(labelColumn), features, CsvTable.CLASS, rows);
        float[] column = t.y().data();
        int[] y = new int[column.length];
        int largest = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) column[i];
            largest = Math.max(largest, y[i]);
        }
        if (largest < 1) {
            throw new DataException(source + ": expected at least 2 classes in column " + (t.targetColumns()[0] + 1)
                    + ", found only class 0");
        }
        return new LabeledData(source, source, t.x(), y, largest + 1);
    }

    /** @return the cell as a finite float; @throws DataException naming source, line and column (from 0) otherwise */
    static float number(String source, long line, int column, String text) {
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

    /** @return the number of samples */
    public int size() {
        return labels.length;
    }

    /**
     * Splits off a fraction of each class, with a seeded shuffle per class (stratified).
     *
     * @return the rest, then the part split off (null when the fraction rounds to nothing)
     */
    public LabeledData[] split(double fraction, long seed, String what) {
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
    public LabeledData withClasses(int n) {
        return new LabeledData(source, labelFile, x, labels, n);
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
