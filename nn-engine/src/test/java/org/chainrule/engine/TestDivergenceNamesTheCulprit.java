package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.api.ActivationProvider;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.NumericException;
import org.junit.jupiter.api.Test;

/**
 * When training stops on a NaN or infinity, the message names where the first one arose: a plugin
 * that made it from finite inputs (layer, plugin, origin, the input), not the learning rate.
 */
final class TestDivergenceNamesTheCulprit {
    private static final Dataset DATA = new Dataset(Fixtures.gaussian(48, 5, 1, 1), Fixtures.oneHot(48, 3, 2));

    private static NumericException train(String activation, ActivationProvider... extra) {
        Chainrule cr = Fixtures.withActivations(extra);
        NetworkSpec spec = NetworkSpec.builder(5)
                .dense(6, "tanh")
                .dense(4, activation)
                .dense(3, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = cr.network(spec, 3);
        return assertThrows(
                NumericException.class,
                () -> cr.train(
                        net,
                        TrainingConfig.defaults().withBatchSize(16).withEpochs(5),
                        DATA,
                        null,
                        TrainingListener.NONE));
    }

    @Test
    void anActivationThatTurnsAFiniteInputIntoInfinityIsNamedWithItsLayerAndInput() {
        NumericException e =
                train("blowup(after=5)", new FaultyActivation("blowup", false, 7, Float.POSITIVE_INFINITY));

        String m = e.getMessage();
        assertTrue(m.startsWith("training diverged: the loss is NaN at epoch 2, step 5, batch 2 of 3;"), m);
        assertTrue(
                m.matches(".*First non-finite value: layer 2's activation 'blowup\\(after=5\\)' \\(.+\\) turned the"
                        + " finite z = -?\\d+\\.\\d+(E-?\\d+)? \\(sample 2 of the batch, unit 4\\) into Infinity in its"
                        + " forward; the plugin is at fault, not the learning rate or the data"),
                m);
        assertFalse(m.contains("Lower the learning rate"), m);
    }

    @Test
    void anActivationThatTurnsAFiniteInputIntoNaNIsNamed() {
        String m = train("nan(after=2)", new FaultyActivation("nan", false, 7, Float.NaN))
                .getMessage();

        assertTrue(m.contains("layer 2's activation 'nan(after=2)'"), m);
        assertTrue(m.contains("into NaN in its forward"), m);
    }

    @Test
    void anActivationWhoseBackwardGivesNaNIsNamedInItsBackward() {
        String m = train("poison(after=4)", new FaultyActivation("poison", true, 0, Float.NaN))
                .getMessage();

        assertTrue(m.startsWith("training diverged: the gradient norm is NaN at epoch 2, step 4, batch 1 of 3"), m);
        assertTrue(m.contains("layer 2's activation 'poison(after=4)'"), m);
        assertTrue(m.contains("(sample 1 of the batch, unit 1) into NaN in its backward"), m);
    }
}
