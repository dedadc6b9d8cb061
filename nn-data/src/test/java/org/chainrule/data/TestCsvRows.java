package org.chainrule.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file is read in two passes, the first counting its rows so that the floats are allocated
 * once at their final size; text that can be read once only grows its arrays instead. Both give the
 * same numbers.
 */
final class TestCsvRows {
    private static final String CSV = "a,b,label\n\n1,2,0\n3,4,1\n\n5,6,1\n";

    @TempDir
    Path dir;

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstPassCountsNonBlankLinesLessTheHeader() throws IOException {
        assertEquals(3, CsvTable.countRows("t", text(CSV), "auto"));
        assertEquals(3, CsvTable.countRows("t", text(CSV), "true"));
        assertEquals(1, CsvTable.countRows("t", text("1,2,0\n3,4,1\n"), "true"), "told: the first line is a header");
        assertEquals(2, CsvTable.countRows("t", text("1,2,0\n3,4,1\n"), "auto"));
        assertEquals(0, CsvTable.countRows("t", text("a,b,label\n"), "auto"));
        assertEquals(
                2,
                CsvTable.countRows("t", text(" \r\n\r\na,b,c\r\n1,2,0\r\n3,4,1"), "auto"),
                "CRLF, blanks, no final newline");
    }

    @Test
    void rowsCountedUpFrontAreWrappedWithoutACopy() {
        FloatRows rows = new FloatRows(3, 2);
        rows.data()[rows.append()] = 1;
        rows.data()[rows.append() + 2] = 6;

        assertSame(rows.data(), rows.matrix().data());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 6}, rows.matrix().data());
    }

    @Test
    void rowsBeyondTheCountGrowTheArrayAndAreTrimmedAtTheEnd() {
        FloatRows rows = new FloatRows(2, 1);
        for (int r = 0; r < 5; r++) {
            int at = rows.append();
            rows.data()[at] = r;
            rows.data()[at + 1] = -r;
        }

        assertEquals(5, rows.matrix().rows());
        assertArrayEquals(
                new float[] {0, 0, 1, -1, 2, -2, 3, -3, 4, -4}, rows.matrix().data());
    }

    @Test
    void aGzippedFileReadInTwoPassesEqualsTheSameTextReadOnce() throws IOException {
        Path file = dir.resolve("t.csv.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }

        LabeledData twoPasses = LabeledData.csv(file, -1, "auto");
        LabeledData once = LabeledData.parse("t", text(CSV), -1, "auto");

        assertArrayEquals(once.x().data(), twoPasses.x().data());
        assertArrayEquals(once.labels(), twoPasses.labels());
        assertEquals(3, twoPasses.size());
    }
}
