package org.chainrule.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
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
import org.chainrule.api.ParamSpec;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.Params;
import org.chainrule.api.Plugin;
import org.chainrule.api.PluginSpec;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The plugin conformance kit: each method turns a provider into JUnit dynamic tests of the
 * contracts the engine relies on. Return them from a {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> mishConforms() {
 *     return Conformance.activation(new MishProvider(), "", "beta=2");   // defaults, then beta=2
 * }
 * }</pre>
 *
 * <p>Every parameter set is checked on its own; {@code ""} means the defaults. What is checked:
 *
 * <ul>
 *   <li>all kinds: the name is a lower-case identifier, {@code spiVersion()} is this kit's SPI,
 *       the description is one line, every parameter's default is valid;
 *   <li>activations: forward on 0, ±1e-8, ±1, ±20, ±1e4, ±1e30 and subnormals gives no NaN, nor
 *       does backward; backward agrees with fourth-order central differences of forward (summed in
 *       double) at random points away from kinks; rows are independent; an
 *       {@link ElementwiseActivation} gives element by element what it gives on a 1 × 1 matrix;
 *       eight threads at once get the single-thread results; neither call writes its inputs;
 *   <li>losses: the gradient agrees with central differences of the value; value and gradient
 *       are finite on saturated outputs (0, 1, 1e-30, 1 − 1e-7); no input is written;
 *   <li>initializers: every element of weights and a bias row is written; the same seed gives the
 *       same values, other seeds others (unless constant); a promised
 *       {@link Initializer#variance variance} holds on 60,000 draws within 5 %;
 *   <li>optimizers: steps on a quadratic lower it; updaters keep their state apart; the same
 *       start gives the same trajectory bit for bit; the state arrays fit the parameter.
 * </ul>
 */
public final class Conformance {
    private static final float[] EDGES = {
        0f,
        -0f,
        1e-8f,
        -1e-8f,
        1f,
        -1f,
        20f,
        -20f,
        1e4f,
        -1e4f,
        1e30f,
        -1e30f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        1e-40f,
        -1e-40f
    };

    private static final Map<String, Class<?>> SERVICES = Map.of(
            ActivationProvider.class.getName(), ActivationProvider.class,
            LossProvider.class.getName(), LossProvider.class,
            InitializerProvider.class.getName(), InitializerProvider.class,
            OptimizerProvider.class.getName(), OptimizerProvider.class);

    /** The modules of Chainrule's own plugins, which may use the built-in names. */
    private static final java.util.Set<String> BUILT_IN_MODULES = java.util.Set.of(
            "org.chainrule.activations", "org.chainrule.losses", "org.chainrule.init", "org.chainrule.optimizers");

    /**
     * The names Chainrule's own plugins take (the project's tests check these lists against the
     * installed plugins). A third-party plugin of the same kind and name would clash with them.
     */
    private static final java.util.Set<String> BUILT_IN_ACTIVATIONS = java.util.Set.of(
            "elu", "gelu", "identity", "leaky_relu", "relu", "sigmoid", "softmax", "softplus", "step", "swish", "tanh");

    private static final java.util.Set<String> BUILT_IN_LOSSES =
            java.util.Set.of("absolute", "cross_entropy", "huber", "nll", "square");
    private static final java.util.Set<String> BUILT_IN_INITIALIZERS =
            java.util.Set.of("constant", "gaussian", "he", "uniform", "xavier", "zero");
    private static final java.util.Set<String> BUILT_IN_OPTIMIZERS =
            java.util.Set.of("adagrad", "adam", "adamw", "momentum", "rmsprop", "sgd");

    private Conformance() {}

    /**
     * @param kind {@code ActivationProvider.class}, {@code LossProvider.class},
     *     {@code InitializerProvider.class} or {@code OptimizerProvider.class}
     * @return the names Chainrule's own plugins of that kind take, which a third-party plugin must not
     */
    public static java.util.Set<String> builtInNames(Class<? extends Plugin> kind) {
        if (kind == ActivationProvider.class) {
            return BUILT_IN_ACTIVATIONS;
        }
        if (kind == LossProvider.class) {
            return BUILT_IN_LOSSES;
        }
        if (kind == InitializerProvider.class) {
            return BUILT_IN_INITIALIZERS;
        }
        if (kind == OptimizerProvider.class) {
            return BUILT_IN_OPTIMIZERS;
        }
        throw new IllegalArgumentException("not a plugin kind: " + kind);
    }

    /** @return the checks of an activation, once per parameter set ({@code ""}: the defaults) */
    public static Stream<DynamicNode> activation(ActivationProvider provider, String... paramSets) {
        return perParams(provider, paramSets, (label, params) -> {
            List<DynamicNode> tests = new ArrayList<>(common(label, provider, BUILT_IN_ACTIVATIONS));
            Activation f = provider.create(params);
            tests.add(test(label, "forward and backward are finite on finite edge inputs", () -> edgeInputs(f)));
            tests.add(test(label, "backward agrees with finite differences of forward", () -> derivative(f)));
            tests.add(test(label, "rows are independent", () -> rowsIndependent(f)));
            if (f instanceof ElementwiseActivation) {
                tests.add(test(label, "each element equals the scalar form (a 1 x 1 matrix)", () -> elementwise(f)));
            }
            tests.add(test(label, "eight threads at once get the single-thread results", () -> threads(f)));
            tests.add(test(label, "forward and backward do not write their inputs", () -> inputsUntouched(f)));
            if (f.link() != CanonicalLink.NONE) {
                tests.add(test(
                        label,
                        "its canonical link " + f.link() + " holds: the two-step chain rule gives A - Y",
                        () -> activationLink(f)));
            }
            return DynamicContainer.dynamicContainer(label, tests);
        });
    }

    /** @return the checks of a loss, once per parameter set */
    public static Stream<DynamicNode> loss(LossProvider provider, String... paramSets) {
        return perParams(provider, paramSets, (label, params) -> {
            List<DynamicNode> tests = new ArrayList<>(common(label, provider, BUILT_IN_LOSSES));
            Loss loss = provider.create(params);
            tests.add(
                    test(label, "the gradient agrees with finite differences of the value", () -> lossGradient(loss)));
            tests.add(test(label, "value and gradient are finite on saturated outputs", () -> saturated(loss)));
            tests.add(test(label, "value and gradient do not write their inputs", () -> lossInputsUntouched(loss)));
            if (loss.canonicalLink() != CanonicalLink.NONE) {
                tests.add(test(
                        label,
                        "its canonical link " + loss.canonicalLink() + " holds: the two-step chain rule gives A - Y",
                        () -> lossLink(loss)));
            }
            return DynamicContainer.dynamicContainer(label, tests);
        });
    }

    /** @return the checks of an initializer, once per parameter set */
    public static Stream<DynamicNode> initializer(InitializerProvider provider, String... paramSets) {
        return perParams(provider, paramSets, (label, params) -> {
            List<DynamicNode> tests = new ArrayList<>(common(label, provider, BUILT_IN_INITIALIZERS));
            Initializer init = provider.create(params);
            tests.add(test(label, "every element of weights and biases is written", () -> fillsEverything(init)));
            tests.add(test(label, "the same seed gives the same values, another seed others", () -> seeded(init)));
            tests.add(test(label, "the values have the variance it promises", () -> variance(init)));
            return DynamicContainer.dynamicContainer(label, tests);
        });
    }

    /** @return the checks of an optimizer, once per parameter set */
    public static Stream<DynamicNode> optimizer(OptimizerProvider provider, String... paramSets) {
        return perParams(provider, paramSets, (label, params) -> {
            List<DynamicNode> tests = new ArrayList<>(common(label, provider, BUILT_IN_OPTIMIZERS));
            Optimizer opt = provider.create(params);
            tests.add(test(label, "steps on a quadratic lower it", () -> descends(opt)));
            tests.add(test(label, "each updater keeps its own state", () -> separateState(opt)));
            tests.add(test(label, "the same start gives the same trajectory", () -> reproducible(opt)));
            tests.add(test(
                    label, "the state arrays fit the parameter and clipNorm is not negative", () -> stateShape(opt)));
            return DynamicContainer.dynamicContainer(label, tests);
        });
    }

    /**
     * Checks how a plugin module is packaged, so its jar works both ways: every service its
     * {@code module-info} {@code provides} is listed, provider for provider, in its
     * {@code META-INF/services} file (read on the class path), and every provider can be created
     * by {@link java.util.ServiceLoader}.
     *
     * @param module the plugin's named module, e.g. {@code MyTest.class.getModule()}
     */
    public static Stream<DynamicNode> packaging(Module module) {
        if (!module.isNamed()) {
            return Stream.of(
                    test(
                            "the plugin is a named module",
                            () -> fail(
                                    "the tests run on the class path; give the plugin a module-info.java and run them on the module path")));
        }
        return module.getDescriptor().provides().stream()
                .map(p -> test("META-INF/services lists the providers module-info gives for " + p.service(), () -> {
                    String file = "META-INF/services/" + p.service();
                    java.util.Set<String> listed = new java.util.TreeSet<>();
                    try (java.io.InputStream in = module.getResourceAsStream(file)) {
                        assertTrue(in != null, file + ": missing, so the jar does not work on the class path");
                        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                                .lines()
                                .map(l -> l.replaceAll("#.*", "").strip())
                                .filter(l -> !l.isEmpty())
                                .forEach(listed::add);
                    }
                    assertEquals(
                            new java.util.TreeSet<>(p.providers()), listed, file + " against module-info's provides");
                    Class<?> service = SERVICES.get(p.service());
                    if (service == null) {
                        return; // not a Chainrule service; its packaging is its own business
                    }
                    Conformance.class.getModule().addUses(service);
                    long created = java.util.ServiceLoader.load(module.getLayer(), service).stream()
                            .filter(provider -> provider.type().getModule() == module)
                            .map(java.util.ServiceLoader.Provider::get)
                            .count();
                    assertEquals(p.providers().size(), created, "providers ServiceLoader creates");
                }));
    }

    // ---------------------------------------------------------------- shared

    private interface PerParams {
        DynamicNode nodes(String label, Params params);
    }

    private static Stream<DynamicNode> perParams(Plugin provider, String[] paramSets, PerParams f) {
        String[] sets = paramSets.length == 0 ? new String[] {""} : paramSets;
        return Arrays.stream(sets).map(set -> {
            String label = provider.name() + (set.isBlank() ? "" : "(" + set + ")");
            Map<String, String> given = set.isBlank()
                    ? Map.of()
                    : PluginSpec.parse("p(" + set + ")").params();
            Params params = Params.resolve(provider.name(), provider.parameters(), given);
            return f.nodes(label, params);
        });
    }

    private static DynamicTest test(String name, org.junit.jupiter.api.function.Executable body) {
        return DynamicTest.dynamicTest(name, body);
    }

    /**
     * A check whose failure message starts with the plugin and the check's name, so a console that
     * shows a dynamic test only by its index ({@code mishConforms()[1][6]}) still says which failed.
     */
    private static DynamicTest test(String label, String name, org.junit.jupiter.api.function.Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (AssertionError e) {
                AssertionError named = new AssertionError(label + " › " + name + ": " + e.getMessage(), e);
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        });
    }

    private static List<DynamicNode> common(String label, Plugin p, java.util.Set<String> builtIns) {
        boolean builtIn = BUILT_IN_MODULES.contains(p.getClass().getModule().getName());
        return List.of(
                test(
                        label,
                        "the name is not a built-in plugin's",
                        () -> assertTrue(
                                builtIn || !builtIns.contains(p.name()),
                                "name: '" + p.name() + "' is a built-in plugin's name; installed beside it, one of the"
                                        + " two is not used; choose another name (built in: "
                                        + String.join(", ", new java.util.TreeSet<>(builtIns)) + ")")),
                test(
                        label,
                        "the name is a lower-case identifier",
                        () -> assertTrue(
                                PluginSpec.isIdentifier(p.name()),
                                "name: expected a lower-case identifier like 'leaky_relu', found '" + p.name() + "'")),
                test(
                        label,
                        "it was built against this SPI version",
                        () -> assertEquals(
                                Plugin.SPI_VERSION,
                                p.spiVersion(),
                                "spiVersion(): implement it as `return SPI_VERSION;`")),
                test(label, "the description is one line", () -> {
                    String d = p.description();
                    assertTrue(
                            d != null && !d.isBlank() && !d.contains("\n"),
                            "description: expected one line, found " + d);
                }),
                test(label, "every parameter's default is valid", () -> {
                    for (ParamSpec s : p.parameters()) {
                        assertTrue(PluginSpec.isIdentifier(s.name()), "parameter name '" + s.name() + "'");
                    }
                    Params.resolve(p.name(), p.parameters(), Map.of());
                }));
    }

    private static Matrix random(int rows, int cols, double std, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (r.nextGaussian() * std);
        }
        return m;
    }

    // ---------------------------------------------------------------- activations

    private static void edgeInputs(Activation f) {
        Matrix z = new Matrix(2, EDGES.length);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < EDGES.length; c++) {
                z.set(r, c, EDGES[(c + r) % EDGES.length]);
            }
        }
        Matrix a = new Matrix(2, EDGES.length);
        f.forward(z, a);
        Matrix dA = new Matrix(2, EDGES.length);
        dA.fill(1f);
        Matrix dZ = new Matrix(2, EDGES.length);
        f.backward(z, a, dA, dZ);
        for (int i = 0; i < z.data().length; i++) {
            assertTrue(
                    Float.isFinite(a.data()[i]),
                    "forward at z = " + z.data()[i] + ": expected a finite value, found " + a.data()[i]);
            assertTrue(
                    Float.isFinite(dZ.data()[i]),
                    "backward at z = " + z.data()[i] + " with dA = 1: expected a finite value, found " + dZ.data()[i]);
        }
    }

    /** L(z) = Σ dA ⊙ f(z), summed in double; its gradient is what backward must return. */
    private static double objective(Activation f, Matrix z, Matrix dA) {
        Matrix a = new Matrix(z.rows(), z.cols());
        f.forward(z, a);
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += (double) dA.data()[i] * a.data()[i];
        }
        return sum;
    }

    private static void derivative(Activation f) {
        Matrix z = random(3, 5, 2, 11);
        Matrix dA = random(3, 5, 1, 12);
        Matrix a = new Matrix(3, 5);
        f.forward(z, a);
        Matrix dZ = new Matrix(3, 5);
        f.backward(z, a, dA, dZ);
        int checked = 0;
        for (int i = 0; i < z.data().length; i++) {
            double[] d = differences(f, z, dA, i, 1e-2);
            if (Math.abs(d[3] - d[4]) > 0.1 * (Math.abs(d[3]) + Math.abs(d[4])) + 1e-3) {
                continue; // a kink between z − 2h and z + 2h
            }
            double analytic = dZ.data()[i];
            double tolerance = 2e-3 * Math.max(1, Math.abs(analytic)) + 2e-3;
            if (Math.abs(d[0] - analytic) > tolerance) {
                fail("at z = " + z.data()[i] + " (element " + i + ", dA = " + dA.data()[i]
                        + "): the finite difference of sum(dA * forward(z)) is " + d[0] + " but backward gives dZ = "
                        + analytic + " (tolerance " + (float) tolerance + ")");
            }
            checked++;
        }
        assertTrue(checked >= 10, "only " + checked + " of 15 points were away from kinks");
    }

    /** @return the 4th-order central difference, the ±h and ±2h central ones, and the one-sided ones */
    private static double[] differences(Activation f, Matrix z, Matrix dA, int i, double h) {
        float saved = z.data()[i];
        double[] at = new double[5];
        double[] offsets = {-2, -1, 0, 1, 2};
        for (int k = 0; k < 5; k++) {
            z.data()[i] = (float) (saved + offsets[k] * h);
            at[k] = objective(f, z, dA);
        }
        z.data()[i] = saved;
        return new double[] {
            (at[0] - 8 * at[1] + 8 * at[3] - at[4]) / (12 * h),
            (at[3] - at[1]) / (2 * h),
            (at[4] - at[0]) / (4 * h),
            (-at[4] + 4 * at[3] - 3 * at[2]) / (2 * h),
            (3 * at[2] - 4 * at[1] + at[0]) / (2 * h)
        };
    }

    private static void rowsIndependent(Activation f) {
        Matrix z = random(4, 6, 2, 21);
        Matrix a = new Matrix(4, 6);
        f.forward(z, a);
        for (int r = 0; r < 4; r++) {
            Matrix row = Matrix.wrap(1, 6, Arrays.copyOfRange(z.data(), r * 6, r * 6 + 6));
            Matrix out = new Matrix(1, 6);
            f.forward(row, out);
            assertArrayEquals(Arrays.copyOfRange(a.data(), r * 6, r * 6 + 6), out.data(), "row " + r + " alone");
        }
    }

    private static void elementwise(Activation f) {
        Matrix z = random(5, 37, 3, 31); // 37: not a multiple of any vector width
        Matrix a = new Matrix(5, 37);
        f.forward(z, a);
        Matrix dA = random(5, 37, 1, 32);
        Matrix dZ = new Matrix(5, 37);
        f.backward(z, a, dA, dZ);
        for (int i = 0; i < z.data().length; i++) {
            Matrix one = Matrix.wrap(1, 1, new float[] {z.data()[i]});
            Matrix out = new Matrix(1, 1);
            f.forward(one, out);
            assertEquals(out.data()[0], a.data()[i], "forward of element " + i + " alone");
            Matrix g = new Matrix(1, 1);
            f.backward(one, out, Matrix.wrap(1, 1, new float[] {dA.data()[i]}), g);
            assertEquals(g.data()[0], dZ.data()[i], "backward of element " + i + " alone");
        }
    }

    private static void threads(Activation f) throws Exception {
        List<Matrix> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            Matrix z = random(8, 33, 2, 100 + k);
            Matrix a = new Matrix(8, 33);
            f.forward(z, a);
            Matrix dZ = new Matrix(8, 33);
            f.backward(z, a, a, dZ);
            inputs.add(z);
            float[] both = Arrays.copyOf(a.data(), 2 * a.data().length);
            System.arraycopy(dZ.data(), 0, both, a.data().length, dZ.data().length);
            expected.add(both);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int k = 0; k < inputs.size(); k++) {
                            Matrix a = new Matrix(8, 33);
                            f.forward(inputs.get(k), a);
                            Matrix dZ = new Matrix(8, 33);
                            f.backward(inputs.get(k), a, a, dZ);
                            float[] both = Arrays.copyOf(a.data(), 2 * a.data().length);
                            System.arraycopy(dZ.data(), 0, both, a.data().length, dZ.data().length);
                            assertArrayEquals(expected.get(k), both, "input " + k + " on another thread");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void inputsUntouched(Activation f) {
        Matrix z = random(3, 9, 2, 41);
        Matrix zCopy = z.copy();
        Matrix a = new Matrix(3, 9);
        f.forward(z, a);
        assertArrayEquals(zCopy.data(), z.data(), "forward wrote z");
        Matrix aCopy = a.copy();
        Matrix dA = random(3, 9, 1, 42);
        Matrix dACopy = dA.copy();
        f.backward(z, a, dA, new Matrix(3, 9));
        assertArrayEquals(zCopy.data(), z.data(), "backward wrote z");
        assertArrayEquals(aCopy.data(), a.data(), "backward wrote a");
        assertArrayEquals(dACopy.data(), dA.data(), "backward wrote dA");
    }

    /**
     * A claimed link lets the engine replace the output layer's two chain-rule steps by A − Y; here
     * the steps are taken: the kit's own loss of that link (binary NLL, cross-entropy) gives dA, the
     * activation's backward turns it into dZ, and dZ must equal A − Y at every element.
     */
    private static void activationLink(Activation f) {
        Matrix[] zy = linkInputs(f.link(), 111);
        Matrix z = zy[0];
        Matrix y = zy[1];
        Matrix a = new Matrix(z.rows(), z.cols());
        f.forward(z, a);
        Matrix dA = new Matrix(z.rows(), z.cols());
        for (int i = 0; i < a.data().length; i++) {
            double av = a.data()[i];
            double yv = y.data()[i];
            dA.data()[i] = (float) (f.link() == CanonicalLink.LOGISTIC ? (av - yv) / (av * (1 - av)) : -yv / av);
        }
        Matrix dZ = new Matrix(z.rows(), z.cols());
        f.backward(z, a, dA, dZ);
        compareWithAMinusY(a, y, dZ, "backward(loss gradient of " + f.link() + ")");
    }

    /** The loss side of a claimed link: the kit's own activation of that link, then the loss's gradient. */
    private static void lossLink(Loss loss) {
        Matrix[] zy = linkInputs(loss.canonicalLink(), 121);
        Matrix z = zy[0];
        Matrix y = zy[1];
        Matrix a = new Matrix(z.rows(), z.cols());
        for (int r = 0; r < z.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < z.cols(); c++) {
                sum += Math.exp(z.get(r, c));
            }
            for (int c = 0; c < z.cols(); c++) {
                double e = Math.exp(z.get(r, c));
                a.set(r, c, (float)
                        (loss.canonicalLink() == CanonicalLink.LOGISTIC ? 1 / (1 + Math.exp(-z.get(r, c))) : e / sum));
            }
        }
        Matrix dA = new Matrix(z.rows(), z.cols());
        loss.gradient(a, y, dA);
        Matrix dZ = new Matrix(z.rows(), z.cols());
        for (int r = 0; r < z.rows(); r++) {
            double dot = 0;
            for (int c = 0; c < z.cols(); c++) {
                dot += (double) a.get(r, c) * dA.get(r, c);
            }
            for (int c = 0; c < z.cols(); c++) {
                double av = a.get(r, c);
                double g = dA.get(r, c);
                dZ.set(r, c, (float)
                        (loss.canonicalLink() == CanonicalLink.LOGISTIC ? av * (1 - av) * g : av * (g - dot)));
            }
        }
        compareWithAMinusY(a, y, dZ, "the " + loss.canonicalLink() + " Jacobian times gradient()");
    }

    /** Pre-activations in (−3, 3) and targets of the link's kind (0/1 per unit; one-hot rows). */
    private static Matrix[] linkInputs(CanonicalLink link, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix z = new Matrix(4, 3);
        Matrix y = new Matrix(4, 3);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                z.set(i, c, (float) (6 * r.nextDouble() - 3));
                if (link == CanonicalLink.LOGISTIC) {
                    y.set(i, c, r.nextInt(2));
                }
            }
            if (link == CanonicalLink.SOFTMAX) {
                y.set(i, r.nextInt(3), 1f);
            }
        }
        return new Matrix[] {z, y};
    }

    private static void compareWithAMinusY(Matrix a, Matrix y, Matrix dZ, String steps) {
        for (int i = 0; i < a.data().length; i++) {
            double expected = (double) a.data()[i] - y.data()[i];
            double found = dZ.data()[i];
            if (Math.abs(expected - found) > 1e-4 + 1e-3 * Math.abs(expected)) {
                fail("at element " + i + " (a = " + a.data()[i] + ", y = " + y.data()[i]
                        + "): the link promises dZ = A - Y = "
                        + expected + " but the two chain-rule steps, " + steps + ", give " + found
                        + "; declare CanonicalLink.NONE unless the identity holds");
            }
        }
    }

    // ---------------------------------------------------------------- losses

    /** Outputs in (0.1, 0.9) and one-hot targets: inside the domain of every loss. */
    private static Matrix[] lossInputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix a = new Matrix(4, 3);
        Matrix y = new Matrix(4, 3);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                a.set(i, c, (float) (0.1 + 0.8 * r.nextDouble()));
            }
            y.set(i, r.nextInt(3), 1f);
        }
        return new Matrix[] {a, y};
    }

    private static void lossGradient(Loss loss) {
        Matrix[] in = lossInputs(51);
        Matrix a = in[0];
        Matrix y = in[1];
        Matrix g = new Matrix(4, 3);
        loss.gradient(a, y, g);
        double h = 1e-3;
        int checked = 0;
        for (int i = 0; i < a.data().length; i++) {
            float saved = a.data()[i];
            double[] at = new double[5];
            for (int k = 0; k < 5; k++) {
                a.data()[i] = (float) (saved + (k - 2) * h);
                at[k] = loss.value(a, y);
            }
            a.data()[i] = saved;
            double right = (-at[4] + 4 * at[3] - 3 * at[2]) / (2 * h);
            double left = (3 * at[2] - 4 * at[1] + at[0]) / (2 * h);
            if (Math.abs(right - left) > 0.1 * (Math.abs(right) + Math.abs(left)) + 1e-3) {
                continue; // a kink (absolute at a = y, huber at |a − y| = delta)
            }
            double numeric = (at[0] - 8 * at[1] + 8 * at[3] - at[4]) / (12 * h);
            double analytic = g.data()[i];
            double tolerance = 2e-3 * Math.max(1, Math.abs(analytic)) + 2e-3;
            if (Math.abs(numeric - analytic) > tolerance) {
                fail("at a = " + saved + ", y = " + y.data()[i] + " (element " + i
                        + "): the finite difference of value() is " + numeric + " but gradient() gives "
                        + analytic + " (tolerance " + (float) tolerance + ")");
            }
            checked++;
        }
        assertTrue(checked >= 8, "only " + checked + " of 12 points were away from kinks");
    }

    private static void saturated(Loss loss) {
        float[] outputs = {0f, 1f, 1e-30f, 1 - 1e-7f, 0.5f, 1e-7f};
        Matrix a = new Matrix(2, outputs.length);
        Matrix y = new Matrix(2, outputs.length);
        for (int c = 0; c < outputs.length; c++) {
            a.set(0, c, outputs[c]);
            a.set(1, c, outputs[outputs.length - 1 - c]);
        }
        y.set(0, 0, 1f);
        y.set(1, 1, 1f);
        double v = loss.value(a, y);
        assertTrue(Double.isFinite(v), "value on saturated outputs: " + v);
        Matrix g = new Matrix(2, outputs.length);
        loss.gradient(a, y, g);
        for (int i = 0; i < g.data().length; i++) {
            assertTrue(Float.isFinite(g.data()[i]), "gradient at a = " + a.data()[i] + " is " + g.data()[i]);
        }
    }

    private static void lossInputsUntouched(Loss loss) {
        Matrix[] in = lossInputs(61);
        Matrix a = in[0].copy();
        Matrix y = in[1].copy();
        loss.value(in[0], in[1]);
        loss.gradient(in[0], in[1], new Matrix(4, 3));
        assertArrayEquals(a.data(), in[0].data(), "outputs written");
        assertArrayEquals(y.data(), in[1].data(), "targets written");
    }

    // ---------------------------------------------------------------- initializers

    private static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static void fillsEverything(Initializer init) {
        Matrix w = new Matrix(7, 5);
        w.fill(Float.NaN);
        init.initialize(w, 7, 5, generator(1));
        Matrix b = new Matrix(1, 5);
        b.fill(Float.NaN);
        init.initialize(b, 7, 5, generator(2));
        for (float v : w.data()) {
            assertTrue(Float.isFinite(v), "a weight was left unwritten or is not finite: " + v);
        }
        for (float v : b.data()) {
            assertTrue(Float.isFinite(v), "a bias was left unwritten or is not finite: " + v);
        }
    }

    private static void seeded(Initializer init) {
        Matrix a = new Matrix(20, 30);
        Matrix b = new Matrix(20, 30);
        Matrix c = new Matrix(20, 30);
        init.initialize(a, 20, 30, generator(7));
        init.initialize(b, 20, 30, generator(7));
        init.initialize(c, 20, 30, generator(8));
        assertArrayEquals(a.data(), b.data(), "the same seed");
        if (init.isConstant()) {
            for (float v : a.data()) {
                assertEquals(a.data()[0], v, "isConstant() says every element is the same");
            }
        } else {
            assertFalse(Arrays.equals(a.data(), c.data()), "another seed gave the same values");
        }
    }

    private static void variance(Initializer init) {
        int fanIn = 200;
        int fanOut = 300;
        OptionalDouble claimed = init.variance(fanIn, fanOut);
        if (claimed.isEmpty()) {
            return; // promises nothing
        }
        Matrix w = new Matrix(fanIn, fanOut);
        init.initialize(w, fanIn, fanOut, generator(3));
        double sum = 0;
        double sq = 0;
        for (float v : w.data()) {
            sum += v;
            sq += (double) v * v;
        }
        int n = w.data().length;
        double mean = sum / n;
        double var = sq / n - mean * mean;
        double expected = claimed.getAsDouble();
        if (expected == 0) {
            assertEquals(0, var, 1e-12, "variance");
        } else {
            assertEquals(expected, var, 0.05 * expected, "variance of 60,000 draws");
        }
    }

    // ---------------------------------------------------------------- optimizers

    private static double quadratic(float[] theta, float[] c) {
        double f = 0;
        for (int i = 0; i < theta.length; i++) {
            f += 0.5 * c[i] * theta[i] * theta[i];
        }
        return f;
    }

    private static float[][] startAndCurvature(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] theta = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            theta[i] = (float) r.nextGaussian();
            c[i] = (float) (0.5 + 1.5 * r.nextDouble());
        }
        return new float[][] {theta, c};
    }

    private static void steps(ParameterUpdater u, float[] theta, float[] c, int from, int count) {
        float[] g = new float[theta.length];
        for (int t = from; t < from + count; t++) {
            for (int i = 0; i < theta.length; i++) {
                g[i] = c[i] * theta[i];
            }
            u.update(theta, g, t);
        }
    }

    private static void descends(Optimizer opt) {
        float[][] s = startAndCurvature(71, 20);
        float[] theta = s[0];
        double before = quadratic(theta, s[1]);
        ParameterUpdater u = opt.newUpdater(theta.length);
        steps(u, theta, s[1], 1, 1);
        double one = quadratic(theta, s[1]);
        steps(u, theta, s[1], 2, 49);
        double fifty = quadratic(theta, s[1]);
        assertTrue(one < before, "one step: f went from " + before + " to " + one);
        assertTrue(fifty < one, "fifty steps: f went from " + one + " to " + fifty);
    }

    private static void separateState(Optimizer opt) {
        float[][] s1 = startAndCurvature(81, 12);
        float[][] s2 = startAndCurvature(82, 7);
        float[] alone1 = s1[0].clone();
        float[] alone2 = s2[0].clone();
        steps(opt.newUpdater(12), alone1, s1[1], 1, 10);
        steps(opt.newUpdater(7), alone2, s2[1], 1, 10);
        ParameterUpdater u1 = opt.newUpdater(12);
        ParameterUpdater u2 = opt.newUpdater(7);
        float[] together1 = s1[0].clone();
        float[] together2 = s2[0].clone();
        for (int t = 1; t <= 10; t++) {
            steps(u1, together1, s1[1], t, 1);
            steps(u2, together2, s2[1], t, 1);
        }
        assertArrayEquals(alone1, together1, "the first parameter, stepped beside another");
        assertArrayEquals(alone2, together2, "the second parameter, stepped beside another");
    }

    private static void reproducible(Optimizer opt) {
        float[][] s = startAndCurvature(91, 16);
        float[] a = s[0].clone();
        float[] b = s[0].clone();
        steps(opt.newUpdater(16), a, s[1], 1, 30);
        steps(opt.newUpdater(16), b, s[1], 1, 30);
        assertArrayEquals(a, b);
    }

    private static void stateShape(Optimizer opt) {
        ParameterUpdater u = opt.newUpdater(9);
        for (float[] state : u.state()) {
            assertTrue(state.length <= 9, "a state array is longer than its parameter: " + state.length);
        }
        assertTrue(opt.clipNorm() >= 0, "clipNorm(): " + opt.clipNorm());
        if (u.state().isEmpty()) {
            return;
        }
        float[][] s = startAndCurvature(95, 9);
        steps(u, s[0], s[1], 1, 3);
        boolean moved = false;
        for (float[] state : u.state()) {
            for (float v : state) {
                moved |= v != 0;
            }
        }
        if (!moved) {
            fail("state() lists arrays the updater never writes");
        }
    }
}
