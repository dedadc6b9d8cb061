package org.chainrule.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.CanonicalLink;
import org.chainrule.api.ElementwiseActivation;
import org.chainrule.api.Initializer;
import org.chainrule.api.InitializerProvider;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Optimizer;
import org.chainrule.api.OptimizerProvider;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The kit fails the plugins it should: each broken plugin below fails exactly the check named for its fault. */
final class TestKitCatchesFaults {
    /** @return the names of the checks that fail */
    private static List<String> failures(Stream<DynamicNode> nodes) {
        List<String> failed = new ArrayList<>();
        nodes.forEach(n -> collect(n, failed));
        return failed;
    }

    /** @return the failure messages of the checks that fail */
    private static List<String> messages(Stream<DynamicNode> nodes) {
        List<String> failed = new ArrayList<>();
        nodes.forEach(n -> collectMessages(n, failed));
        return failed;
    }

    private static void collectMessages(DynamicNode n, List<String> failed) {
        if (n instanceof DynamicContainer c) {
            c.getChildren().forEach(child -> collectMessages(child, failed));
        } else if (n instanceof DynamicTest t) {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                failed.add(e.getMessage());
            }
        }
    }

    private static void collect(DynamicNode n, List<String> failed) {
        if (n instanceof DynamicContainer c) {
            c.getChildren().forEach(child -> collect(child, failed));
        } else if (n instanceof DynamicTest t) {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                failed.add(t.getDisplayName());
            }
        }
    }

    private abstract static class TestActivation implements ActivationProvider {
        private final String name;

        TestActivation(String name) {
            this.name = name;
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a test activation";
        }
    }

    /** tanh, with f' = scale · (1 − a²) and optionally something else wrong. */
    private static ActivationProvider tanh(String name, float scale, boolean writesInput, boolean nanAtLarge) {
        return tanh(name, scale, writesInput, nanAtLarge ? Float.NaN : 0f, CanonicalLink.NONE);
    }

    /**
     * @param atLarge what forward gives for |z| > 1000 instead of tanh, or 0 for tanh
     * @param link the link it claims
     */
    private static ActivationProvider tanh(
            String name, float scale, boolean writesInput, float atLarge, CanonicalLink link) {
        return new TestActivation(name) {
            @Override
            public Activation create(Params p) {
                return new Activation() {
                    @Override
                    public CanonicalLink link() {
                        return link;
                    }

                    @Override
                    public void forward(Matrix z, Matrix a) {
                        for (int i = 0; i < z.data().length; i++) {
                            float v = z.data()[i];
                            a.data()[i] = atLarge != 0 && Math.abs(v) > 1e3f ? atLarge : (float) Math.tanh(v);
                            if (writesInput) {
                                z.data()[i] = v + 0f * i + (i == 0 ? 1e-3f : 0f);
                            }
                        }
                    }

                    @Override
                    public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
                        for (int i = 0; i < z.data().length; i++) {
                            float ai = a.data()[i];
                            dZ.data()[i] = scale * (1 - ai * ai) * dA.data()[i];
                        }
                    }
                };
            }
        };
    }

    @Test
    void aCorrectActivationPassesEveryCheck() {
        assertEquals(List.of(), failures(Conformance.activation(tanh("good_tanh", 1f, false, false))));
    }

    @Test
    void aThreePercentWrongDerivativeFailsTheFiniteDifferenceCheck() {
        assertEquals(
                List.of("backward agrees with finite differences of forward"),
                failures(Conformance.activation(tanh("skewed_tanh", 1.03f, false, false))));
    }

    @Test
    void writingTheInputFailsTheInputCheck() {
        List<String> failed = failures(Conformance.activation(tanh("writer", 1f, true, false)));

        assertEquals(true, failed.contains("forward and backward do not write their inputs"), failed.toString());
    }

    @Test
    void aNaNOnLargeInputsFailsTheEdgeCheck() {
        assertEquals(
                List.of("forward and backward are finite on finite edge inputs"),
                failures(Conformance.activation(tanh("fragile", 1f, false, true))));
    }

    @Test
    void anInfinityFromAFiniteInputFailsTheEdgeCheck() {
        List<String> messages = messages(
                Conformance.activation(tanh("explosive", 1f, false, Float.POSITIVE_INFINITY, CanonicalLink.NONE)));

        assertEquals(1, messages.size(), messages.toString());
        assertEquals(
                true,
                messages.get(0)
                        .startsWith("explosive › forward and backward are finite on finite edge inputs: forward at z ="
                                + " 10000.0: expected a finite value, found Infinity"),
                messages.get(0));
    }

    @Test
    void aFalseLogisticLinkClaimFailsTheLinkCheck() {
        List<String> messages =
                messages(Conformance.activation(tanh("linked_tanh", 1f, false, 0f, CanonicalLink.LOGISTIC)));

        assertEquals(1, messages.size(), messages.toString());
        assertEquals(
                true,
                messages.get(0)
                        .matches(
                                "linked_tanh › its canonical link LOGISTIC holds: the two-step chain rule gives A - Y:"
                                        + " at element 0 \\(a = .*, y = .*\\): the link promises dZ = A - Y = .* but the two"
                                        + " chain-rule steps, .* give .*; declare CanonicalLink.NONE unless the identity holds"),
                messages.get(0));
    }

    @Test
    void aLossThatFalselyClaimsTheSoftmaxLinkFailsTheLinkCheck() {
        LossProvider p = square("linked_square", 1, CanonicalLink.SOFTMAX);

        assertEquals(
                List.of("its canonical link SOFTMAX holds: the two-step chain rule gives A - Y"),
                failures(Conformance.loss(p)));
    }

    @Test
    void aNameOfABuiltInPluginFailsTheClashCheck() {
        List<String> messages = messages(Conformance.activation(tanh("relu", 1f, false, false)));

        assertEquals(1, messages.size(), messages.toString());
        assertEquals(
                true,
                messages.get(0)
                        .startsWith("relu › the name is not a built-in plugin's: name: 'relu' is a built-in plugin's"
                                + " name; installed beside it, one of the two is not used"),
                messages.get(0));
    }

    @Test
    void aFailedDerivativeCheckNamesTheCheckThePointTheFiniteDifferenceAndBackward() {
        List<String> messages = messages(Conformance.activation(tanh("skewed_tanh", 1.03f, false, false)));

        assertEquals(1, messages.size(), messages.toString());
        assertEquals(
                true,
                messages.get(0)
                        .matches("skewed_tanh › backward agrees with finite differences of forward: at z = \\S+"
                                + " \\(element \\d+, dA = \\S+\\): the finite difference of sum\\(dA \\* forward\\(z\\)\\)"
                                + " is \\S+ but backward gives dZ = \\S+ \\(tolerance \\S+\\)"),
                messages.get(0));
    }

    @Test
    void anElementwiseActivationWhoseBatchPathDiffersFromItsScalarFormFails() {
        ActivationProvider p = new TestActivation("two_paths") {
            @Override
            public Activation create(Params params) {
                return new ElementwiseActivation() {
                    @Override
                    protected float apply(float z) {
                        return z / (1 + Math.abs(z));
                    }

                    @Override
                    protected float derivative(float z, float a) {
                        float d = 1 + Math.abs(z);
                        return 1 / (d * d);
                    }

                    @Override
                    public void forward(Matrix z, Matrix a) { // a "fast" path that rounds differently past 16
                        super.forward(z, a);
                        for (int i = 16; i < z.data().length; i++) {
                            a.data()[i] = (float) ((double) z.data()[i] / (1.0 + Math.abs((double) z.data()[i])))
                                    + Math.ulp(a.data()[i]);
                        }
                    }
                };
            }
        };

        List<String> failed = failures(Conformance.activation(p));

        assertEquals(true, failed.contains("each element equals the scalar form (a 1 x 1 matrix)"), failed.toString());
    }

    @Test
    void aBadNameAndAnotherSpiVersionFailTheirChecks() {
        ActivationProvider p = new TestActivation("Bad-Name") {
            @Override
            public int spiVersion() {
                return 99;
            }

            @Override
            public Activation create(Params params) {
                return tanh("x", 1f, false, false).create(params);
            }
        };

        List<String> failed = failures(Conformance.activation(p));

        assertEquals(List.of("the name is a lower-case identifier", "it was built against this SPI version"), failed);
    }

    /** @return c·Σ (a − y)², whose gradient is written as 2 (a − y) whatever c is, claiming {@code link} */
    private static LossProvider square(String name, double c, CanonicalLink link) {
        return new LossProvider() {
            @Override
            public int spiVersion() {
                return SPI_VERSION;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return c + " (a - y)^2 with the gradient 2 (a - y)";
            }

            @Override
            public Loss create(Params params) {
                return new Loss() {
                    @Override
                    public CanonicalLink canonicalLink() {
                        return link;
                    }

                    @Override
                    public double value(Matrix a, Matrix y) {
                        double s = 0;
                        for (int i = 0; i < a.data().length; i++) {
                            double d = a.data()[i] - y.data()[i];
                            s += c * d * d;
                        }
                        return s;
                    }

                    @Override
                    public void gradient(Matrix a, Matrix y, Matrix dA) {
                        for (int i = 0; i < a.data().length; i++) {
                            dA.data()[i] = 2 * (a.data()[i] - y.data()[i]);
                        }
                    }
                };
            }
        };
    }

    @Test
    void aLossWithAWrongGradientFailsTheGradientCheck() {
        LossProvider p = square("half_square", 0.5, CanonicalLink.NONE);

        assertEquals(
                List.of("the gradient agrees with finite differences of the value"), failures(Conformance.loss(p)));
    }

    @Test
    void anInitializerThatDrawsTwiceItsPromisedVarianceFails() {
        InitializerProvider p = new InitializerProvider() {
            @Override
            public int spiVersion() {
                return SPI_VERSION;
            }

            @Override
            public String name() {
                return "boastful";
            }

            @Override
            public String description() {
                return "promises variance 1, draws variance 2";
            }

            @Override
            public Initializer create(Params params) {
                return new Initializer() {
                    @Override
                    public void initialize(
                            Matrix target, int fanIn, int fanOut, java.util.random.RandomGenerator random) {
                        for (int i = 0; i < target.data().length; i++) {
                            target.data()[i] = (float) (random.nextGaussian() * Math.sqrt(2));
                        }
                    }

                    @Override
                    public OptionalDouble variance(int fanIn, int fanOut) {
                        return OptionalDouble.of(1);
                    }
                };
            }
        };

        assertEquals(List.of("the values have the variance it promises"), failures(Conformance.initializer(p)));
    }

    @Test
    void anOptimizerThatClimbsAndSharesStateFails() {
        OptimizerProvider p = new OptimizerProvider() {
            @Override
            public int spiVersion() {
                return SPI_VERSION;
            }

            @Override
            public String name() {
                return "climber";
            }

            @Override
            public String description() {
                return "steps up the gradient, with one velocity for every parameter";
            }

            @Override
            public Optimizer create(Params params) {
                float[] shared = new float[64];
                return length -> new ParameterUpdater() {
                    @Override
                    public void update(float[] param, float[] grad, long step) {
                        for (int i = 0; i < param.length; i++) {
                            shared[i] = 0.9f * shared[i] + grad[i];
                            param[i] += 0.01f * shared[i];
                        }
                    }
                };
            }
        };

        List<String> failed = failures(Conformance.optimizer(p));

        assertEquals(
                List.of(
                        "steps on a quadratic lower it",
                        "each updater keeps its own state",
                        "the same start gives the same trajectory"),
                failed);
    }
}
