package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding facade: predictions from arrays, classes, and many threads at once. */
final class TestModel {
    private static final Model MODEL = Fixtures.CHAINRULE.model(Fixtures.CHAINRULE.network(
            NetworkSpec.builder(6)
                    .init("gaussian(std=0.8)", "gaussian(std=0.3)")
                    .dense(16, "relu")
                    .dense(4, "softmax")
                    .loss("cross_entropy")
                    .build(),
            11));

    @Test
    void predictingOneSampleEqualsTheRowOfABatchPrediction() {
        Matrix x = Fixtures.gaussian(5, 6, 1, 1);
        float[][] rows = x.toArray();
        Matrix batch = MODEL.predict(x);

        for (int i = 0; i < 5; i++) {
            assertArrayEquals(batch.toArray()[i], MODEL.predict(rows[i]), "row " + i);
        }
        assertArrayEquals(batch.toArray(), MODEL.predict(rows));
    }

    @Test
    void predictClassIsTheIndexOfTheLargestOutput() {
        float[][] rows = Fixtures.gaussian(20, 6, 2, 2).toArray();
        int[] classes = MODEL.predictClasses(rows);

        for (int i = 0; i < rows.length; i++) {
            float[] p = MODEL.predict(rows[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            assertEquals(best, MODEL.predictClass(rows[i]), "row " + i);
            assertEquals(best, classes[i], "row " + i);
        }
    }

    @Test
    void aSampleOfTheWrongLengthIsAShapeErrorNamingBothLengths() {
        ShapeException e = assertThrows(ShapeException.class, () -> MODEL.predict(new float[5]));

        assertEquals("predict input: expected 6 values, found 5", e.getMessage());
    }

    /** The engine's own tests run without nn-onnx: the message says which artifact to add. */
    @Test
    void exportingToOnnxWithoutTheOnnxModuleNamesTheModuleToAdd(@TempDir Path dir) {
        org.chainrule.api.ConfigException e =
                assertThrows(org.chainrule.api.ConfigException.class, () -> MODEL.exportOnnx(dir.resolve("m.onnx")));

        assertEquals(
                "export to onnx: expected the org.chainrule:nn-onnx module on the module or class path, found no"
                        + " exporters",
                e.getMessage());
    }

    @Test
    void aRaggedBatchIsAShapeError() {
        assertThrows(ShapeException.class, () -> MODEL.predict(new float[][] {new float[6], new float[7]}));
    }

    @Test
    void anEmptyBatchGivesNoPredictions() {
        assertEquals(0, MODEL.predict(new float[0][]).length);
    }

    @Test
    void aModelWithInputScalingPredictsFromRawFeaturesAndKeepsTheScalingInItsFile(@TempDir Path dir) {
        Network net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(3)
                        .dense(5, "tanh")
                        .dense(2, "softmax")
                        .loss("cross_entropy")
                        .build(),
                4);
        Matrix raw = Fixtures.gaussian(6, 3, 10, 5);
        InputScaling scaling = InputScaling.standardize(raw);
        Model model = Fixtures.CHAINRULE.model(net, scaling);
        Path file = dir.resolve("scaled.safetensors");
        model.save(file);

        Model loaded = Fixtures.CHAINRULE.load(file);

        assertArrayEquals(
                net.predict(scaling.apply(raw)).data(), model.predict(raw).data());
        assertArrayEquals(model.predict(raw).data(), loaded.predict(raw).data());
        assertEquals(scaling, loaded.inputScaling().orElseThrow());
    }

    @Test
    void standardizedColumnsHaveMeanZeroAndUnitDeviationAndAConstantColumnIsOnlyCentred() {
        Matrix raw = Fixtures.gaussian(200, 3, 7, 6);
        for (int r = 0; r < 200; r++) {
            raw.set(r, 2, 4f);
        }

        Matrix x = InputScaling.standardize(raw).apply(raw);

        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < 200; r++) {
                sum += x.get(r, c);
                sq += x.get(r, c) * x.get(r, c);
            }
            assertEquals(0, sum / 200, 1e-5, "mean of column " + c);
            assertEquals(c == 2 ? 0 : 1, sq / 200, 1e-4, "variance of column " + c);
        }
    }

    @Test
    void minMaxScalingMapsEachTrainingColumnOntoZeroToOne() {
        Matrix raw = Fixtures.gaussian(100, 3, 5, 8);
        for (int r = 0; r < 100; r++) {
            raw.set(r, 1, -2f);
        }

        Matrix x = InputScaling.minMax(raw).apply(raw);

        for (int c : new int[] {0, 2}) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int r = 0; r < 100; r++) {
                lo = Math.min(lo, x.get(r, c));
                hi = Math.max(hi, x.get(r, c));
            }
            assertEquals(0f, lo, 1e-6f, "min of column " + c);
            assertEquals(1f, hi, 1e-5f, "max of column " + c);
        }
        assertEquals(0f, x.get(0, 1), "a constant column is only shifted");
    }

    @Test
    void eightThreadsPredictingOnOneModelGetBitwiseTheResultsOfOne() throws Exception {
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            float[] x = Fixtures.gaussian(1, 6, 1, 100 + i).data();
            inputs.add(x);
            expected.add(MODEL.predict(x));
        }
        Matrix batch = Fixtures.gaussian(300, 6, 1, 7);
        float[] expectedBatch = MODEL.predict(batch).data();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            assertArrayEquals(expected.get(i), MODEL.predict(inputs.get(i)));
                        }
                        assertArrayEquals(expectedBatch, MODEL.predict(batch).data());
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
