package org.chainrule.engine;

import com.google.inject.Guice;
import com.google.inject.util.Modules;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.chainrule.engine.loading.Dependencies;
import org.chainrule.engine.network.Dense;

/**
 * The entry point for applications that embed Chainrule.
 *
 * <pre>{@code
 * Chainrule cr = Chainrule.create();                       // finds the installed plugins, once
 * Network net = cr.network(NetworkSpec.builder(64)
 *         .init("he", "zero").dense(32, "relu")
 *         .init("xavier", "zero").dense(10, "softmax")
 *         .loss("cross_entropy").build(), 42);
 * cr.train(net, TrainingConfig.defaults(), train, validation, TrainingListener.NONE);
 * Model model = cr.model(net);                             // frozen, thread-safe
 * model.save(Path.of("digits.safetensors"));
 * int digit = cr.load(Path.of("digits.safetensors")).predictClass(pixels);
 * }</pre>
 *
 * <p>Create one per application and share it; it is immutable and thread-safe. Each network it
 * builds is independent. An engine with more than one thread keeps helper threads for large
 * products (daemon threads, so they never keep the JVM alive); {@link #close()} ends them, for an
 * application that makes engines as it goes.
 */
public final class Chainrule implements AutoCloseable {
    private final Plugins plugins;
    private final NetworkFactory networks;
    private final Trainer trainer;
    private final Kernels kernels;

    private final List<TrainingListener> listeners;

