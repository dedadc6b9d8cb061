package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four tasks: inference and refusal, their figures, and models that answer in the data's units. */
final class TestTasks {
    private static NetworkSpec net(int outputs, String activation, String loss) {
        return NetworkSpec.builder(3)
                .dense(4, "relu")
                .dense(outputs, activation)
                .loss(loss)
                .build();
    }

    @Test
    void oneSigmoidWithNllIsBinary() {
        assertEquals(Task.BINARY, Task.infer(net(1, "sigmoid", "nll")).task());
    }

    @Test
    void severalSigmoidsWithNllAreMultilabel() {
        assertEquals(Task.MULTILABEL, Task.infer(net(3, "sigmoid", "nll")).task());
    }

    @Test
    void identityOutputIsRegressionWhateverTheLoss() {
        assertEquals(Task.REGRESSION, Task.infer(net(2, "identity", "huber")).task());
        assertEquals(Task.REGRESSION, Task.infer(net(1, "identity", "square")).task());
    }

    @Test
    void softmaxWithCrossEntropyIsMulticlassAndSigmoidWithSquareStaysAClassifier() {
        assertEquals(
                Task.MULTICLASS, Task.infer(net(3, "softmax", "cross_entropy")).task());
        assertEquals(Task.MULTICLASS, Task.infer(net(3, "sigmoid", "square")).task()); // the seeds' classifiers
        assertEquals(Task.BINARY, Task.infer(net(1, "sigmoid", "square")).task());
    }

    @Test
    void softmaxWithOneUnitIsRefusedForEveryTask() {
        for (Task t : Task.values()) {
            ConfigException e = assertThrows(ConfigException.class, () -> t.check(net(1, "softmax", "square")));
            assertTrue(e.getMessage().startsWith("output layer 2: softmax with one unit"), e.getMessage());
        }
    }

