package org.chainrule.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.chainrule.api.ConcurrencyException;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.NumericException;
import org.chainrule.api.Optimizer;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.ShapeException;
import org.chainrule.engine.files.SafeTensors;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.network.Dense;
import org.chainrule.engine.training.Stepper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini-batch training (docs/math.md#objective): each epoch shuffles the training rows with a seeded
 * generator, then for each batch runs the forward pass and the chain rule (which write the
 * batch's gradients over the last batch's), checks the loss and the gradient are finite, clips the whole gradient if the optimizer asks, and
 * lets each parameter's updater take its step. After the epoch it evaluates the validation set,
 * applies early stopping and writes a checkpoint when one is due.
 *
 * <p>A step allocates nothing: the batch buffers, the network's pass buffers and the updaters'
 * state are made before the first step.
 *
 * <p>Resuming: a checkpoint holds the weights, every updater's state, the epoch and step reached,
 * the early-stopping state and the history. Since epoch e's shuffle is drawn from a generator
 * seeded from (seed, e) alone, that is the whole state: a resumed run ends with weights bitwise
 * equal to an uninterrupted one.
 */
final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Plugins plugins;
    private final Kernels kernels;
    private final NetworkFactory factory;

    @Inject
    Trainer(Plugins plugins, Kernels kernels, NetworkFactory factory) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
        this.factory = Objects.requireNonNull(factory, "factory is null");
    }

    /**
     * Trains {@code net} in place. One network trains on one thread at a time; predicting from it
     * while it trains is not safe (freeze it into a {@link Model} for that).
     *
     * @param validation the held-out set evaluated after every epoch (the {@code test*} figures of
     *     each {@link EpochResult}) and watched by early stopping; may be {@code null} without it
     * @return one result per epoch, those of a resumed checkpoint first
     * @throws ShapeException if a data set does not fit the network
     * @throws ConfigException if the optimizer is unknown or badly configured, early stopping has
     *     no validation set, or the checkpoint to resume from belongs to another network or config
     * @throws NumericException naming epoch, step and batch if the loss or gradient becomes NaN or
     *     infinite; checkpoints already written are left as they were
     * @throws ConcurrencyException if {@code net} is already being trained on another thread
     * @throws org.chainrule.api.ModelFileException if a checkpoint cannot be read or written
     */
    public List<EpochResult> fit(
            Network net, TrainingConfig config, Dataset train, Dataset validation, TrainingListener listener) {
        Objects.requireNonNull(net, "net is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(listener, "listener is null");
        requireFits(net, train, "training set");
        if (validation != null) {
            requireFits(net, validation, "validation set");
        }
        Targets targets = config.targets() != null ? config.targets() : Targets.of(net.spec());
        targets.check(net.spec());
        if (config.targets() != null) { // a chosen task; an inferred one never refuses data it trained on before
            targets.task().checkTargets(train.y(), "training set");
            if (validation != null) {
                targets.task().checkTargets(validation.y(), "validation set");
            }
        }
        config.earlyStopping().check(validation != null, targets.task());
        Thread owner = net.beginTraining();
        if (owner != null) {
            throw new ConcurrencyException("network " + net + ": already being trained on thread '" + owner.getName()
                    + "'; one network trains on one thread at a time (build another network to train in parallel)");
        }
        try {
            return run(net, config.withTargets(targets), train, validation, listener);
        } finally {
            net.endTraining();
        }
    }

    private List<EpochResult> run(
            Network net, TrainingConfig config, Dataset train, Dataset validation, TrainingListener listener) {
        Optimizer optimizer = plugins.optimizer(config.optimizer());
        // checkpoints compare the canonical form: `adam` and `adam(lr=0.001)` are the same optimizer
        config = config.withOptimizer(
                plugins.optimizers().complete(config.optimizer()).toString());
        Dense[] layers = net.layers();
        Run run = new Run(layers, optimizer, config.earlyStopping());
        if (config.resumeFrom() != null || config.checkpointFile() != null) {
            run.trainData = DataFingerprint.of(train);
            run.validationData = DataFingerprint.of(validation);
        }
        if (config.resumeFrom() != null) {
            Checkpoint.restore(config.resumeFrom(), net, config, run, factory);
            LOG.info("resumed from {} after epoch {} (step {})", config.resumeFrom(), run.epoch, run.step);
        }
        Stepper stepper = new Stepper(
                net.core(),
                net.spec(),
                net.pluginOrigins(),
                run.weightUpdaters,
                run.biasUpdaters,
                optimizer.clipNorm(),
                kernels);
        EarlyStopping stopping = config.earlyStopping();
        listener.onStart(run.epoch);

        int n = train.size();
        int batch = Math.min(config.batchSize(), n);
        int batches = PartitionTrainer.batchesPerEpoch(n, config.batchSize());
        int tail = n - (batches - 1) * batch;
        Matrix[] full = net.core().batchBuffers(batch); // the network keeps them: a later run allocates none
        Matrix[] last = tail == batch ? full : net.core().batchBuffers(tail);
        int[] order = new int[n];
        int[] correct = new int[1];
        boolean accuracy = Scores.hasAccuracy(config.targets().task());
        while (run.epoch < config.epochs() && !run.stopped) {
            int epoch = run.epoch + 1;
            long start = System.nanoTime();
            shuffle(order, epochRandom(config.seed(), epoch));
            double lossSum = 0;
            correct[0] = 0;
            for (int b = 0; b < batches; b++) {
                Matrix[] buf = b == batches - 1 ? last : full;
                gather(train, order, b * batch, buf[0], buf[1]);
                long step = run.step + 1;
                double loss = stepper.step(buf, correct, step, epoch, b, batches);
                run.step = step;
                lossSum += loss * buf[0].rows();
                listener.onBatch(epoch, b + 1, batches, loss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Scores v = validation == null ? null : net.score(validation.x(), validation.y(), config.targets());
            EpochResult r = new EpochResult(
                    epoch,
                    lossSum / n,
                    accuracy ? (double) correct[0] / n : Double.NaN,
                    v == null ? Double.NaN : v.loss(),
                    v == null ? Double.NaN : v.metrics().getOrDefault("accuracy", Double.NaN),
                    seconds,
                    v == null ? null : v.metrics());
            run.epoch = epoch;
            run.history.add(r);
            listener.onEpoch(r);
            if (stopping.enabled()) {
                run.watch(r, stopping, layers);
                if (run.stopped) {
                    LOG.info(
                            "early stopping after epoch {}: no improvement of {} for {} epochs; keeping epoch {}",
                            epoch,
                            stopping.metric(),
                            stopping.patience(),
                            run.bestEpoch);
                    listener.onEarlyStop(epoch, run.bestEpoch);
                }
            }
            if (config.checkpointFile() != null && epoch % config.checkpointEvery() == 0) {
                Checkpoint.write(config.checkpointFile(), net, config, run);
            }
        }
        if (stopping.enabled() && run.bestEpoch > 0) {
            run.restoreBest(layers);
        }
        return List.copyOf(run.history);
    }

    /** Everything a checkpoint holds beyond the weights, updated as training goes. */
    static final class Run {
        final ParameterUpdater[] weightUpdaters;
        final ParameterUpdater[] biasUpdaters;
        final List<EpochResult> history = new ArrayList<>();
        final float[][] bestWeights;
        final float[][] bestBiases;
        DataFingerprint trainData; // set when checkpoints are written or read
        DataFingerprint validationData; // null without a validation set
        boolean dataParallel; // a driver of data-parallel training: its checkpoints hold `position` instead of data
        String position; // data-parallel: the driver's place in the epoch, as JSON
        int epoch;
        long step;
        double best = Double.NaN;
        int bestEpoch;
        int badEpochs;
        boolean stopped;

        Run(Dense[] layers, Optimizer optimizer, EarlyStopping stopping) {
            weightUpdaters = new ParameterUpdater[layers.length];
            biasUpdaters = new ParameterUpdater[layers.length];
            for (int l = 0; l < layers.length; l++) {
                weightUpdaters[l] = optimizer.newUpdater(layers[l].w.data().length);
                biasUpdaters[l] = optimizer.newUpdater(layers[l].b.data().length);
            }
            bestWeights = stopping.enabled() ? new float[layers.length][] : null;
            bestBiases = stopping.enabled() ? new float[layers.length][] : null;
            if (stopping.enabled()) {
                for (int l = 0; l < layers.length; l++) {
                    bestWeights[l] = new float[layers[l].w.data().length];
                    bestBiases[l] = new float[layers[l].b.data().length];
                }
            }
        }

        void watch(EpochResult r, EarlyStopping stopping, Dense[] layers) {
            double value = stopping.metric().of(r);
            if (bestEpoch == 0 || stopping.metric().improves(value, best, stopping.minDelta())) {
                best = value;
                bestEpoch = r.epoch();
                badEpochs = 0;
                for (int l = 0; l < layers.length; l++) {
                    System.arraycopy(layers[l].w.data(), 0, bestWeights[l], 0, bestWeights[l].length);
                    System.arraycopy(layers[l].b.data(), 0, bestBiases[l], 0, bestBiases[l].length);
                }
            } else if (++badEpochs >= stopping.patience()) {
                stopped = true;
            }
        }

        void restoreBest(Dense[] layers) {
            for (int l = 0; l < layers.length; l++) {
                System.arraycopy(bestWeights[l], 0, layers[l].w.data(), 0, bestWeights[l].length);
                System.arraycopy(bestBiases[l], 0, layers[l].b.data(), 0, bestBiases[l].length);
            }
        }
    }

    private static void requireFits(Network net, Dataset d, String what) {
        if (d.size() < 1) {
            throw new ShapeException(what + ": expected at least one sample, found 0");
        }
        ShapeException.require(d.x(), d.size(), net.inputs(), what + " inputs (samples × network inputs)");
        ShapeException.require(d.y(), d.size(), net.outputs(), what + " targets (samples × network outputs)");
    }

    /** Writes a data-parallel driver's checkpoint: the project's format, with its position instead of data fingerprints. */
    void saveDataParallel(Path file, Network net, TrainingConfig config, DriverState s) {
        Optimizer optimizer = plugins.optimizer(config.optimizer());
        config = config.withOptimizer(
                plugins.optimizers().complete(config.optimizer()).toString());
        Run run = new Run(net.layers(), optimizer, config.earlyStopping());
        if (s.optimizerState() != null) {
            PartitionTrainer.unflatten(
                    s.optimizerState(), PartitionTrainer.interleave(run.weightUpdaters, run.biasUpdaters));
        }
        run.epoch = s.epochsDone();
        for (long steps : s.steps()) {
            run.step += steps;
        }
        run.history.addAll(s.history());
        run.dataParallel = true;
        DriverState.Watch w = s.watch();
        run.stopped = w.stopped();
        if (run.bestWeights != null) {
            run.best = w.best();
            run.bestEpoch = w.bestEpoch();
            run.badEpochs = w.badEpochs();
            if (w.bestParameters() != null) {
                Network best = factory.build(net.spec(), 0, false);
                best.setParameters(w.bestParameters());
                Dense[] layers = best.layers();
                for (int l = 0; l < layers.length; l++) {
                    System.arraycopy(layers[l].w.data(), 0, run.bestWeights[l], 0, run.bestWeights[l].length);
                    System.arraycopy(layers[l].b.data(), 0, run.bestBiases[l], 0, run.bestBiases[l].length);
                }
            }
        }
        ObjectNode p = SafeTensors.newObject();
        p.put("round", s.round());
        p.put("loss_sum", s.lossSum());
        p.put("samples", s.samples());
        p.put("correct", s.correct());
        p.put("fresh_optimizer", s.optimizerState() == null);
        ArrayNode steps = p.putArray("steps");
        for (long v : s.steps()) {
            steps.add(v);
        }
        ArrayNode rows = p.putArray("partition_rows");
        for (int v : s.partitionRows()) {
            rows.add(v);
        }
        run.position = SafeTensors.toJson(p);
        Checkpoint.write(file, net, config, run);
    }

    /** Reads a data-parallel driver's checkpoint into {@code net}; @return the rest of the driver's state */
    DriverState resumeDataParallel(Path file, Network net, TrainingConfig config) {
        Optimizer optimizer = plugins.optimizer(config.optimizer());
        config = config.withOptimizer(
                plugins.optimizers().complete(config.optimizer()).toString());
        Run run = new Run(net.layers(), optimizer, config.earlyStopping());
        run.dataParallel = true;
        Checkpoint.restore(file, net, config, run, factory);
        String where = "checkpoint " + file + ": __metadata__ " + Checkpoint.DATA_PARALLEL;
        JsonNode p = SafeTensors.parseJson(run.position, where);
        if (!p.path("round").canConvertToInt()
                || p.path("round").intValue() < 0
                || !p.path("loss_sum").isNumber()
                || !p.path("samples").canConvertToLong()
                || !p.path("correct").canConvertToLong()
                || !p.path("fresh_optimizer").isBoolean()
                || !p.path("steps").isArray()
                || !p.path("partition_rows").isArray()
                || p.path("steps").size() != p.path("partition_rows").size()) {
            throw new org.chainrule.api.ModelFormatException(where + ": expected round, loss_sum, samples, correct,"
                    + " fresh_optimizer, steps and partition_rows, found " + SafeTensors.abbreviate(p));
        }
        long[] steps = new long[p.get("steps").size()];
        int[] rows = new int[steps.length];
        for (int i = 0; i < steps.length; i++) {
            JsonNode st = p.get("steps").get(i);
            JsonNode r = p.get("partition_rows").get(i);
            if (!st.canConvertToLong() || st.longValue() < 0 || !r.canConvertToInt() || r.intValue() < 0) {
                throw new org.chainrule.api.ModelFormatException(
                        where + ": partition " + i + ": expected non-negative steps and rows, found " + st + ", " + r);
            }
            steps[i] = st.longValue();
            rows[i] = r.intValue();
        }
        float[] state = p.get("fresh_optimizer").booleanValue()
                ? null
                : PartitionTrainer.flatten(PartitionTrainer.interleave(run.weightUpdaters, run.biasUpdaters));
        DriverState.Watch watch = new DriverState.Watch(Double.NaN, 0, 0, null, run.stopped);
        if (run.bestWeights != null && run.bestEpoch > 0) {
            Network best = factory.build(net.spec(), 0, false);
            Dense[] layers = best.layers();
            for (int l = 0; l < layers.length; l++) {
                System.arraycopy(run.bestWeights[l], 0, layers[l].w.data(), 0, run.bestWeights[l].length);
                System.arraycopy(run.bestBiases[l], 0, layers[l].b.data(), 0, run.bestBiases[l].length);
            }
            watch = new DriverState.Watch(run.best, run.bestEpoch, run.badEpochs, best.parameters(), run.stopped);
        }
        return new DriverState(
                run.epoch,
                p.get("round").intValue(),
                steps,
                state,
                p.get("loss_sum").doubleValue(),
                p.get("samples").longValue(),
                p.get("correct").longValue(),
                rows,
                run.history,
                watch);
    }

    /** @return a worker of data-parallel training on {@code part}, with a network of its own */
    PartitionTrainer partition(NetworkSpec spec, TrainingConfig config, Dataset part, int partition) {
        Optimizer optimizer = plugins.optimizer(config.optimizer());
        return new PartitionTrainer(
                factory.build(spec, config.seed(), false), optimizer, kernels, config, part, partition);
    }

    /** @return the generator of epoch {@code epoch}'s shuffle, a function of (seed, epoch) only */
    static RandomGenerator epochRandom(long seed, int epoch) {
        long mixed = seed * 0xD1B54A32D192ED03L + epoch * 0x9E3779B97F4A7C15L;
        return RandomGeneratorFactory.of("L64X128MixRandom").create(mixed);
    }

    /** Fisher-Yates from the identity order, drawing from the epoch's own generator. */
    static void shuffle(int[] order, RandomGenerator random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    static void gather(Dataset d, int[] order, int from, Matrix xb, Matrix yb) {
        int xc = xb.cols();
        int yc = yb.cols();
        float[] xs = d.x().data();
        float[] ys = d.y().data();
        for (int r = 0; r < xb.rows(); r++) {
            int src = order[from + r];
            System.arraycopy(xs, src * xc, xb.data(), r * xc, xc);
            System.arraycopy(ys, src * yc, yb.data(), r * yc, yc);
        }
    }
}
