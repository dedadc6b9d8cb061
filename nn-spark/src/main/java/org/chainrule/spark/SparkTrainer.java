package org.chainrule.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.chainrule.api.ChainruleException;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.Task;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.DriverState;
import org.chainrule.engine.EarlyStopping;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.PartitionTrainer;
import org.chainrule.engine.Scores;
import org.chainrule.engine.Targets;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;

/**
 * Trains a Chainrule network data-parallel on Spark: synchronous parameter averaging every
 * {@code k} local steps.
 *
 * <p>Each partition of the training RDD is one worker ({@link PartitionTrainer}); its rows are
 * gathered once into a cached block. An epoch is a sequence of rounds: every round the driver
 * broadcasts the parameters and the optimizer state, each worker runs its next {@code k}
 * mini-batches (its own seeded shuffle of its rows; a partition that has run all its batches of
 * the epoch sits the round out), and the driver averages what the workers return, each weighted by
 * the samples it trained on in the round. <b>The optimizer state</b> (momentum, Adam's moments) is
 * averaged by the same rule, and each worker counts its own steps for the updaters; with
 * {@code k = 1} this is synchronous SGD over the workers' mini-batches.
 *
 * <p><b>Deterministic:</b> the partitions are the RDD's, the results are averaged in partition
 * order in double precision, and a worker's work is a function of the broadcast state alone, so a
 * run gives the same weights every time, and a task Spark retries gives what the first attempt
 * would have. One partition gives exactly the weights of local training ({@link Chainrule#train})
 * with the same seed, batch size and optimizer.
 *
 * <p>Plugins resolve in each executor through {@link Chainrule#create()} (the class path of the
 * Spark application, as {@code --jars} puts them); a plugin an executor lacks fails the job with
 * the project's one-line message.
 *
 * <p>Checkpoints: every N epochs as in local training ({@link TrainingConfig#withCheckpoints}),
 * or every N rounds ({@link #checkpoints(Path, int)}); resume with {@link TrainingConfig#withResumeFrom}. Early stopping watches
 * the validation set after every epoch exactly as local training does.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Chainrule chainrule;
    private final int stepsPerRound;
    private final Path checkpointFile; // null: no checkpoints
    private final int checkpointEvery;

    /** For tests: the "epoch:round:partition" whose first {@link #failAttempts} attempts throw, or null. Executors in local mode share it. */
    static volatile String failAt;

    /** For tests: how many attempts of {@link #failAt} throw (1: Spark's retry succeeds). */
    static volatile int failAttempts = 1;

    /**
     * @param sc the Spark context the training runs in
     * @param chainrule the driver's engine (plugins are resolved again in each executor)
     * @param stepsPerRound k, the local steps between two averaging rounds (≥ 1)
     * @throws ConfigException if k is below 1
     */
    public SparkTrainer(JavaSparkContext sc, Chainrule chainrule, int stepsPerRound) {
        this.sc = Objects.requireNonNull(sc, "sc is null");
        this.chainrule = Objects.requireNonNull(chainrule, "chainrule is null");
        if (stepsPerRound < 1) {
            throw new ConfigException("steps per round: expected at least 1, found " + stepsPerRound);
        }
        this.stepsPerRound = stepsPerRound;
        this.checkpointFile = null;
        this.checkpointEvery = 0;
    }

    private SparkTrainer(SparkTrainer t, Path file, int every) {
        this.sc = t.sc;
        this.chainrule = t.chainrule;
        this.stepsPerRound = t.stepsPerRound;
        this.checkpointFile = file;
        this.checkpointEvery = every;
    }

    /**
     * @return this trainer, writing a checkpoint of the driver's state to {@code file} every
     *     {@code rounds} averaging rounds (the project's checkpoint format; atomic). Resume from it
     *     with {@link TrainingConfig#withResumeFrom}: the run continues at the round it records and
     *     ends with the weights of an uninterrupted run, bit for bit.
     * @throws ConfigException if rounds is below 1
     */
    public SparkTrainer checkpoints(Path file, int rounds) {
        if (rounds < 1) {
            throw new ConfigException("checkpoint every: expected at least 1 round, found " + rounds);
        }
        return new SparkTrainer(this, Objects.requireNonNull(file, "file is null"), rounds);
    }

    /**
     * Spreads a local data set over {@code partitions} contiguous slices, in row order: the same
     * partitioning on every run. The rows travel once, as a broadcast each executor fetches; the
     * RDD's tasks carry only their slice's bounds (an RDD made with {@code parallelize} would ship
     * its rows inside every task of every round).
     */
    public static JavaRDD<Sample> rdd(JavaSparkContext sc, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new ConfigException("partitions: expected at least 1, found " + partitions);
        }
        Broadcast<Rows> rows = sc.broadcast(new Rows(
                data.size(),
                data.x().cols(),
                data.y().cols(),
                data.x().data().clone(),
                data.y().data().clone()));
        List<Integer> slices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            slices.add(p);
        }
        int n = data.size();
        return sc.parallelize(slices, partitions).flatMap(p -> {
            Rows r = rows.value();
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            List<Sample> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(new Sample(
                        java.util.Arrays.copyOfRange(r.x, i * r.inputs, (i + 1) * r.inputs),
                        java.util.Arrays.copyOfRange(r.y, i * r.outputs, (i + 1) * r.outputs)));
            }
            return out.iterator();
        });
    }

    /** A local data set as a broadcast holds it. */
    record Rows(int rows, int inputs, int outputs, float[] x, float[] y) implements Serializable {}

    /**
     * Trains {@code net} in place on {@code train}.
     *
     * @param config epochs, batch size (per worker), seed, optimizer, and a checkpoint to resume
     *     from ({@link TrainingConfig#withResumeFrom}) and checkpoints every N epochs
     *     ({@link TrainingConfig#withCheckpoints}), early stopping (on the validation set, scored on the
     *     driver after every epoch; the best epoch's weights kept, as local training does)
     * @param validation a held-out set scored on the driver after every epoch; may be null
     * @return one result per epoch: the training loss (and accuracy, for classes) over every
     *     worker's batches, the validation figures
     * @throws ConfigException for an unsupported setting, a plugin an executor lacks, or a checkpoint
     *     of another network, other settings or other partitions
     * @throws org.chainrule.api.ShapeException if a sample does not fit the network
     * @throws org.chainrule.api.NumericException naming partition, epoch and step if training diverges
     */
    public List<EpochResult> fit(
            Network net, TrainingConfig config, JavaRDD<Sample> train, Dataset validation, TrainingListener listener) {
        if (config.checkpointFile() != null && checkpointFile != null) {
            throw new ConfigException("Spark training: expected one checkpoint setting, found both"
                    + " TrainingConfig.withCheckpoints (every N epochs) and SparkTrainer.checkpoints (every N rounds)");
        }
        if (config.targets() == null) {
            config = config.withTargets(Targets.of(net.spec())); // the task inferred, as local training does
        }
        config.earlyStopping().check(validation != null, config.targets().task());
        chainrule.partitionTrainer(net.spec(), config, probe(net), 0); // unknown plugins fail here, on the driver
        Plan plan = new Plan(
                java.util.UUID.randomUUID().toString(),
                net.spec(),
                config.batchSize(),
                config.seed(),
                config.optimizer().toString(),
                stepsPerRound);
        JavaRDD<Block> blocks = train.mapPartitionsWithIndex(
                        (p, rows) -> Collections.singletonList(Block.of(p, rows, plan.spec))
                                .iterator(),
                        true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            return run(net, config, blocks, plan, validation, listener);
        } catch (SparkException e) {
            throw oneLine(e);
        } finally {
            blocks.unpersist(false);
        }
    }

    private List<EpochResult> run(
            Network net,
            TrainingConfig config,
            JavaRDD<Block> blocks,
            Plan plan,
            Dataset validation,
            TrainingListener listener)
            throws SparkException {
        List<int[]> sizes =
                new ArrayList<>(blocks.map(b -> new int[] {b.partition, b.rows}).collect());
        sizes.sort(Comparator.comparingInt(s -> s[0]));
        int partitions = sizes.size();
        int[] rows = new int[partitions];
        int rounds = 0;
        long total = 0;
        for (int[] s : sizes) {
            rows[s[0]] = s[1];
            rounds = Math.max(rounds, (PartitionTrainer.batchesPerEpoch(s[1], plan.batchSize) + plan.k - 1) / plan.k);
            total += s[1];
        }
        if (total == 0) {
            throw new org.chainrule.api.ShapeException("Spark training set: expected at least one sample, found 0");
        }
        DriverState at =
                new DriverState(0, 0, new long[partitions], null, 0, 0, 0, rows, List.of(), DriverState.Watch.NONE);
        if (config.resumeFrom() != null) {
            at = chainrule.resumeDataParallel(config.resumeFrom(), net, config);
            if (!java.util.Arrays.equals(at.partitionRows(), rows)) {
                throw new ConfigException("resume: " + config.resumeFrom() + " was trained on partitions of "
                        + java.util.Arrays.toString(at.partitionRows()) + " rows but this run's are "
                        + java.util.Arrays.toString(rows) + "; resume on the same data and partitioning");
            }
        }
        long[] steps = at.steps();
        float[] params = net.parameters();
        float[] state = at.optimizerState();
        boolean accuracy =
                config.targets().task() == Task.MULTICLASS || config.targets().task() == Task.BINARY;
        List<EpochResult> history = new ArrayList<>(at.history());
        EarlyStopping stopping = config.earlyStopping();
        DriverState.Watch watch = at.watch();
        listener.onStart(at.epochsDone());
        long roundsDone = 0;
        for (int epoch = at.epochsDone() + 1; epoch <= config.epochs() && !watch.stopped(); epoch++) {
            long start = System.nanoTime();
            boolean resumed = epoch == at.epochsDone() + 1;
            double lossSum = resumed ? at.lossSum() : 0;
            long samples = resumed ? at.samples() : 0;
            long correct = resumed ? at.correct() : 0;
            for (int round = resumed ? at.round() : 0; round < rounds; round++) {
                Broadcast<State> shared = sc.broadcast(new State(epoch, round, params, state, steps.clone()));
                List<Result> results;
                try {
                    results = new ArrayList<>(
                            blocks.map(b -> work(b, plan, shared.value())).collect());
                } finally {
                    shared.destroy();
                }
                results.sort(Comparator.comparingInt(r -> r.partition));
                List<float[]> ps = new ArrayList<>();
                List<float[]> ss = new ArrayList<>();
                List<Integer> weights = new ArrayList<>();
                double roundLoss = 0;
                int roundSamples = 0;
                for (Result r : results) {
                    steps[r.partition] += r.slice.steps();
                    roundLoss += r.slice.lossSum();
                    roundSamples += r.slice.samples();
                    correct += r.slice.correct();
                    if (r.slice.samples() > 0) { // a worker that sat the round out does not count
                        weights.add(r.slice.samples());
                        ps.add(r.parameters);
                        ss.add(r.optimizerState);
                    }
                }
                if (roundSamples > 0) {
                    int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
                    params = PartitionTrainer.average(ps, w);
                    state = PartitionTrainer.average(ss, w);
                    lossSum += roundLoss;
                    samples += roundSamples;
                    listener.onBatch(epoch, round + 1, rounds, roundLoss / roundSamples);
                }
                roundsDone++;
                boolean epochEnds = round == rounds - 1;
                if (epochEnds) {
                    net.setParameters(params);
                    Scores v = validation == null ? null : net.score(validation.x(), validation.y(), config.targets());
                    EpochResult r = new EpochResult(
                            epoch,
                            lossSum / samples,
                            accuracy ? (double) correct / samples : Double.NaN,
                            v == null ? Double.NaN : v.loss(),
                            v == null ? Double.NaN : v.metrics().getOrDefault("accuracy", Double.NaN),
                            (System.nanoTime() - start) / 1e9,
                            v == null ? null : v.metrics());
                    history.add(r);
                    listener.onEpoch(r);
                    if (stopping.enabled()) { // as local training watches: best so far, or one more bad epoch
                        double value = stopping.metric().of(r);
                        if (watch.bestEpoch() == 0
                                || stopping.metric().improves(value, watch.best(), stopping.minDelta())) {
                            watch = new DriverState.Watch(value, epoch, 0, params, false);
                        } else {
                            int bad = watch.badEpochs() + 1;
                            watch = new DriverState.Watch(
                                    watch.best(),
                                    watch.bestEpoch(),
                                    bad,
                                    watch.bestParameters(),
                                    bad >= stopping.patience());
                            if (watch.stopped()) {
                                listener.onEarlyStop(epoch, watch.bestEpoch());
                            }
                        }
                    }
                }
                boolean dueByRounds = checkpointFile != null && roundsDone % checkpointEvery == 0;
                boolean dueByEpochs =
                        config.checkpointFile() != null && epochEnds && epoch % config.checkpointEvery() == 0;
                if (dueByRounds || dueByEpochs) {
                    net.setParameters(params);
                    chainrule.saveDataParallel(
                            dueByRounds ? checkpointFile : config.checkpointFile(),
                            net,
                            config,
                            epochEnds
                                    ? new DriverState(epoch, 0, steps, state, 0, 0, 0, rows, history, watch)
                                    : new DriverState(
                                            epoch - 1, round + 1, steps, state, lossSum, samples, correct, rows,
                                            history, watch));
                }
            }
        }
        net.setParameters(stopping.enabled() && watch.bestEpoch() > 0 ? watch.bestParameters() : params);
        return List.copyOf(history);
    }

    /** One executor's round: load the broadcast state, run the partition's next k batches, return the result. */
    static Result work(Block b, Plan plan, State s) {
        String at = s.epoch + ":" + s.round + ":" + b.partition;
        TaskContext task = TaskContext.get();
        if (at.equals(failAt) && task != null && task.attemptNumber() < failAttempts) {
            throw new IllegalStateException("injected failure of attempt " + task.attemptNumber() + " at " + at);
        }
        int batches = PartitionTrainer.batchesPerEpoch(b.rows, plan.batchSize);
        int from = Math.min(s.round * plan.k, batches);
        int to = Math.min(from + plan.k, batches);
        if (from == to) {
            return new Result(b.partition, new PartitionTrainer.Slice(0, 0, 0, 0), null, null);
        }
        String key = plan.id + ":" + b.partition;
        // A worker lives on in its executor between rounds (the network, buffers and updaters are made once);
        // the first round, and any retry of it, starts from a new one: there is no state to load into it.
        PartitionTrainer w = s.optimizerState == null ? null : Executors.take(key);
        if (w == null) {
            w = Executors.chainrule().partitionTrainer(plan.spec, plan.config(), b.dataset(), b.partition);
        }
        w.load(s.parameters, s.optimizerState);
        PartitionTrainer.Slice slice = w.train(s.epoch, from, to, s.steps[b.partition]);
        Result result = new Result(b.partition, slice, w.parameters(), w.optimizerState());
        Executors.keep(plan.id, key, w); // only after success: a failed attempt's worker is dropped
        return result;
    }

    /** A one-sample data set of the network's shape: enough for the driver to resolve the plugins. */
    private static Dataset probe(Network net) {
        return new Dataset(new Matrix(1, net.inputs()), new Matrix(1, net.outputs()));
    }

    /** @return the project's exception inside a failed Spark job, else a one-line summary of the job's failure */
    static RuntimeException oneLine(SparkException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChainruleException c) {
                return c;
            }
        }
        String message = String.valueOf(e.getMessage());
        for (String kind : List.of(
                "org.chainrule.api.UnknownPluginException: ",
                "org.chainrule.api.NumericException: ",
                "org.chainrule.api.ShapeException: ",
                "org.chainrule.api.DataException: ",
                "org.chainrule.api.ConfigException: ")) {
            int i = message.indexOf(kind);
            if (i >= 0) {
                String line =
                        message.substring(i + kind.length()).lines().findFirst().orElse("");
                return kind.contains("Numeric")
                        ? new org.chainrule.api.NumericException(line)
                        : kind.contains("Shape")
                                ? new org.chainrule.api.ShapeException(line)
                                : kind.contains("Data")
                                        ? new org.chainrule.api.DataException(line)
                                        : new ConfigException("on a Spark executor: " + line, e);
            }
        }
        return new ConfigException(
                "Spark training failed: " + message.lines().findFirst().orElse(""), e);
    }

    /** What every task of the job needs, fixed for the whole training: sent once with each task's closure. */
    record Plan(String id, NetworkSpec spec, int batchSize, long seed, String optimizer, int k)
            implements Serializable {
        TrainingConfig config() {
            return TrainingConfig.defaults()
                    .withBatchSize(batchSize)
                    .withSeed(seed)
                    .withOptimizer(optimizer);
        }
    }

    /** The round's broadcast: where the epoch is, the averaged parameters and optimizer state, each partition's steps. */
    record State(int epoch, int round, float[] parameters, float[] optimizerState, long[] steps)
            implements Serializable {}

    /** A worker's answer; parameters and state are null when it sat the round out. */
    record Result(int partition, PartitionTrainer.Slice slice, float[] parameters, float[] optimizerState)
            implements Serializable {}

    /** A partition's rows, gathered once and cached. */
    record Block(int partition, int rows, float[] x, float[] y, int inputs, int outputs) implements Serializable {
        static Block of(int partition, Iterator<Sample> samples, NetworkSpec spec) {
            int in = spec.inputs();
            int out = spec.layers().getLast().units();
            List<Sample> list = new ArrayList<>();
            samples.forEachRemaining(list::add);
            float[] x = new float[list.size() * in];
            float[] y = new float[list.size() * out];
            for (int i = 0; i < list.size(); i++) {
                Sample s = list.get(i);
                if (s.x().length != in || s.y().length != out) {
                    throw new org.chainrule.api.ShapeException("partition " + partition + " sample " + i + ": expected "
                            + in + " features and " + out + " targets (the network's), found " + s.x().length
                            + " and " + s.y().length);
                }
                System.arraycopy(s.x(), 0, x, i * in, in);
                System.arraycopy(s.y(), 0, y, i * out, out);
            }
            return new Block(partition, list.size(), x, y, in, out);
        }

        Dataset dataset() {
            return new Dataset(Matrix.wrap(rows, inputs, x), Matrix.wrap(rows, outputs, y));
        }
    }
}
