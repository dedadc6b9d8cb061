package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application runs on the plain class path: nn-all's plugins are found, it trains, saves, loads and predicts. */
class ClassifyTest {
    @TempDir
    Path dir;

    /** @return iris as a CSV file (features, then the class), and its feature rows alone */
    private Path[] irisFiles() throws IOException {
        LabeledData iris = LabeledData.embedded("iris");
        StringBuilder train = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        int cols = iris.x().cols();
        for (int r = 0; r < iris.size(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                row.append(c == 0 ? "" : ",").append(iris.x().data()[r * cols + c]);
            }
            train.append(row).append(',').append(iris.labels()[r]).append('\n');
            rows.append(row).append('\n');
        }
        Path trainCsv = Files.writeString(dir.resolve("iris.csv"), train);
        Path rowsCsv = Files.writeString(dir.resolve("rows.csv"), rows);
        return new Path[] {trainCsv, rowsCsv};
    }

    @Test
    void runsOnTheClassPath() {
        assertFalse(Chainrule.class.getModule().isNamed(), "Chainrule is on the class path here");
    }

    @Test
    void trainsSavesLoadsAndPredictsIrisFromTheClassPath() throws IOException {
        Path[] files = irisFiles();
        Classify.Result result = Classify.run(files[0], dir.resolve("iris.safetensors"), files[1]);

        assertTrue(result.testAccuracy() > 0.9, "test accuracy " + result.testAccuracy());
        int[] labels = LabeledData.embedded("iris").labels();
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += result.predicted()[i] == labels[i] ? 1 : 0;
        }
        assertTrue(right > 0.9 * labels.length, right + " of " + labels.length + " rows predicted right");
    }

    @Test
    void aSecondRunWritesTheSameModelBitForBit() throws IOException {
        Path[] files = irisFiles();
        Classify.run(files[0], dir.resolve("a.safetensors"), files[1]);
        Classify.run(files[0], dir.resolve("b.safetensors"), files[1]);

        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a.safetensors")), Files.readAllBytes(dir.resolve("b.safetensors")));
    }
}
