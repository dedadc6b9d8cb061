package org.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.Task;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;
import org.chainrule.engine.Network;
import org.chainrule.engine.Targets;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exported graphs run in ONNX Runtime, the reference server, and give Chainrule's predictions:
 * every built-in activation, every task's head, the input and target scalings, batches of 1 and 64.
 */
class TestOnnxRuntime {
    /**
     * Relative to the largest output of the sample's row: float32 round-off of a few layers, not a
     * formula slip. (Relative to each output alone it cannot hold: an output of 1e-4 that is the
     * difference of terms near 1 carries their round-off, about 1e-7 absolute, in both runtimes.)
     */
    static final double TOLERANCE = 1e-5;

    /** Rows whose outputs are all smaller than this are compared as if their largest were this large. */
    static final double FLOOR = 1e-3;

    static final Chainrule CR = Chainrule.create();
    static OrtEnvironment env;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        env = OrtEnvironment.getEnvironment();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "identity",
                "relu",
                "sigmoid",
                "tanh",
                "step",
                "leaky_relu(alpha=0.2)",
                "elu(alpha=0.5)",
                "softplus",
                "gelu",
                "gelu(approximate=tanh)",
                "swish(beta=1.5)",
                "softmax"
            })
    void everyBuiltInActivationComputesInOnnxRuntimeWhatItComputesInChainrule(String activation) throws Exception {
        Model model = model(5, List.of("16:" + activation, "12:" + activation, "4:" + activation), "square", 7);

        assertSameAsOnnxRuntime(model, 1, 11);
        assertSameAsOnnxRuntime(model, 64, 12);
    }

    @Test
    void aMulticlassHeadGivesTheSameProbabilities() throws Exception {
        Model model = model(6, List.of("20:relu", "5:softmax"), "cross_entropy", 3);

        assertEquals(Task.MULTICLASS, model.task());
        assertSameAsOnnxRuntime(model, 64, 1);
    }

    @Test
    void aBinaryHeadGivesTheSameProbability() throws Exception {
        Model model = model(6, List.of("20:tanh", "1:sigmoid"), "nll", 4);

        assertEquals(Task.BINARY, model.task());
        assertSameAsOnnxRuntime(model, 64, 2);
    }

    @Test
    void aMultilabelHeadGivesTheSameProbabilities() throws Exception {
        Model model = model(6, List.of("20:elu", "3:sigmoid"), "nll", 5);

        assertEquals(Task.MULTILABEL, model.task());
        assertSameAsOnnxRuntime(model, 64, 3);
    }

    /** The graph standardizes the raw inputs and returns values in the targets' units, as predict does. */
    @Test
    void aRegressionModelUndoesItsInputAndTargetScalingInTheGraph() throws Exception {
        Network net = network(3, List.of("10:gelu", "2:identity"), "huber", 6);
        InputScaling inputs = new InputScaling(new float[] {10, -5, 0.5f}, new float[] {0.1f, 2f, 4f});
        InputScaling targets = new InputScaling(new float[] {150, -3}, new float[] {0.02f, 0.5f});
        Model model = CR.model(net, inputs, new Targets(Task.REGRESSION, List.of("progression", "dose"), targets));

        assertSameAsOnnxRuntime(model, 1, 4);
        assertSameAsOnnxRuntime(model, 64, 5);
    }

    @Test
    void theDigitsModelTrainedHereAnswersTheSameClassesInOnnxRuntime() throws Exception {
        LabeledData digits = LabeledData.embedded("digits");
        Dataset data = Dataset.classification(digits.x(), digits.labels(), 10);
        InputScaling scaling = InputScaling.standardize(data.x());
        Dataset scaled = new Dataset(scaling.apply(data.x()), data.y());
        Network net = network(64, List.of("32:relu", "10:softmax"), "cross_entropy", 1);
        CR.train(net, TrainingConfig.defaults().withEpochs(3), scaled, null, TrainingListener.NONE);
        Model model = CR.model(net, scaling);

        Matrix x = rows(data.x(), 64);
        float[][] onnx = run(OnnxExporter.toBytes(model), x);
        Matrix expected = model.predict(x);
        assertClose(expected, onnx, "digits");
        for (int r = 0; r < x.rows(); r++) {
            assertEquals(argmax(expected, r), argmax(onnx[r]), "sample " + r);
        }
    }

    @Test
    void theGraphHasADynamicBatchNamedInputAndOutputAndTheModelsMetadata() throws Exception {
        Model model = model(4, List.of("8:relu", "3:softmax"), "cross_entropy", 9);

        try (OrtSession s = env.createSession(OnnxExporter.toBytes(model), new OrtSession.SessionOptions())) {
            NodeInfo in = s.getInputInfo().get("input");
            NodeInfo out = s.getOutputInfo().get("output");
            assertArrayEquals(new long[] {-1, 4}, ((TensorInfo) in.getInfo()).getShape());
            assertArrayEquals(new long[] {-1, 3}, ((TensorInfo) out.getInfo()).getShape());
            assertEquals("Chainrule", s.getMetadata().getProducerName());
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals("multiclass", meta.get("task"));
            assertEquals(
                    "class_0,class_1,class_2".split(",").length,
                    meta.get("targets").split(",").length);
            assertEquals(model.toString(), meta.get("network"));
        }
    }

    @Test
    void exportOnnxFindsThisModuleAndWritesAFileOnnxRuntimeLoads() throws Exception {
        Model model = model(4, List.of("8:tanh", "2:softmax"), "cross_entropy", 10);
        Path file = dir.resolve("model.onnx");

        model.exportOnnx(file);

        Matrix x = gaussian(8, 4, 6);
        assertClose(model.predict(x), run(Files.readAllBytes(file), x), "file");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void theSameModelExportsToTheSameBytes() {
        Model model = model(4, List.of("8:swish", "2:softmax"), "cross_entropy", 10);

        assertArrayEquals(OnnxExporter.toBytes(model), OnnxExporter.toBytes(model));
    }

    // ------------------------------------------------------------------ helpers

    static Model model(int inputs, List<String> layers, String loss, long seed) {
        return CR.model(network(inputs, layers, loss, seed));
    }

    /** A network with its initializer's weights and random biases (zero biases would hide a missing Add). */
    static Network network(int inputs, List<String> layers, String loss, long seed) {
        List<LayerSpec> specs = new ArrayList<>();
        for (String l : layers) {
            int colon = l.indexOf(':');
            specs.add(new LayerSpec(Integer.parseInt(l.substring(0, colon)), PluginSpec.parse(l.substring(colon + 1))));
        }
        Network net = CR.network(new NetworkSpec(inputs, specs, PluginSpec.parse(loss)), seed);
        Random r = new Random(seed);
        for (int l = 1; l <= net.depth(); l++) {
            Matrix b = net.biases(l);
            for (int j = 0; j < b.cols(); j++) {
                b.set(0, j, (float) (0.5 * r.nextGaussian()));
            }
            net.setBiases(l, b);
        }
        return net;
    }

    static void assertSameAsOnnxRuntime(Model model, int batch, long seed) throws OrtException {
        Matrix x = gaussian(batch, model.inputs(), seed);
        if (model.inputScaling().isPresent()) { // raw inputs near the scaling's mean, as real data would be
            InputScaling s = model.inputScaling().get();
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                int c = i % s.features();
                d[i] = d[i] / s.scale()[c] + s.mean()[c];
            }
        }
        assertClose(model.predict(x), run(OnnxExporter.toBytes(model), x), model + ", batch " + batch);
    }

    static float[][] run(byte[] onnx, Matrix x) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(onnx, options);
                    OnnxTensor in =
                            OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {x.rows(), x.cols()});
                    OrtSession.Result out = s.run(Map.of("input", in))) {
                return (float[][]) out.get(0).getValue();
            }
        }
    }

    static void assertClose(Matrix expected, float[][] actual, String what) {
        assertEquals(expected.rows(), actual.length, what + ": rows");
        double worst = 0;
        for (int r = 0; r < expected.rows(); r++) {
            assertEquals(expected.cols(), actual[r].length, what + ": columns");
            double scale = FLOOR;
            for (int c = 0; c < expected.cols(); c++) {
                scale = Math.max(scale, Math.abs(expected.get(r, c)));
            }
            for (int c = 0; c < expected.cols(); c++) {
                double error = Math.abs(expected.get(r, c) - actual[r][c]) / scale;
                worst = Math.max(worst, error);
                assertTrue(
                        error <= TOLERANCE,
                        what + ": row " + r + " column " + c + ": Chainrule " + expected.get(r, c) + ", ONNX Runtime "
                                + actual[r][c] + " (relative error " + error + ")");
            }
        }
        System.out.printf("%s: largest relative error %.2e%n", what, worst);
    }

    static Matrix gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (1.5 * r.nextGaussian());
        }
        return m;
    }

    static Matrix rows(Matrix m, int n) {
        Matrix out = new Matrix(n, m.cols());
        System.arraycopy(m.data(), 0, out.data(), 0, n * m.cols());
        return out;
    }

    static int argmax(Matrix m, int r) {
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (m.get(r, c) > m.get(r, best)) {
                best = c;
            }
        }
        return best;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) {
            if (v[c] > v[best]) {
                best = c;
            }
        }
        return best;
    }
}