    @Test
    void regressionWithAClassLossIsRefused() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Task.REGRESSION.check(net(1, "identity", "cross_entropy")));
        assertEquals(
                "task regression: loss cross_entropy is for classes; expected square, absolute or huber",
                e.getMessage());
    }

    @Test
    void multilabelWithSoftmaxAndBinaryWithSeveralOutputsAreRefused() {
        assertThrows(ConfigException.class, () -> Task.MULTILABEL.check(net(3, "softmax", "nll")));
        ConfigException e = assertThrows(ConfigException.class, () -> Task.BINARY.check(net(2, "sigmoid", "nll")));
        assertTrue(e.getMessage().startsWith("task binary: expected 1 output"), e.getMessage());
    }

    @Test
    void classTargetsOutsideZeroOneAreRefusedNamingRowAndColumn() {
        Matrix y = Matrix.of(new float[][] {{0, 1}, {1, 3}});
        DataException e = assertThrows(DataException.class, () -> Task.MULTILABEL.checkTargets(y, "training set"));
        assertEquals(
                "training set targets: row 2, column 2: expected a value in [0, 1] for the multilabel task, found 3.0",
                e.getMessage());
        Task.REGRESSION.checkTargets(y, "training set"); // any finite value
    }

    @Test
    void taskParsingNamesTheFourTasks() {
        assertEquals(Task.MULTILABEL, Task.parse("multilabel", "--task"));
        ConfigException e = assertThrows(ConfigException.class, () -> Task.parse("regresion", "--task"));
        assertEquals(
                "--task: expected multiclass, binary, multilabel or regression, found 'regresion'", e.getMessage());
    }

    // ---------------------------------------------------------------- figures, against values worked by hand

    private static Matrix column(float... v) {
        return Matrix.wrap(v.length, 1, v);
    }

    @Test
    void regressionFiguresMatchScikitLearnsDocumentedExample() {
        // sklearn.metrics: y_true [3, -0.5, 2, 7], y_pred [2.5, 0.0, 2, 8]: MSE 0.375, MAE 0.5, R² 0.9486...
        SequencedMap<String, Double> m =
                Scores.metrics(Task.REGRESSION, column(2.5f, 0f, 2f, 8f), column(3f, -0.5f, 2f, 7f), List.of("y"));
        assertEquals(List.of("mse", "rmse", "mae", "r2"), List.copyOf(m.keySet()));
        assertEquals(0.375, m.get("mse"), 1e-12);
        assertEquals(Math.sqrt(0.375), m.get("rmse"), 1e-12);
        assertEquals(0.5, m.get("mae"), 1e-12);
        assertEquals(0.9486081370449679, m.get("r2"), 1e-12);
    }

    @Test
    void regressionWithSeveralTargetsReportsEachAndTheirMean() {
        Matrix y = Matrix.of(new float[][] {{1, 10}, {2, 20}, {3, 30}});
        Matrix p = Matrix.of(new float[][] {{1, 12}, {2, 20}, {3, 28}});
        SequencedMap<String, Double> m = Scores.metrics(Task.REGRESSION, p, y, List.of("a", "b"));
        assertEquals(1.0, m.get("r2[a]"), 0);
        assertEquals(1 - 8.0 / 200, m.get("r2[b]"), 1e-12);
        assertEquals((1 + 1 - 8.0 / 200) / 2, m.get("r2"), 1e-12);
        assertEquals(8.0 / 6, m.get("mse"), 1e-12);
    }

    @Test
    void rocAucCountsPairsInOrderWithTiesAsHalf() {
        // sklearn's roc_auc_score example: [0.1, 0.4, 0.35, 0.8] for [0, 0, 1, 1] gives 0.75
        assertEquals(0.75, Scores.rocAuc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.5, Scores.rocAuc(new float[] {0.3f, 0.3f}, new float[] {0, 1}), 1e-12);
        assertTrue(Double.isNaN(Scores.rocAuc(new float[] {0.3f, 0.6f}, new float[] {1, 1})));
    }

    @Test
    void binaryFiguresCountTheConfusionAtOneHalf() {
        SequencedMap<String, Double> m =
                Scores.metrics(Task.BINARY, column(0.9f, 0.6f, 0.2f, 0.4f, 0.7f), column(1, 0, 0, 1, 1), List.of("y"));
        // predicted 1,1,0,0,1 against 1,0,0,1,1: tp 2, fp 1, fn 1, tn 1
        assertEquals(0.6, m.get("accuracy"), 1e-12);
        assertEquals(2.0 / 3, m.get("precision"), 1e-12);
        assertEquals(2.0 / 3, m.get("recall"), 1e-12);
        assertEquals(2.0 / 3, m.get("f1"), 1e-12);
        double logLoss =
                -(Math.log(0.9f) + Math.log(1 - 0.6f) + Math.log(1 - 0.2f) + Math.log(0.4f) + Math.log(0.7f)) / 5;
        assertEquals(logLoss, m.get("log_loss"), 1e-9);
    }

    @Test
    void multilabelFiguresCountEveryLabel() {
        Matrix y = Matrix.of(new float[][] {{1, 0, 1}, {0, 1, 0}});
        Matrix p = Matrix.of(new float[][] {{0.8f, 0.1f, 0.3f}, {0.2f, 0.9f, 0.6f}});
        // said 1,0,0 / 0,1,1: label a tp 1; b tp 1; c fn 1, fp 1
        SequencedMap<String, Double> m = Scores.metrics(Task.MULTILABEL, p, y, List.of("a", "b", "c"));
        assertEquals(2.0 / 6, m.get("hamming_loss"), 1e-12);
        assertEquals(0.0, m.get("subset_accuracy"), 0);
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), m.get("micro_f1"), 1e-12);
        assertEquals((1 + 1 + 0) / 3.0, m.get("macro_f1"), 1e-12);
        assertEquals(0.0, m.get("f1[c]"), 0);
    }

    // ---------------------------------------------------------------- models in the data's units

    /** y = 40 x₁ − 25 x₂ + 300 (+ a little noise): a target far from zero mean and unit spread. */
    private static Dataset linear(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][2];
        float[][] y = new float[rows][1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = (float) r.nextGaussian();
            x[i][1] = (float) r.nextGaussian();
            y[i][0] = (float) (40 * x[i][0] - 25 * x[i][1] + 300 + 0.5 * r.nextGaussian());
        }
        return Dataset.of(x, y);
    }

    private static Model trainedRegression() {
        Chainrule cr = Fixtures.CHAINRULE;
        Network net = cr.network(
                NetworkSpec.builder(2).dense(1, "identity").loss("square").build(), 3);
        Dataset raw = linear(400, 1);
        InputScaling targetScaling = InputScaling.standardize(raw.y());
        Targets targets = new Targets(Task.REGRESSION, List.of("price"), targetScaling);
        List<EpochResult> history = cr.train(
                net,
                new TrainingConfig(40, 16, 5, PluginSpec.parse("sgd(lr=0.05)")).withTargets(targets),
                new Dataset(raw.x(), targetScaling.apply(raw.y())),
                new Dataset(
                        linear(100, 2).x(), targetScaling.apply(linear(100, 2).y())),
                TrainingListener.NONE);
        EpochResult last = history.getLast();
        assertTrue(Double.isNaN(last.trainAccuracy()), "a regression has no accuracy");
        assertTrue(last.testMetrics().get("r2") > 0.999, last.testMetrics().toString());
        assertTrue(last.testMetrics().get("rmse") < 1.0, "rmse in the data's units: " + last.testMetrics());
        return cr.model(net, null, targets);
    }

    @Test
    void aRegressionModelPredictsInTheDataUnits() {
        Model m = trainedRegression();
        assertEquals(Task.REGRESSION, m.task());
        assertEquals(300 + 40 - 50, m.predict(new float[] {1, 2})[0], 1.0);
    }

    @Test
    void aRegressionModelScoresInTheDataUnitsAndRefusesClasses(@TempDir Path dir) {
        Model m = trainedRegression();
        Scores s = m.score(linear(200, 9));
        assertTrue(s.metrics().get("mae") < 1.0, s.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> m.predictClass(new float[] {1, 2}));
        assertTrue(e.getMessage().startsWith("predictClass: a regression model has no single class"), e.getMessage());
    }

    @Test
    void theModelFileKeepsTheTaskTheTargetNamesAndTheTargetScaling(@TempDir Path dir) {
        Model m = trainedRegression();
        Path file = dir.resolve("m.safetensors");
        m.save(file);
        Model back = Fixtures.CHAINRULE.load(file);
        assertEquals(m.targets(), back.targets());
        assertArrayEquals(m.predict(new float[] {0.3f, -1}), back.predict(new float[] {0.3f, -1}));
    }

    @Test
    void aTaskTheNetworkCannotDoIsRefusedBeforeTraining() {
        Network net = Fixtures.CHAINRULE.network(net(3, "softmax", "cross_entropy"), 1);
        Dataset d = new Dataset(Fixtures.gaussian(8, 3, 1, 1), Fixtures.oneHot(8, 3, 2));
        TrainingConfig config = TrainingConfig.defaults().withTargets(Targets.of(Task.MULTILABEL, 3));
        ConfigException e = assertThrows(
                ConfigException.class, () -> Fixtures.CHAINRULE.train(net, config, d, null, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("task multilabel: output layer 2 softmax"), e.getMessage());
    }

    @Test
    void anInferredTaskTrainsOnTargetsItWouldNotChooseAndAChosenOneRefusesThem() {
        NetworkSpec spec =
                NetworkSpec.builder(3).dense(1, "tanh").loss("square").build(); // inferred: binary
        Dataset d = new Dataset(Fixtures.gaussian(16, 3, 1, 1), Fixtures.gaussian(16, 1, 0.5, 2)); // values in (-1, 1)
        Fixtures.CHAINRULE.train(
                Fixtures.CHAINRULE.network(spec, 1), TrainingConfig.defaults(), d, null, TrainingListener.NONE);
        TrainingConfig binary = TrainingConfig.defaults().withTargets(Targets.of(Task.BINARY, 1));
        assertThrows(
                DataException.class,
                () -> Fixtures.CHAINRULE.train(
                        Fixtures.CHAINRULE.network(spec, 1), binary, d, null, TrainingListener.NONE));
    }

    /**
     * Recitation 000: data generated by its 2-2-1 network (α = [[2, 1, 0], [0, 2, 0]], β = [0, 1,
     * 2], ŷ = relu(x₁ + 2) + 2 relu(2 x₁)) is fitted again by a 2-2-1 relu network trained from a
     * seeded start.
     */
    @Test
    void theRecitationsNetworkIsRecoveredFromDataItGenerated() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] x = new float[512][2];
        float[][] y = new float[512][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) (r.nextDouble() * 6 - 3);
            x[i][1] = (float) (r.nextDouble() * 6 - 3);
            y[i][0] = Math.max(0, x[i][0] + 2) + 2 * Math.max(0, 2 * x[i][0]);
        }
        Dataset data = Dataset.of(x, y);
        NetworkSpec spec = NetworkSpec.builder(2)
                .dense(2, "relu")
                .dense(1, "identity")
                .loss("square(scale=0.5)")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 11);
        List<EpochResult> h = Fixtures.CHAINRULE.train(
                net,
                new TrainingConfig(200, 16, 3, PluginSpec.parse("adam(lr=0.01)")),
                data,
                data,
                TrainingListener.NONE);
        double r2 = h.getLast().testMetrics().get("r2");
        assertTrue(r2 > 0.999, "R² " + r2 + " after " + h.size() + " epochs");
        assertEquals(7, net.predict(Matrix.of(new float[][] {{1, 2}})).get(0, 0), 0.1); // the recitation's ŷ
    }
}