    @Inject
    Chainrule(Plugins plugins, NetworkFactory networks, Trainer trainer, Kernels kernels, Settings settings) {
        Dependencies.check(); // also for an application's own injector; before any model file is touched
        this.listeners = settings.listeners();
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.networks = Objects.requireNonNull(networks, "networks is null");
        this.trainer = Objects.requireNonNull(trainer, "trainer is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
    }

    /** The kinds of kernels an engine runs: {@code auto}, {@code scalar}, {@code vector512}, {@code vector256}, {@code vector128}. */
    public static final List<String> KERNELS = KernelSelection.KINDS;

    /**
     * Discovers the installed plugins with ServiceLoader, picks the kernels, and wires the engine:
     * {@code builder().build()}, except that the JVM-wide system properties {@code chainrule.kernels}
     * and {@code chainrule.threads} (which {@code nn} and the build's tests set) choose the kernels,
     * shared by every engine created so.
     *
     * @throws org.chainrule.api.ConfigException if two installed plugins of one kind share a name
     */
    public static Chainrule create() {
        return create(Plugins.discover());
    }

    /**
     * Wires the engine around the given plugins, with the kernels {@link #create()} uses.
     *
     * @throws org.chainrule.api.ConfigException in one line if a library on the path is older than
     *     Chainrule works with (Jackson before 2.15)
     */
    public static Chainrule create(Plugins plugins) {
        return wire(plugins, KernelSelection.select());
    }

    /** @return an engine of these plugins on these kernels (shared with others; also for tests) */
    static Chainrule wire(Plugins plugins, Kernels kernels) {
        Dependencies.check(); // before anything that links against the libraries
        return Guice.createInjector(Modules.override(
                                new ChainruleModule(builder().plugins(plugins).settings()))
                        .with(b -> b.bind(Kernels.class).toInstance(kernels)))
                .getInstance(Chainrule.class);
    }

    /**
     * @return a builder of an engine with settings of its own: its kernels and thread count, its
     *     plugins; two engines built with different settings run side by side in one JVM
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What one engine is built from (see {@link Builder} for each setting and its default).
     *
     * @param kernels {@code auto}, {@code vector512}, {@code vector256}, {@code vector128} or {@code scalar}
     * @param threads threads a large product may use, ≥ 1
     * @param pluginFolders plugin folders searched besides the installed plugins
     * @param moduleLayer the layer searched for plugins, with its parents; {@code null}: the boot layer
     * @param plugins plugins used as they are instead of a search; {@code null}: search
     * @param executor runs the {@code threads − 1} helper tasks of large products, each until the
     *     engine is closed; {@code null}: a daemon thread per task
     * @param listeners told of every training run of the engine, before the run's own listener
     */
    public record Settings(
            String kernels,
            int threads,
            List<Path> pluginFolders,
            ModuleLayer moduleLayer,
            Plugins plugins,
            Executor executor,
            List<TrainingListener> listeners) {
        /** @throws org.chainrule.api.ConfigException if the kernels or the thread count are not valid */
        public Settings {
            KernelSelection.requireKind(Objects.requireNonNull(kernels, "kernels is null"), "kernels");
            if (threads < 1) {
                throw new org.chainrule.api.ConfigException("threads: expected at least 1, found " + threads);
            }
            pluginFolders = List.copyOf(pluginFolders);
            listeners = List.copyOf(listeners);
        }
    }

    /**
     * The settings of one engine. Nothing here reads a system property or an environment variable
     * unless asked to ({@link #systemProperties()}): what is not set has the default named on its
     * setter.
     */
    public static final class Builder {
        private String kernels = "auto";
        private int threads = Runtime.getRuntime().availableProcessors();
        private List<Path> pluginFolders = List.of();
        private ModuleLayer layer;
        private Plugins plugins;
        private Executor executor;
        private final List<TrainingListener> listeners = new java.util.ArrayList<>();

        private Builder() {}

        /**
         * @param kind {@code auto} (the default: the JVM's preferred vector width, tiles for this CPU's
         *     registers), {@code vector512}, {@code vector256}, {@code vector128} or {@code scalar}
         */
        public Builder kernels(String kind) {
            this.kernels = KernelSelection.requireKind(Objects.requireNonNull(kind, "kind is null"), "kernels");
            return this;
        }

        /**
         * Takes the kernels and the thread count from the system properties {@code chainrule.kernels}
         * and {@code chainrule.threads} where they are set (as {@link #create()} does); the only
         * setter that reads a property, for a command line or an application that maps its own.
         *
         * @throws org.chainrule.api.ConfigException naming the property if its value is not valid
         */
        public Builder systemProperties() {
            if (System.getProperty("chainrule.kernels") != null) {
                this.kernels = KernelSelection.kind();
            }
            if (System.getProperty("chainrule.threads") != null) {
                this.threads = KernelSelection.threads();
            }
            return this;
        }

        /** @param threads threads a large product may use, ≥ 1 (default: the available processors) */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new org.chainrule.api.ConfigException("threads: expected at least 1, found " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** @param folders plugin folders to load besides the installed plugins (default: none) */
        public Builder pluginFolders(List<Path> folders) {
            this.pluginFolders = List.copyOf(folders);
            return this;
        }

        /** @param layer an application's own module layer to search for plugins, with its parents (default: the boot layer) */
        public Builder moduleLayer(ModuleLayer layer) {
            this.layer = Objects.requireNonNull(layer, "layer is null");
            return this;
        }

        /** @param plugins plugins found already, used as they are instead of a search (default: search) */
        public Builder plugins(Plugins plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins is null");
            return this;
        }

        /**
         * @param executor runs the {@code threads − 1} helper tasks of large products, each until
         *     the engine is closed, so it must run that many at once (default: a daemon thread per
         *     task); results are bitwise the same on any executor, and one that runs a task inside
         *     {@code execute} (on the building thread) lends no thread rather than blocking the build
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor is null");
            return this;
        }

        /**
         * @param listener told of every training run of the engine (start, steps, epochs, early
         *     stop), before each run's own listener; for logging or metrics an application keeps
         *     across runs (default: none)
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener is null"));
            return this;
        }

        /** @return the settings so far, e.g. for an application's own Guice injector ({@link ChainruleModule}) */
        public Settings settings() {
            return new Settings(kernels, threads, pluginFolders, layer, plugins, executor, listeners);
        }

        /**
         * @return the engine, with kernels and helper threads of its own, wired by {@link ChainruleModule}
         * @throws org.chainrule.api.ConfigException if the plugins clash or a library is too old
         */
        public Chainrule build() {
            Dependencies.check(); // before anything that links against the libraries
            return Guice.createInjector(new ChainruleModule(settings())).getInstance(Chainrule.class);
        }
    }

    /** @return the version of Chainrule, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String version() {
        return ModelFile.chainruleVersion();
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
     * @param spec the layers and the loss
     * @param seed the seed of every initializer draw: the same seed gives the same weights
     * @return a new network with initialised parameters and zero gradients
     * @throws org.chainrule.api.ConfigException naming the layer, e.g. {@code "layer 2 activation:
     *     unknown activation 'rleu' (did you mean 'relu'?); installed: ..."}
     */
    public Network network(NetworkSpec spec, long seed) {
        return networks.build(spec, seed);
    }

    /**
     * Freezes a network: copies its spec, seed and current parameters into an immutable,
     * thread-safe {@link Model}. Training the network afterwards does not change the model.
     */
    public Model model(Network net) {
        return model(net, null);
    }

    /**
     * Freezes a network with the scaling its training inputs went through, so the model takes raw
     * features (see {@link #model(Network)}).
     *
     * @param scaling applied to every input before the network; {@code null} for none
     * @throws org.chainrule.api.ShapeException if the scaling has another number of features
     */
    public Model model(Network net, InputScaling scaling) {
        return model(net, scaling, null);
    }

    /**
     * Freezes a network with the scaling its training inputs went through and what its targets
     * are, so the model takes raw features and, for regression, answers in the data's units (see
     * {@link #model(Network)}).
     *
     * @param scaling applied to every input before the network; {@code null} for none
     * @param targets the task, the output names and the target scaling; {@code null}: the task
     *     inferred from the network ({@link org.chainrule.api.Task#infer}), no target scaling
     * @throws org.chainrule.api.ShapeException if a scaling does not fit the network
     * @throws org.chainrule.api.ConfigException if the network cannot do the task
     */
    public Model model(Network net, InputScaling scaling, Targets targets) {
        Objects.requireNonNull(net, "net is null");
        Network copy = networks.build(net.spec(), net.seed(), false);
        Dense[] from = net.layers();
        Dense[] to = copy.layers();
        for (int l = 0; l < from.length; l++) {
            to[l].w.copyFrom(from[l].w);
            to[l].b.copyFrom(from[l].b);
        }
        return new Model(copy, scaling, targets);
    }

    /**
     * Loads a model file written by {@link Model#save} or {@link Network#save}. Plugin names are
     * resolved through the installed plugins only; nothing in the file is used as a class name.
     *
     * @throws org.chainrule.api.ModelFileException if the file cannot be read
     * @throws org.chainrule.api.ModelFormatException naming the file and the place if it is
     *     malformed, fails its checksum, names a plugin that is not installed, or is of a newer
     *     major format version
     */
    public Model load(Path file) {
        try (ModelFile.Opened o = ModelFile.open(file, ModelFile.MODEL, networks)) {
            return new Model(o.network(), o.scaling(), o.targets());
        }
    }

    /**
     * Loads the network of a model file (or of a checkpoint, with its current weights) as a
     * trainable {@link Network}, e.g. to fine-tune it or to resume from a checkpoint.
     *
     * @throws org.chainrule.api.ModelFormatException as {@link #load}
     */
    public Network loadNetwork(Path file) {
        try (ModelFile.Opened o = ModelFile.open(file, null, networks)) {
            return o.network();
        }
    }

    /**
     * Builds a model from a PyTorch {@code nn.Sequential} of {@code Linear} layers saved with
     * {@code safetensors.torch.save_file(model.state_dict(), file)} or {@code numpy.savez(file,
     * **state)}: tensors {@code PREFIX.weight} [out, in] and {@code PREFIX.bias} [out] per layer, the
     * prefixes in natural order ({@code 0}, {@code 2}, …, {@code 10}), transposed into W(l). The
     * spec gives what the file does not: the activations and the loss. The format is told by the
     * file's first bytes (a zip is an .npz). Nothing in the file is run: NumPy arrays of pickled
     * objects are refused.
     *
     * @param spec the network, whose layers' sizes the tensors must match
     * @return the model and one line per tensor saying where it went
     * @throws org.chainrule.api.ModelFormatException naming the file and the tensor: a name that is not
     *     a Linear layer's, a wrong shape ([out, in] expected versus found), too few or too many layers,
     *     a non-float dtype, a non-finite value
     * @throws org.chainrule.api.ModelFileException if the file cannot be read
     */
    public ImportedModel importPyTorch(NetworkSpec spec, Path file) {
        return PyTorchImport.load(this, spec, file);
    }

    /**
     * Ends the engine's helper threads and waits for them. Everything made with it keeps working —
     * networks, models, training — with every product on its calling thread, bitwise as before.
     * Idempotent.
     */
    @Override
    public void close() {
        kernels.close();
    }

    /**
     * @return a worker of data-parallel training: {@code part} of the training set and a network of
     *     {@code spec} whose parameters the driver sets ({@link PartitionTrainer#load}) before each round
     * @throws org.chainrule.api.UnknownPluginException if a plugin of the spec or the optimizer is not installed
     */
    public PartitionTrainer partitionTrainer(NetworkSpec spec, TrainingConfig config, Dataset part, int partition) {
        return trainer.partition(spec, config, part, partition);
    }

    /**
     * Writes a checkpoint of data-parallel training on its driver, in the project's checkpoint format
     * (kind {@code checkpoint}; the driver's position in metadata {@code data_parallel} instead of
     * data fingerprints): {@code net}'s parameters, the averaged optimizer state, the epochs done,
     * the round, each partition's steps and rows, the history. Atomic, as every checkpoint.
     */
    public void saveDataParallel(Path file, Network net, TrainingConfig config, DriverState state) {
        trainer.saveDataParallel(file, net, config, state);
    }

    /**
     * Reads a checkpoint {@link #saveDataParallel} wrote into {@code net}.
     *
     * @return the driver's state to continue from
     * @throws org.chainrule.api.ConfigException if the checkpoint is of another network, other training
     *     settings, or of local training
     * @throws org.chainrule.api.ModelFormatException naming the file if it is malformed
     */
    public DriverState resumeDataParallel(Path file, Network net, TrainingConfig config) {
        return trainer.resumeDataParallel(file, net, config);
    }

    /**
     * Trains a network in place (docs/math.md#objective): each epoch shuffles the training rows
     * with a generator seeded from the config's seed and the epoch, then for each mini-batch runs
     * the forward pass and the chain rule, checks the loss and the gradient are finite, clips the
     * gradient if the optimizer asks, and lets each parameter's updater take its step; after the
     * epoch it evaluates the validation set, applies early stopping and writes a checkpoint when
     * one is due. A step allocates nothing. A run resumed from a checkpoint ends with weights
     * bitwise equal to an uninterrupted one. The engine's listeners ({@link Builder#listener}) hear
     * of the run before {@code listener}.
     *
     * <p>One network trains on one thread at a time; predicting from it while it trains is not
     * safe (freeze it into a {@link Model} for that).
     *
     * @param validation the held-out set evaluated after every epoch (the {@code test*} figures of
     *     each {@link EpochResult}) and watched by early stopping; may be {@code null} without it
     * @return one result per epoch, those of a resumed checkpoint first
     * @throws org.chainrule.api.ShapeException if a data set does not fit the network
     * @throws org.chainrule.api.ConfigException if the optimizer is unknown or badly configured,
     *     early stopping has no validation set, or the checkpoint to resume from belongs to another
     *     network or config
     * @throws org.chainrule.api.NumericException naming epoch, step and batch if the loss or
     *     gradient becomes NaN or infinite; checkpoints already written are left as they were
     * @throws org.chainrule.api.ConcurrencyException if {@code net} is already being trained on
     *     another thread
     * @throws org.chainrule.api.ModelFileException if a checkpoint cannot be read or written
     */
    public List<EpochResult> train(
            Network net, TrainingConfig config, Dataset train, Dataset validation, TrainingListener listener) {
        Objects.requireNonNull(listener, "listener is null");
        if (!listeners.isEmpty()) {
            List<TrainingListener> all = new java.util.ArrayList<>(listeners);
            all.add(listener);
            listener = TrainingListener.all(all);
        }
        return trainer.fit(net, config, train, validation, listener);
    }
}
