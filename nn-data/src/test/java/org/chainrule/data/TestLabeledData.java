package org.chainrule.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data sources an application reads through nn-data, without the nn command. */
final class TestLabeledData {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedIrisHas150SamplesOf4FeaturesIn3Classes() {
        LabeledData iris = LabeledData.embedded("iris");

        assertEquals(150, iris.size());
        assertEquals(4, iris.x().cols());
        assertEquals(3, iris.classes());
    }

    @Test
    void theEmbeddedDigitsHave1797ImagesOf64PixelsIn10Classes() {
        LabeledData digits = LabeledData.embedded("digits");

        assertEquals(1797, digits.size());
        assertEquals(64, digits.x().cols());
        assertEquals(10, digits.classes());
    }

    @Test
    void anUnknownEmbeddedSetIsRefusedNamingTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> LabeledData.embedded("mnist"));

        assertEquals("embedded data set: expected one of digits, iris, breast-cancer, found 'mnist'", e.getMessage());
    }

    @Test
    void aStratifiedSplitTakesTheFractionOfEachClassTheSameForTheSameSeed() {
        LabeledData iris = LabeledData.embedded("iris");

        LabeledData[] parts = iris.split(0.2, 7, "test");
        LabeledData[] again = iris.split(0.2, 7, "test");

        assertEquals(120, parts[0].size());
        assertEquals(30, parts[1].size());
        for (int c = 0; c < 3; c++) {
            int k = c;
            assertEquals(
                    10, Arrays.stream(parts[1].labels()).filter(l -> l == k).count(), "class " + c);
        }
        assertArrayEquals(parts[1].x().data(), again[1].x().data());
        assertEquals("embedded iris.csv (test)", parts[1].source());
    }

    @Test
    void aCsvWithAHeaderAndTheLabelFirstIsRead() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "label,a,b\n1,0.5,2\n0,3,4\n2,5,6\n");

        LabeledData d = LabeledData.csv(csv, 1, "auto");

        assertArrayEquals(new int[] {1, 0, 2}, d.labels());
        assertArrayEquals(new float[] {0.5f, 2, 3, 4, 5, 6}, d.x().data());
        assertEquals(3, d.classes());
    }

    @Test
    void aDeclaredNumberOfClassesRefusesALargerLabelNamingFileAndSample() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "0.5,2,0\n3,4,1\n5,6,3\n");
        var sets = new LabeledData.Sets(LabeledData.csv(csv, -1, "false"), null);

        DataException e = assertThrows(DataException.class, () -> sets.withClasses(3));

        assertEquals(csv + ": label 3 of sample 3: expected a class in 0..2 (classes 3)", e.getMessage());
        assertEquals(4, sets.withClasses(null).classes());
    }

    @Test
    void rowsToPredictAreReadWithAHeaderAndAWrongWidthIsNamedByLine() throws IOException {
        Path ok = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n3,4\n");
        Path bad = Files.writeString(dir.resolve("y.csv"), "1,2\n3\n");

        float[][] rows = Features.csv(ok, 2);
        DataException e = assertThrows(DataException.class, () -> Features.csv(bad, 2));

        assertArrayEquals(new float[] {3, 4}, rows[1]);
        assertEquals(bad + " line 2: expected 2 columns (the model's inputs), found 1", e.getMessage());
    }

    @Test
    void idxImagesAndLabelsPairIntoOneSet() throws IOException {
        Path images = Files.write(
                dir.resolve("i.idx"),
                java.nio.ByteBuffer.allocate(16 + 8)
                        .putInt(0x803)
                        .putInt(2)
                        .putInt(2)
                        .putInt(2)
                        .put(new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255})
                        .array());
        Path labels = Files.write(
                dir.resolve("l.idx"),
                java.nio.ByteBuffer.allocate(10)
                        .putInt(0x801)
                        .putInt(2)
                        .put(new byte[] {1, 0})
                        .array());

        LabeledData d = LabeledData.idx(images, labels);

        assertEquals(new Matrix(2, 4).rows(), d.x().rows());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 255}, d.x().data());
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertEquals(labels.toString(), d.labelFile());
    }
}
