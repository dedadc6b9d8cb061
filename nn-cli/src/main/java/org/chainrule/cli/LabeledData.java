package org.chainrule.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.InputScaling;

/**
 * A classification data set read from CSV: numeric features, then an integer class label ≥ 0 in
 * the last column, one sample per line. A first line with a non-numeric field is a header and is
 * skipped. Files ending in {@code .gz} are decompressed. The names {@code digits} and {@code iris}
 * load the data sets shipped inside the command (see {@code data/NOTICE.md}).
 *
 * @param source where the data came from, for messages
 * @param x features, samples × features
 * @param labels class of each sample
 * @param classes number of classes (largest label + 1)
 */
record LabeledData(String source, Matrix x, int[] labels, int classes) {

    static LabeledData load(String name) {
        return switch (name) {
            case "digits" -> fromResource("digits.csv.gz");
            case "iris" -> fromResource("iris.csv");
            default -> fromFile(Path.of(name));
        };
    }

    private static LabeledData fromResource(String file) {
        try (InputStream in = LabeledData.class.getResourceAsStream("data/" + file)) {
            if (in == null) {
                throw new DataException("embedded data set " + file + " is missing from the nn-cli jar");
            }
            return parse("embedded " + file, file.endsWith(".gz") ? new GZIPInputStream(in) : in);
        } catch (IOException e) {
            throw new DataException("embedded " + file + ": " + e.getMessage(), e);
        }
    }

    private static LabeledData fromFile(Path path) {
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return parse(path.toString(), in);
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": no such file (give a CSV path, or 'digits' or 'iris')", e);
        } catch (IOException e) {
            throw new DataException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static LabeledData parse(String source, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
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
                if (rows.isEmpty() && width < 0 && isHeader(record)) {
                    continue;
                }
                if (width < 0) {
                    width = record.size();
                    widthLine = line;
                    if (width < 2) {
                        throw new DataException(source + " line " + line
                                + ": expected at least 2 columns (features, then the class), found " + width);
                    }
                } else if (record.size() != width) {
                    throw new DataException(source + " line " + line + ": expected " + width + " columns (as line "
                            + widthLine + "), found " + record.size());
                }
                float[] features = new float[width - 1];
                for (int c = 0; c < width - 1; c++) {
                    features[c] = number(source, line, c, record.get(c));
                }
                labels.add(label(source, line, width - 1, record.get(width - 1)));
                rows.add(features);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(source + ": no data rows");
        }
        Matrix x = Matrix.of(rows.toArray(float[][]::new));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int classes = Arrays.stream(y).max().orElse(0) + 1;
        if (classes < 2) {
            throw new DataException(source + ": expected at least 2 classes in the last column, found only class 0");
        }
        return new LabeledData(source, x, y, classes);
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
                    + ": expected a number, found '" + text + "'");
        }
        if (!Float.isFinite(v)) {
            throw new DataException(source + " line " + line + ", column " + (column + 1)
                    + ": expected a finite number, found '" + text + "'");
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
                    + ": expected a class label (a whole number ≥ 0), found '" + text + "'");
        }
        return (int) v;
    }

    /** @return the number of samples */
    int size() {
        return labels.length;
    }

    /**
     * Splits into training and test sets, stratified by class: a seeded shuffle of each class, of
     * which {@code testFraction} (rounded) goes to the test set. Features are standardised with the
     * training set's per-column mean and standard deviation (a constant column is only centred).
     */
    Split split(double testFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
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
            int nTest = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, nTest));
            train.addAll(members.subList(nTest, members.size()));
        }
        Matrix xTrain = select(train);
        Matrix xTest = select(test);
        InputScaling scaling = InputScaling.standardize(xTrain);
        scaling.applyInPlace(xTrain);
        scaling.applyInPlace(xTest);
        return new Split(
                Dataset.classification(xTrain, labelsOf(train), classes),
                test.isEmpty() ? null : Dataset.classification(xTest, labelsOf(test), classes),
                scaling);
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

    /**
     * @param train the training set
     * @param test the test set, or {@code null} when the test fraction is 0
     * @param scaling the standardisation fitted on the training set and applied to both
     */
    record Split(Dataset train, Dataset test, InputScaling scaling) {}
}
