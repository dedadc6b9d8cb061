package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.Params;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The joint derivative dZ = A − Y, taken when the output activation and the loss declare the same
 * canonical link, equals the two-step chain rule. The two-step side uses the same activation
 * re-registered under another name with no link declared.
 */
final class TestJointOutputDerivative {

    /** Wraps an activation, hiding its link, so the engine must run loss.gradient then backward. */
    private record Unlinked(String name, ActivationProvider inner) implements ActivationProvider {
        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String description() {
            return inner.description() + " (no link)";
        }

        @Override
        public Activation create(Params params) {
            Activation a = inner.create(params);
            return new Activation() {
                @Override
                public void forward(Matrix z, Matrix out) {
                    a.forward(z, out);
                }

                @Override
                public void backward(Matrix z, Matrix out, Matrix dA, Matrix dZ) {
                    a.backward(z, out, dA, dZ);
                }
            };
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"softmax, cross_entropy, 4", "sigmoid, nll, 3", "sigmoid, nll, 1"})
    void jointDerivativeEqualsTwoStepChainRule(String activation, String loss, int outputs) {
        Plugins base = Fixtures.CHAINRULE.plugins();
        List<ActivationProvider> acts = new ArrayList<>(base.activations().all());
        acts.add(new Unlinked(activation + "_unlinked", base.activations().provider(activation)));
        Chainrule cr = Chainrule.create(new Plugins(
                PluginRegistry.of("activation", acts), base.losses(), base.initializers(), base.optimizers()));
        Matrix x = Fixtures.gaussian(16, 5, 1, 11);
        Matrix y = outputs > 1 ? Fixtures.oneHot(16, outputs, 12) : Fixtures.binary(16, 1, 12);

        Network joint = cr.network(spec(activation, loss, outputs), 5);
        Network twoStep = cr.network(spec(activation + "_unlinked", loss, outputs), 5);
        double jointLoss = joint.computeGradients(x, y);
        double twoStepLoss = twoStep.computeGradients(x, y);

        assertTrue(joint.usesJointOutputDerivative());
        assertFalse(twoStep.usesJointOutputDerivative());
        assertArrayEquals(new double[] {twoStepLoss}, new double[] {jointLoss}, 1e-6);
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(
                    twoStep.weightGradient(l).data(), joint.weightGradient(l).data(), 1e-6f, "dW" + l);
            assertArrayEquals(
                    twoStep.biasGradient(l).data(), joint.biasGradient(l).data(), 1e-6f, "db" + l);
        }
    }

    private static NetworkSpec spec(String activation, String loss, int outputs) {
        return NetworkSpec.builder(5)
                .dense(6, "tanh")
                .dense(outputs, activation)
                .loss(loss)
                .build();
    }
}
