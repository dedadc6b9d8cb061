package org.chainrule.engine;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.kernel.KernelSelection;
import org.chainrule.engine.kernel.Kernels;

/**
 * The entry point for applications that embed Chainrule.
 *
 * <pre>{@code
 * Chainrule cr = Chainrule.create();                       // finds the installed plugins, once
 * Network net = cr.network(NetworkSpec.builder(64)
 *         .init("he", "zero").dense(32, "relu")
 *         .init("xavier", "zero").dense(10, "softmax")
 *         .loss("cross_entropy").build(), 42);
 * cr.train(net, TrainingConfig.defaults(), train, test, TrainingListener.NONE);
 * Matrix probabilities = net.predict(x);
 * }</pre>
 *
 * <p>Create one per application and share it; it is immutable and thread-safe. Each network it
 * builds is independent.
 */
public final class Chainrule {
    private final Plugins plugins;
    private final NetworkFactory networks;
    private final Trainer trainer;
    private final Kernels kernels;

    @Inject
    Chainrule(Plugins plugins, NetworkFactory networks, Trainer trainer, Kernels kernels) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.networks = Objects.requireNonNull(networks, "networks is null");
        this.trainer = Objects.requireNonNull(trainer, "trainer is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
    }

    /**
     * Discovers the installed plugins with ServiceLoader, picks the kernels, and wires the engine.
     *
     * @throws org.chainrule.api.ConfigException if two installed plugins of one kind share a name
     */
    public static Chainrule create() {
        return create(Plugins.discover());
    }

    /** Wires the engine around the given plugins (for tests and applications with their own set). */
    public static Chainrule create(Plugins plugins) {
        return Guice.createInjector(new ChainruleModule(plugins, KernelSelection.select()))
                .getInstance(Chainrule.class);
    }

    /** @return the installed plugins */
    public Plugins plugins() {
        return plugins;
    }

    /** @return the name of the kernels in use, e.g. {@code "vector Species[float, 16, S_512_BIT]"} */
    public String kernels() {
        return kernels.name();
    }

    /**
     * Builds a network with freshly initialised parameters.
     *
     * @see NetworkFactory#build
     */
    public Network network(NetworkSpec spec, long seed) {
        return networks.build(spec, seed);
    }

    /**
     * Trains a network in place.
     *
     * @see Trainer#fit
     */
    public List<EpochResult> train(
            Network net, TrainingConfig config, Dataset train, Dataset test, TrainingListener listener) {
        return trainer.fit(net, config, train, test, listener);
    }
}
