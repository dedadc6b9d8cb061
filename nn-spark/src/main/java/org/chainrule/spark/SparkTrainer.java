package org.chainrule.spark;

import java.io.Serializable;
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
 * <p>Not supported yet (refused in one line): early stopping, checkpoints and resuming.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Chainrule chainrule;
    private final int stepsPerRound;

    /** For tests: the (epoch, round, partition) whose first attempt throws, or null. Executors in local mode share it. */
    static volatile String failFirstAttemptAt;

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
    }

    /**
     * Spreads a local data set over {@code partitions} contiguous slices, in row order: the same
     * partitioning on every run.
     */
    public static JavaRDD<Sample> rdd(JavaSparkContext sc, Dataset data, int partitions) {
        List<Sample> rows = new ArrayList<>(data.size());
        int in = data.x().cols();
        int out = data.y().cols();
        for (int i = 0; i < data.size(); i++) {
            rows.add(new Sample(
                    java.util.Arrays.copyOfRange(data.x().data(), i * in, (i + 1) * in),
                    java.util.Arrays.copyOfRange(data.y().data(), i * out, (i + 1) * out)));
        }
        return sc.parallelize(rows, partitions);
    }

    /**
     * Trains {@code net} in place on {@code train}.
     *
     * @param config epochs, batch size (per worker), seed and optimizer; early stopping, checkpoints
     *     and resuming are refused
     * @param validation a held-out set scored on the driver after every epoch; may be null
     * @return one result per epoch: the training loss (and accuracy, for classes) over every
     *     worker's batches, the validation figures
     * @throws ConfigException for an unsupported setting, or a plugin an executor lacks
     * @throws org.chainrule.api.ShapeException if a sample does not fit the network
     * @throws org.chainrule.api.NumericException naming partition, epoch and step if training diverges
     */
    public List<EpochResult> fit(
            Network net, TrainingConfig config, JavaRDD<Sample> train, Dataset validation, TrainingListener listener) {
        if (config.earlyStopping().enabled() || config.checkpointFile() != null || config.resumeFrom() != null) {
            throw new ConfigException("Spark training: expected no early stopping, checkpoints or resuming (not"
                    + " supported yet), found "
                    + (config.earlyStopping().enabled()
                            ? "early stopping"
                            : config.checkpointFile() != null ? "checkpoints" : "resuming"));
        }
        if (config.targets() == null) {
            config = config.withTargets(Targets.of(net.spec())); // the task inferred, as local training does
        }
        chainrule.partitionTrainer(net.spec(), config, probe(net), 0); // unknown plugins fail here, on the driver
        Plan plan = new Plan(
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
        List<int[]> sizes = blocks.map(b -> new int[] {b.partition, b.rows, batches(b.rows, plan.batchSize)})
                .collect();
        int partitions = sizes.size();
        int rounds = 0;
        long total = 0;
        for (int[] s : sizes) {
            rounds = Math.max(rounds, (s[2] + plan.k - 1) / plan.k);
            total += s[1];
        }
        if (total == 0) {
            throw new org.chainrule.api.ShapeException("Spark training set: expected at least one sample, found 0");
        }
        long[] steps = new long[partitions];
        float[] params = net.parameters();
        float[] state = null;
        boolean accuracy =
                config.targets().task() == Task.MULTICLASS || config.targets().task() == Task.BINARY;
        List<EpochResult> history = new ArrayList<>();
        listener.onStart(0);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int round = 0; round < rounds; round++) {
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
                int[] weights = new int[results.size()];
                double roundLoss = 0;
                int roundSamples = 0;
                for (int i = 0; i < results.size(); i++) {
                    Result r = results.get(i);
                    steps[r.partition] += r.slice.steps();
                    weights[i] = r.slice.samples();
                    ps.add(r.parameters == null ? params : r.parameters);
                    ss.add(r.optimizerState == null ? (state == null ? new float[0] : state) : r.optimizerState);
                    roundLoss += r.slice.lossSum();
                    roundSamples += r.slice.samples();
                    correct += r.slice.correct();
                }
                if (roundSamples == 0) {
                    continue;
                }
                params = PartitionTrainer.average(ps, weights);
                state = PartitionTrainer.average(ss, weights);
                lossSum += roundLoss;
                listener.onBatch(epoch, round + 1, rounds, roundLoss / roundSamples);
            }
            net.setParameters(params);
            Scores v = validation == null ? null : net.score(validation.x(), validation.y(), config.targets());
            EpochResult r = new EpochResult(
                    epoch,
                    lossSum / total,
                    accuracy ? (double) correct / total : Double.NaN,
                    v == null ? Double.NaN : v.loss(),
                    v == null ? Double.NaN : v.metrics().getOrDefault("accuracy", Double.NaN),
                    (System.nanoTime() - start) / 1e9,
                    v == null ? null : v.metrics());
            history.add(r);
            listener.onEpoch(r);
        }
        return List.copyOf(history);
    }

    /** One executor's round: load the broadcast state, run the partition's next k batches, return the result. */
    static Result work(Block b, Plan plan, State s) {
        String at = s.epoch + ":" + s.round + ":" + b.partition;
        TaskContext task = TaskContext.get();
        if (at.equals(failFirstAttemptAt) && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the first attempt at " + at);
        }
        int batches = batches(b.rows, plan.batchSize);
        int from = Math.min(s.round * plan.k, batches);
        int to = Math.min(from + plan.k, batches);
        if (from == to) {
            return new Result(b.partition, new PartitionTrainer.Slice(0, 0, 0, 0), null, null);
        }
        PartitionTrainer w = Executors.chainrule().partitionTrainer(plan.spec, plan.config(), b.dataset(), b.partition);
        w.load(s.parameters, s.optimizerState);
        PartitionTrainer.Slice slice = w.train(s.epoch, from, to, s.steps[b.partition]);
        return new Result(b.partition, slice, w.parameters(), w.optimizerState());
    }

    private static int batches(int rows, int batchSize) {
        int batch = Math.min(batchSize, Math.max(rows, 1));
        return rows == 0 ? 0 : (rows + batch - 1) / batch;
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
                "org.chainrule.api.ConfigException: ")) {
            int i = message.indexOf(kind);
            if (i >= 0) {
                String line =
                        message.substring(i + kind.length()).lines().findFirst().orElse("");
                return kind.contains("Numeric")
                        ? new org.chainrule.api.NumericException(line)
                        : kind.contains("Shape")
                                ? new org.chainrule.api.ShapeException(line)
                                : new ConfigException("on a Spark executor: " + line, e);
            }
        }
        return new ConfigException(
                "Spark training failed: " + message.lines().findFirst().orElse(""), e);
    }

    /** What every task of the job needs, fixed for the whole training: sent once with each task's closure. */
    record Plan(NetworkSpec spec, int batchSize, long seed, String optimizer, int k) implements Serializable {
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
