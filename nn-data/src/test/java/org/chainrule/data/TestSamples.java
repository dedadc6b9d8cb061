package org.chainrule.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples with targets chosen by column: regression values and multi-label 0/1 columns. */
final class TestSamples {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theEmbeddedDiabetesSetHasTenFeaturesAndTheProgression() {
        Samples d = Samples.embedded("diabetes");
        assertEquals(442, d.size());
        assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), d.featureNames());
        assertEquals(List.of("progression"), d.targetNames());
        assertEquals(151f, d.y().get(0, 0));
    }

    @Test
    void targetsAreChosenByHeaderNameOrNumberAndTheRestAreFeatures() throws IOException {
        Path f = csv("a,b,y1,c,y2\n1,2,10,3,20\n4,5,30,6,40\n");
        Samples byName = Samples.csv(f, Task.REGRESSION, List.of("y1", "y2"), List.of(), "auto");
        Samples byNumber = Samples.csv(f, Task.REGRESSION, List.of("3", "-1"), List.of(), "auto");
        assertEquals(List.of("a", "b", "c"), byName.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, byName.x().data());
        assertArrayEquals(new float[] {10, 20, 30, 40}, byName.y().data());
        assertArrayEquals(byName.y().data(), byNumber.y().data());
    }

    @Test
    void featureColumnsChooseAndOrderTheFeatures() throws IOException {
        Path f = csv("a,b,y,c\n1,2,10,3\n");
        Samples s = Samples.csv(f, Task.REGRESSION, List.of("y"), List.of("c", "a"), "auto");
        assertArrayEquals(new float[] {3, 1}, s.x().data());
    }

    @Test
    void aMultilabelTargetThatIsNotZeroOrOneIsNamedByLineAndColumn() throws IOException {
        Path f = csv("x,a,b\n0.5,1,0\n0.7,1,0.5\n");
        DataException e = assertThrows(
                DataException.class, () -> Samples.csv(f, Task.MULTILABEL, List.of("a", "b"), List.of(), "auto"));
        assertEquals(f + " line 3, column 3: expected a label 0 or 1, found '0.5'", e.getMessage());
    }

    @Test
    void aRegressionTargetThatIsNotANumberIsNamedByLineAndColumn() throws IOException {
        Path f = csv("x,y\n0.5,1\n0.7,NaN\n");
        DataException e = assertThrows(
                DataException.class, () -> Samples.csv(f, Task.REGRESSION, List.of("y"), List.of(), "auto"));
        assertEquals(f + " line 3, column 2: expected a finite number, found 'NaN'", e.getMessage());
    }

    @Test
    void aColumnNotInTheFileOrATargetAlsoAFeatureIsRefused() throws IOException {
        Path f = csv("x,y\n0.5,1\n");
        ConfigException unknown = assertThrows(
                ConfigException.class, () -> Samples.csv(f, Task.REGRESSION, List.of("z"), List.of(), "auto"));
        assertEquals("data target column 'z': expected one of the header's names 'x, y' in " + f, unknown.getMessage());
        ConfigException out = assertThrows(
                ConfigException.class, () -> Samples.csv(f, Task.REGRESSION, List.of("3"), List.of(), "auto"));
        assertEquals(
                "data target column: expected 1..2 or -1..-2 for the 2 columns of " + f + ", found 3",
                out.getMessage());
        assertThrows(ConfigException.class, () -> Samples.csv(f, Task.REGRESSION, List.of("y"), List.of("y"), "auto"));
    }

    @Test
    void aSplitIsTheSameForTheSameSeedAndKeepsEveryRowOnce() {
        Samples d = Samples.embedded("diabetes");
        Samples[] a = d.split(0.2, 42, "test");
        Samples[] b = d.split(0.2, 42, "test");
        assertEquals(354, a[0].size());
        assertEquals(88, a[1].size());
        assertArrayEquals(a[1].y().data(), b[1].y().data());
        double sum = 0;
        for (float v : d.y().data()) {
            sum += v;
        }
        double parts = 0;
        for (Samples p : a) {
            for (float v : p.y().data()) {
                parts += v;
            }
        }
        assertEquals(sum, parts, 1e-6);
        assertNull(d.split(0.0, 1, "test")[1]);
    }
}
