package org.chainrule.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chainrule.api.DataException;

/** Unlabelled feature rows, as a model takes them to predict. */
public final class Features {
    private Features() {}

    /**
     * Reads rows to predict from a CSV file: each of exactly {@code width} finite numbers (the
     * model's inputs, raw); a first line that is not numeric is a header.
     *
     * @return the rows
     * @throws DataException naming the file, line and column of the first problem
     */
    public static float[][] csv(Path file, int width) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setTrim(true)
                    .setIgnoreEmptyLines(true)
                    .get()
                    .parse(reader)) {
                long line = r.getRecordNumber();
                if (rows.isEmpty() && line == 1 && !numeric(r.get(0))) {
                    continue; // header
                }
                if (r.size() != width) {
                    throw new DataException(file + " line " + line + ": expected " + width
                            + " columns (the model's inputs), found " + r.size());
                }
                float[] x = new float[width];
                for (int c = 0; c < width; c++) {
                    x[c] = LabeledData.number(file.toString(), line, c, r.get(c));
                }
                rows.add(x);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.csvProblem(file.toString(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": no rows to predict");
        }
        return rows.toArray(float[][]::new);
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
