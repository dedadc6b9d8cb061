package org.chainrule.engine;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.chainrule.api.Activation;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Initializer;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Loss;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.network.Dense;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link Network}s from specifications: looks every plugin up in the registries (all
 * errors carry the layer number), initialises the parameters from the seed, and collects the
 * warnings the seeds call for.
 *
 * <p>Determinism: W(l) and b(l) are drawn from their own L64X128MixRandom generators, seeded from
 * (seed, l), so the same seed gives the same weights on every run and JDK, and changing one layer
 * leaves the others' draws unchanged.
 */
final class NetworkFactory {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkFactory.class);
    private static final String RNG = "L64X128MixRandom";

    private final Plugins plugins;
    private final Kernels kernels;

    /**
     * @param plugins the installed plugins
     * @param kernels the numeric kernels chosen at start-up
     */
    @Inject
    NetworkFactory(Plugins plugins, Kernels kernels) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
    }

    /**
     * @param spec the layers and the loss
     * @param seed the seed of every initializer draw
     * @return a new network with initialised parameters and zero gradients
     * @throws ConfigException naming the layer, e.g. {@code "layer 2 activation: unknown activation 'rleu' (did you mean 'relu'?); installed: ..."}
     */
    public Network build(NetworkSpec spec, long seed) {
        return build(spec, seed, true);
    }

    /**
     * @param initialise false when the parameters will be overwritten (loading a file): the
     *     initializers are then looked up (every name must be installed) but not run, and no
     *     warnings are collected
     */
    Network build(NetworkSpec spec, long seed, boolean initialise) {
        Objects.requireNonNull(spec, "spec is null");
        int depth = spec.layers().size();
        Dense[] layers = new Dense[depth];
        List<String> warnings = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            LayerSpec ls = spec.layers().get(l - 1);
            int inputs = spec.inputsOf(l - 1);
            Activation f = at(l, "activation", () -> plugins.activation(ls.activation()));
            Initializer wInit = at(l, "weight initializer", () -> plugins.initializer(ls.weightInit()));
            Initializer bInit = at(l, "bias initializer", () -> plugins.initializer(ls.biasInit()));
            Dense d = new Dense(inputs, ls.units(), f, ls.activation().toString());
            layers[l - 1] = d;
            if (!initialise) {
                continue; // the parameters come from a file
            }
            wInit.initialize(d.w, inputs, ls.units(), random(seed, l, 0));
            bInit.initialize(d.b, inputs, ls.units(), random(seed, l, 1));
            if (l < depth && f.blocksGradient()) {
                warnings.add("layer " + l + " activation '" + ls.activation() + "' has zero derivative: layers 1.." + l
                        + " will receive no gradient and never learn (docs/warnings.md#zero-derivative)");
            }
            if (l < depth && ls.units() > 1 && wInit.isConstant()) {
                warnings.add(
                        "layer " + l + " weight initializer '" + ls.weightInit() + "' is constant: its " + ls.units()
                                + " hidden units start identical and stay identical (docs/warnings.md#constant-initializer);"
                                + " use a random one such as he or xavier");
            }
        }
        Loss loss = at(0, "loss", () -> plugins.loss(spec.loss()));
        java.util.Map<String, String> origins = new java.util.TreeMap<>();
        for (LayerSpec ls : spec.layers()) {
            origins.put(
                    "activation " + ls.activation().name(),
                    where(plugins.activations().provider(ls.activation().name())));
            origins.put(
                    "initializer " + ls.weightInit().name(),
                    where(plugins.initializers().provider(ls.weightInit().name())));
            origins.put(
                    "initializer " + ls.biasInit().name(),
                    where(plugins.initializers().provider(ls.biasInit().name())));
        }
        origins.put(
                "loss " + spec.loss().name(),
                where(plugins.losses().provider(spec.loss().name())));
        for (String w : warnings) {
            LOG.warn(w);
        }
        Network net = new Network(spec, seed, kernels, layers, loss, warnings, origins);
        LOG.debug("built {} (joint output derivative: {})", net, net.usesJointOutputDerivative());
        return net;
    }

    /** @return e.g. {@code "module com.example.mish, jar mish-1.0.jar"}: what a model file records */
    static String where(org.chainrule.api.Plugin p) {
        Module m = p.getClass().getModule();
        String location = PluginRegistry.location(p);
        String jar = location.equals("built in")
                ? location
                : java.nio.file.Path.of(location).getFileName().toString();
        return (m.isNamed() ? "module " + m.getName() : "the class path") + ", " + jar;
    }

    private static <T> T at(int layer, String what, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ConfigException e) {
            String where = layer == 0 ? "network " + what : "layer " + layer + " " + what;
            ConfigException located = new ConfigException(where + ": " + e.getMessage());
            located.initCause(e);
            throw located;
        }
    }

    /** @return the generator for layer l's weights (which = 0) or biases (which = 1) */
    static RandomGenerator random(long seed, int layer, int which) {
        long mixed = seed * 0x9E3779B97F4A7C15L + (2L * layer + which) * 0xBF58476D1CE4E5B9L;
        return RandomGeneratorFactory.of(RNG).create(mixed);
    }
}
