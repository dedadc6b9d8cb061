package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.NumericException;
import org.chainrule.api.ShapeException;
import org.junit.jupiter.api.Test;

/** Bad input gives one clear line: what, where, expected versus found. */
final class TestNetworkErrors {
    private static final NetworkSpec SPEC = NetworkSpec.builder(4)
            .dense(3, "relu")
            .dense(2, "softmax")
            .loss("cross_entropy")
            .build();

    @Test
    void unknownActivationNamesTheLayer() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(3, "relu")
                .dense(2, "sofmax")
                .loss("cross_entropy")
                .build();

        ConfigException e = assertThrows(ConfigException.class, () -> Fixtures.CHAINRULE.network(spec, 1));

        assertEquals(
                "layer 2 activation: unknown activation 'sofmax' (did you mean 'softmax'?); installed: "
                        + String.join(
                                ", ", Fixtures.CHAINRULE.plugins().activations().names()),
                e.getMessage());
    }

    @Test
    void badInitializerParameterNamesTheLayer() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .init("gaussian(std=0)", "zero")
                .dense(3, "relu")
                .loss("square")
                .build();

        ConfigException e = assertThrows(ConfigException.class, () -> Fixtures.CHAINRULE.network(spec, 1));

        assertEquals(
                "layer 1 weight initializer: initializer 'gaussian': parameter 'std': expected real > 0, found 0",
                e.getMessage());
    }

    @Test
    void unknownLossIsReported() {
        NetworkSpec spec =
                NetworkSpec.builder(4).dense(3, "relu").loss("squared").build();

        ConfigException e = assertThrows(ConfigException.class, () -> Fixtures.CHAINRULE.network(spec, 1));

        assertEquals(
                "network loss: unknown loss 'squared' (did you mean 'square'?); installed: "
                        + String.join(
                                ", ", Fixtures.CHAINRULE.plugins().losses().names()),
                e.getMessage());
    }

    @Test
    void zeroUnitsIsRejected() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> NetworkSpec.builder(4).dense(0, "relu").loss("square").build());

        assertEquals("layer units: expected ≥ 1, found 0", e.getMessage());
    }

    @Test
    void weightsOfTheWrongShapeNameLayerAndBothShapes() {
        Network net = Fixtures.CHAINRULE.network(SPEC, 1);

        ShapeException e = assertThrows(ShapeException.class, () -> net.setWeights(2, new Matrix(2, 3)));

        assertEquals("layer 2 weights: expected 3×2, found 2×3", e.getMessage());
    }

    @Test
    void inputsWithTheWrongWidthAreReported() {
        Network net = Fixtures.CHAINRULE.network(SPEC, 1);

        ShapeException e = assertThrows(ShapeException.class, () -> net.predict(new Matrix(5, 3)));

        assertEquals("predict input (rows × network inputs): expected 5×4, found 5×3", e.getMessage());
    }

    @Test
    void trainingDataThatDoesNotFitTheNetworkIsReported() {
        Network net = Fixtures.CHAINRULE.network(SPEC, 1);
        Dataset data = new Dataset(new Matrix(10, 4), new Matrix(10, 3));

        ShapeException e = assertThrows(
                ShapeException.class,
                () -> Fixtures.CHAINRULE.train(net, TrainingConfig.defaults(), data, null, TrainingListener.NONE));

        assertEquals("training set targets (samples × network outputs): expected 10×2, found 10×3", e.getMessage());
    }

    @Test
    void nanInDataIsReportedWithRowAndColumn() {
        Matrix x = new Matrix(3, 2);
        x.set(1, 1, Float.NaN);

        DataException e = assertThrows(DataException.class, () -> new Dataset(x, new Matrix(3, 1)));

        assertEquals("data set inputs: row 2, column 2 is NaN; expected a finite number", e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReportedWithItsRow() {
        DataException e = assertThrows(
                DataException.class, () -> Dataset.classification(new Matrix(3, 2), new int[] {0, 1, 5}, 3));

        assertEquals("label of row 3: expected 0..2, found 5", e.getMessage());
    }

    @Test
    void divergingTrainingStopsNamingEpochAndBatch() {
        NetworkSpec spec = NetworkSpec.builder(2)
                .dense(4, "identity")
                .dense(1, "identity")
                .loss("square")
                .build();
        Network net = Fixtures.CHAINRULE.network(spec, 1);
        Dataset data = new Dataset(Fixtures.gaussian(64, 2, 100, 1), Fixtures.gaussian(64, 1, 100, 2));

        NumericException e = assertThrows(
                NumericException.class,
                () -> Fixtures.CHAINRULE.train(
                        net,
                        TrainingConfig.defaults().withOptimizer("sgd(lr=10)").withBatchSize(16),
                        data,
                        null,
                        TrainingListener.NONE));

        // Which overflows first, the loss or the gradient norm, depends on the kernels' summation
        // order (8-lane sums reach Infinity in the gradient norm a step earlier than 16-lane ones):
        // either is the right stop, named with its epoch and batch, before the update.
        assertEquals(
                true,
                e.getMessage()
                        .matches("training diverged: the (loss|gradient norm) is (NaN|-?Infinity)"
                                + " at epoch \\d+, step \\d+, batch \\d of 4; the parameters were not updated with it\\."
                                + " First non-finite value: .*overflowed\\."
                                + " Lower the learning rate, clip the gradient or check the data"),
                e.getMessage());
    }

    @Test
    void unknownOptimizerIsReported() {
        Network net = Fixtures.CHAINRULE.network(SPEC, 1);
        Dataset data = new Dataset(new Matrix(4, 4), new Matrix(4, 2));

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Fixtures.CHAINRULE.train(
                        net, TrainingConfig.defaults().withOptimizer("adma"), data, null, TrainingListener.NONE));

        assertEquals(
                "unknown optimizer 'adma' (did you mean 'adam'?); installed: "
                        + String.join(
                                ", ", Fixtures.CHAINRULE.plugins().optimizers().names()),
                e.getMessage());
    }
}
