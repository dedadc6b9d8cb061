package org.chainrule.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.api.Task;

/**
 * Samples with numeric targets, one per row: what the multi-label and regression tasks train on
 * (class tasks read {@link LabeledData}, which keeps the class of each sample). Sources: CSV files
 * with target columns chosen by number or header name ({@link #csv}) and the embedded
 * {@code diabetes} regression set ({@link #embedded}).
 *
 * @param source where the data came from, for messages
 * @param x features, samples × features
 * @param y targets, samples × targets: 0/1 labels (multi-label) or real values (regression)
 * @param featureNames one per feature column (from the header, else {@code x1..xn})
 * @param targetNames one per target column (from the header, else {@code y} or {@code y1..yk})
 */
public record Samples(String source, Matrix x, Matrix y, List<String> featureNames, List<String> targetNames) {
    /** The regression sets embedded in this module, by name. */
    public static final List<String> EMBEDDED = List.of("diabetes");

    /** Validates and copies the names. */
    public Samples {
        Objects.requireNonNull(x, "x is null");
        Objects.requireNonNull(y, "y is null");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        if (x.rows() != y.rows() || featureNames.size() != x.cols() || targetNames.size() != y.cols()) {
            throw new DataException(source + ": expected one row of targets per sample and a name per column, found "
                    + x.rows() + " × " + x.cols() + " features, " + y.rows() + " × " + y.cols() + " targets, "
                    + featureNames.size() + " and " + targetNames.size() + " names");
        }
    }

    /** The training set and, where the source has one, the test set, as read. */
    public record Sets(Samples train, Samples test) {
        /** Checks that both sets have the same columns. */
        public Sets {
            Objects.requireNonNull(train, "train is null");
            if (test != null && (test.x.cols() != train.x.cols() || test.y.cols() != train.y.cols())) {
                throw new DataException(test.source + ": expected " + train.x.cols() + " features and "
                        + train.y.cols() + " targets (as " + train.source + "), found " + test.x.cols() + " and "
                        + test.y.cols());
            }
        }

        /** @return where the data came from, for messages */
        public String describe() {
            return train.source + (test == null ? "" : " + " + test.source);
        }
    }

    /**
     * @param name {@code diabetes}: Efron, Hastie, Johnstone and Tibshirani's 442 patients, 10
     *     baseline features, disease progression a year later (25..346) as the target; credits in
     *     the module's NOTICE.md
     * @return the embedded regression set
     */
    public static Samples embedded(String name) {
        if (!name.equals("diabetes")) {
            throw new ConfigException("embedded regression set: expected one of " + String.join(", ", EMBEDDED)
                    + ", found " + Inputs.quote(name));
        }
        try (InputStream in = Samples.class.getResourceAsStream("diabetes.csv.gz")) {
            if (in == null) {
                throw new DataException("embedded data set diabetes.csv.gz is missing from the nn-data jar");
            }
            return parse(
                    "embedded diabetes.csv.gz",
                    new GZIPInputStream(in),
                    Task.REGRESSION,
                    List.of("progression"),
                    List.of(),
                    "true");
        } catch (IOException e) {
            throw new DataException("embedded diabetes.csv.gz: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a CSV file ({@code .gz} decompressed) of numeric columns, some of them targets.
     *
     * @param task {@link Task#REGRESSION} (targets any finite numbers) or {@link Task#MULTILABEL}
     *     (targets 0 or 1)
     * @param targets the target columns: numbers from 1 (negative count from the end, −1 the last)
     *     or header names
     * @param features the feature columns in the same form; empty for every column that is not a
     *     target
     * @param header {@code auto}: a first line with a non-numeric field is the header; {@code true}:
     *     the first line is; {@code false}: every line is data
     * @throws DataException naming file, line and column of the first value that is not a number
     *     (or not 0/1 for multi-label), or of a ragged line
     * @throws ConfigException naming a column that is not in the file
     */
    public static Samples csv(Path path, Task task, List<String> targets, List<String> features, String header) {
        int rows = CsvTable.countRows(path, header); // a first pass, so the floats are allocated once
        try (InputStream in = Inputs.openCsv(path)) {
            return parse(path.toString(), in, task, targets, features, header, rows);
        } catch (IOException e) {
            throw new DataException(path + ": " + Inputs.reason(e), e);
        }
    }

    /** @see #csv */
    public static Samples parse(
            String source, InputStream in, Task task, List<String> targets, List<String> features, String header)
            throws IOException {
        return parse(source, in, task, targets, features, header, 0);
    }

    private static Samples parse(
            String source,
            InputStream in,
            Task task,
            List<String> targets,
            List<String> features,
            String header,
            int rows)
            throws IOException {
        if (task != Task.REGRESSION && task != Task.MULTILABEL) {
            throw new ConfigException("samples with targets: expected the regression or multilabel task, found "
                    + task.id() + " (class tasks read LabeledData)");
        }
        if (targets.isEmpty()) {
            throw new ConfigException("data targets: expected at least one target column, found none");
        }
        CsvTable t = CsvTable.read(
                source, in, header, targets, features, task == Task.REGRESSION ? CsvTable.NUMBER : CsvTable.BIT, rows);
        return new Samples(source, t.x(), t.y(), t.featureNames(), t.targetNames());
    }

    /** @return the number of samples */
    public int size() {
        return x.rows();
    }

    /**
     * Splits off a fraction of the rows, chosen by a seeded shuffle (not stratified: these targets
     * have no single class).
     *
     * @return the rest, then the part split off (null when the fraction rounds to nothing)
     */
    public Samples[] split(double fraction, long seed, String what) {
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int off = (int) Math.round(n * fraction);
        if (off == n) {
            throw new DataException(
                    source + ": no samples left for training after the " + what + " split of " + fraction);
        }
        int[] offRows = Arrays.copyOfRange(order, 0, off);
        int[] keepRows = Arrays.copyOfRange(order, off, n);
        Arrays.sort(offRows); // file order within each part
        Arrays.sort(keepRows);
        return new Samples[] {select(source, keepRows), off == 0 ? null : select(source + " (" + what + ")", offRows)};
    }

    private Samples select(String name, int[] rows) {
        return new Samples(name, rowsOf(x, rows), rowsOf(y, rows), featureNames, targetNames);
    }

    static Matrix rowsOf(Matrix m, int[] rows) {
        int cols = m.cols();
        Matrix s = new Matrix(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(m.data(), rows[r] * cols, s.data(), r * cols, cols);
        }
        return s;
    }
}
