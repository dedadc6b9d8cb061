package org.chainrule.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;

/**
 * A CSV file of numbers read into feature and target columns, the one CSV reader of {@link
 * LabeledData} (a class column) and {@link Samples} (0/1 or real targets): columns by number or
 * header name, a header line detected or told, and every problem one {@link DataException} naming
 * the file, line and column.
 *
 * @param targetColumns the 0-based columns the targets were read from
 */
record CsvTable(Matrix x, Matrix y, List<String> featureNames, List<String> targetNames, int[] targetColumns) {
    /** Target cells: any finite number. */
    static final int NUMBER = 0;
    /** Target cells: 0 or 1. */
    static final int BIT = 1;
    /** Target cells: a class label, a whole number ≥ 0. */
    static final int CLASS = 2;

    /**
     * The records of the CSV the way {@link #read} sees them: empty lines are records too, so a
     * record's number is its line.
     */
    private static Iterable<CSVRecord> records(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return CSVFormat.DEFAULT
                .builder()
                .setIgnoreEmptyLines(false)
                .setTrim(true)
                .get()
                .parse(reader);
    }

    /**
     * The first pass over a file: its data rows, counted as lines with something other than
     * blanks, less a header line, without parsing a number, so that {@link #read} allocates its
     * arrays once at their final size. Only the first such line is parsed (to tell a header). A
     * quoted field across lines makes the count too high, which costs a copy at the end, not a
     * wrong result.
     *
     * @param header {@code auto}, {@code true} or {@code false}, as for {@link #read}
     * @return the non-blank lines, less a header line
     */
    static int countRows(String source, InputStream in, String header) throws IOException {
        byte[] buffer = new byte[1 << 16];
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        boolean firstDone = false;
        boolean blank = true; // the current line so far
        long lines = 0;
        for (int read; (read = in.read(buffer)) > 0; ) {
            for (int i = 0; i < read; i++) {
                byte c = buffer[i];
                if (c == '\n') {
                    if (!blank) {
                        lines++;
                        firstDone = true;
                    } else if (!firstDone) {
                        first.reset(); // a blank line before the first
                    }
                    blank = true;
                } else {
                    if (c != ' ' && c != '\t' && c != '\r') {
                        blank = false;
                    }
                    if (!firstDone && first.size() < 1 << 20) {
                        first.write(c);
                    }
                }
            }
        }
        if (!blank) {
            lines++;
        }
        if (lines > 0 && isHeaderText(first.toByteArray(), header)) {
            lines--;
        }
        return (int) Math.min(lines, Integer.MAX_VALUE);
    }

    /** @return whether the first non-blank line (its bytes) is a header line */
    private static boolean isHeaderText(byte[] line, String header) throws IOException {
        try {
            for (CSVRecord record : records(new java.io.ByteArrayInputStream(line))) {
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    return headerLine(header, record);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            return false; // read reports the problem with its line
        }
        return false;
    }

    /**
     * {@link #countRows(String, InputStream, String)} of a file ({@code .gz} decompressed).
     *
     * @throws DataException naming the file if it cannot be read
     */
    static int countRows(java.nio.file.Path file, String header) {
        try (InputStream in = Inputs.openCsv(file)) {
            return countRows(file.toString(), in, header);
        } catch (IOException e) {
            throw new DataException(file + ": " + Inputs.reason(e), e);
        }
    }

    /**
     * @param expectedRows the data rows {@link #countRows} found in a first pass, or 0 when the text
     *     can be read once only (the arrays then grow as rows come)
     */
    static CsvTable read(
            String source,
            InputStream in,
            String header,
            List<String> targetRefs,
            List<String> featureRefs,
            int kind,
            int expectedRows)
            throws IOException {
        FloatRows xs = null;
        FloatRows ys = null;
        List<String> names = null;
        int width = -1;
        int[] targetAt = null;
        int[] featureAt = null;
        long widthLine = 0;
        int headerWidth = -1; // a header line's width when it differs from the data's
        try {
            for (CSVRecord record : records(in)) {
                long line = record.getRecordNumber(); // = the line: empty lines are records too
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (width < 0 && names == null && headerLine(header, record)) {
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
                    xs = new FloatRows(featureAt.length, expectedRows);
                    ys = new FloatRows(targetAt.length, expectedRows);
                } else if (record.size() != width) {
                    throw new DataException(source + " line " + line + ": expected " + width + " columns (as line "
                            + widthLine + "), found " + record.size());
                }
                int at = xs.append();
                float[] f = xs.data();
                for (int i = 0; i < featureAt.length; i++) {
                    f[at + i] = LabeledData.number(source, line, featureAt[i], record.get(featureAt[i]));
                }
                at = ys.append();
                float[] t = ys.data();
                for (int i = 0; i < targetAt.length; i++) {
                    t[at + i] = target(source, line, targetAt[i], record.get(targetAt[i]), kind);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.csvProblem(source, e);
        }
        if (xs == null || xs.rows() == 0) {
            throw new DataException(source + ": no data rows");
        }
        return new CsvTable(
                xs.matrix(), ys.matrix(), namesOf(featureAt, names, "x"), namesOf(targetAt, names, "y"), targetAt);
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
        boolean[] target = new boolean[width];
        for (int t : taken) {
            target[t] = true;
        }
        int[] at = new int[width];
        int n = 0;
        for (int c = 0; c < width; c++) {
            if (!target[c]) {
                at[n++] = c;
            }
        }
        return Arrays.copyOf(at, n);
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
            n.add(header != null ? header.get(at[i]) : at.length == 1 && prefix.equals("y") ? "y" : prefix + (i + 1));
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
