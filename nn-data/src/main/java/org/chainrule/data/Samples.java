package org.chainrule.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
        try (InputStream raw = Inputs.open(path)) {
            InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return parse(path.toString(), in, task, targets, features, header);
        } catch (IOException e) {
            throw new DataException(path + ": " + Inputs.reason(e), e);
        }
    }

    /** @see #csv */
    public static Samples parse(
            String source, InputStream in, Task task, List<String> targets, List<String> features, String header)
            throws IOException {
        if (task != Task.REGRESSION && task != Task.MULTILABEL) {
            throw new ConfigException("samples with targets: expected the regression or multilabel task, found "
                    + task.id() + " (class tasks read LabeledData)");
        }
        if (targets.isEmpty()) {
            throw new ConfigException("data targets: expected at least one target column, found none");
        }
        Table t = Table.read(source, in, header, targets, features, task == Task.REGRESSION ? Table.NUMBER : Table.BIT);
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

    /** A CSV file read into feature and target columns. */
    record Table(Matrix x, Matrix y, List<String> featureNames, List<String> targetNames, int[] targetColumns) {
        /** Target cells: any finite number. */
        static final int NUMBER = 0;
        /** Target cells: 0 or 1. */
        static final int BIT = 1;
        /** Target cells: a class label, a whole number ≥ 0. */
        static final int CLASS = 2;

        static Table read(
                String source,
                InputStream in,
                String header,
                List<String> targetRefs,
                List<String> featureRefs,
                int kind)
                throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<float[]> xs = new ArrayList<>();
            List<float[]> ys = new ArrayList<>();
            List<String> names = null;
            int width = -1;
            int[] targetAt = null;
            int[] featureAt = null;
            long widthLine = 0;
            int headerWidth = -1; // a header line's width when it differs from the data's
            try {
                for (CSVRecord record : CSVFormat.DEFAULT
                        .builder()
                        .setIgnoreEmptyLines(false)
                        .setTrim(true)
                        .get()
                        .parse(reader)) {
                    long line = record.getRecordNumber(); // = the line: empty lines are records too
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    if (xs.isEmpty() && width < 0 && names == null && headerLine(header, record)) {
                        names = record.toList();
                        continue;
                    }
                    if (width < 0) {
                        width = record.size();
                        widthLine = line;
                        if (width < 2) {
                            throw new DataException(source + " line " + line + ": expected at least 2 columns"
                                    + (kind == CLASS ? " (features and the class)" : " (features and a target)")
                                    + ", found " + width);
                        }
                        if (names != null && names.size() != width) {
                            headerWidth = names.size();
                            names = null; // a header of counts (iris) or of another width names nothing
                        }
                        targetAt = resolve(
                                source,
                                kind == CLASS ? "label_column" : "target column",
                                targetRefs,
                                names,
                                headerWidth,
                                width);
                        featureAt = featureRefs.isEmpty()
                                ? rest(width, targetAt)
                                : resolve(source, "feature column", featureRefs, names, headerWidth, width);
                        overlap(source, targetAt, featureAt, names);
                    } else if (record.size() != width) {
                        throw new DataException(source + " line " + line + ": expected " + width + " columns (as line "
                                + widthLine + "), found " + record.size());
                    }
                    float[] f = new float[featureAt.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = LabeledData.number(source, line, featureAt[i], record.get(featureAt[i]));
                    }
                    float[] t = new float[targetAt.length];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = target(source, line, targetAt[i], record.get(targetAt[i]), kind);
                    }
                    xs.add(f);
                    ys.add(t);
                }
            } catch (java.io.UncheckedIOException e) {
                throw Inputs.csvProblem(source, e);
            }
            if (xs.isEmpty()) {
                throw new DataException(source + ": no data rows");
            }
            return new Table(
                    Matrix.of(xs.toArray(float[][]::new)),
                    Matrix.of(ys.toArray(float[][]::new)),
                    namesOf(featureAt, names, "x"),
                    namesOf(targetAt, names, "y"),
                    targetAt);
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

        /** @return the 0-based columns {@code refs} name; @throws ConfigException naming one that is not there */
        private static int[] resolve(
                String source, String what, List<String> refs, List<String> header, int headerWidth, int width) {
            int[] at = new int[refs.size()];
            for (int i = 0; i < at.length; i++) {
                String ref = refs.get(i).strip();
                int c;
                if (ref.matches("-?[0-9]{1,9}")) {
                    int n = Integer.parseInt(ref);
                    c = n < 0 ? width + n : n - 1;
                    if (n == 0 || c < 0 || c >= width) {
                        throw new ConfigException("data " + what + ": expected 1.." + width + " or -1..-" + width
                                + " for the " + width + " columns of " + source + ", found " + ref);
                    }
                } else {
                    c = header == null ? -1 : header.indexOf(ref);
                    if (c < 0) {
                        throw new ConfigException("data " + what + " " + Inputs.quote(ref) + ": "
                                + (header != null
                                        ? "expected one of the header's names " + cut(header) + " in " + source
                                        : headerWidth > 0
                                                ? "the header line of " + source + " has " + headerWidth + " names for "
                                                        + width + " columns; give the column's number"
                                                : source + " has no header line to find it in; give the column's"
                                                        + " number"));
                    }
                }
                at[i] = c;
            }
            return at;
        }

        private static String cut(List<String> header) {
            String s = String.join(", ", header);
            return Inputs.quote(s.length() <= 200 ? s : s.substring(0, 197) + "...");
        }

        private static int[] rest(int width, int[] taken) {
            int[] at = new int[width - taken.length];
            for (int c = 0, i = 0; c < width; c++) {
                final int col = c;
                if (Arrays.stream(taken).noneMatch(t -> t == col)) {
                    if (i == at.length) {
                        break;
                    }
                    at[i++] = c;
                }
            }
            return at;
        }

        private static void overlap(String source, int[] targets, int[] features, List<String> names) {
            for (int i = 0; i < targets.length; i++) {
                for (int j = 0; j < targets.length; j++) {
                    if (i != j && targets[i] == targets[j]) {
                        throw new ConfigException("data target column " + name(targets[i], names)
                                + ": named twice among the targets of " + source);
                    }
                }
                for (int f : features) {
                    if (f == targets[i]) {
                        throw new ConfigException("data feature column " + name(f, names)
                                + ": expected a column that is not a target in " + source + ", found a target");
                    }
                }
            }
            if (features.length == 0) {
                throw new ConfigException(
                        source + ": expected at least one feature column, found none (every column" + " is a target)");
            }
        }

        private static String name(int c, List<String> names) {
            return (c + 1) + (names == null ? "" : " (" + Inputs.quote(names.get(c)) + ")");
        }

        private static List<String> namesOf(int[] at, List<String> header, String prefix) {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                n.add(
                        header != null
                                ? header.get(at[i])
                                : at.length == 1 && prefix.equals("y") ? "y" : prefix + (i + 1));
            }
            return n;
        }

        private static float target(String source, long line, int column, String text, int kind) {
            if (kind == NUMBER) {
                return LabeledData.number(source, line, column, text);
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (kind == BIT && !(v == 0 || v == 1)) {
                throw new DataException(source + " line " + line + ", column " + (column + 1)
                        + ": expected a label 0 or 1, found " + Inputs.quote(text));
            }
            if (kind == CLASS && !(v >= 0 && v == Math.rint(v) && v < 1_000_000)) {
                throw new DataException(source + " line " + line + ", column " + (column + 1)
                        + ": expected a class label (a whole number ≥ 0), found " + Inputs.quote(text));
            }
            return (float) v;
        }
    }
}
