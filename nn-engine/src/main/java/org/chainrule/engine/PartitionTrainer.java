package org.chainrule.engine;

import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.Optimizer;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.ShapeException;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.network.Dense;
import org.chainrule.engine.training.Stepper;

/**
 * The worker's side of data-parallel training: one partition of the training set, a network and
 * its optimizer's state, advanced a slice of an epoch at a time between averaging rounds. A driver
 * (nn-spark's {@code SparkTrainer}) loads the averaged parameters and optimizer state into every
 * worker, lets each run its next batches, and averages what they return.
 *
 * <p>Each partition shuffles its own rows every epoch with the generator of
 * {@link #partitionSeed(long, int) (seed, partition)} and epoch, and takes mini-batches of the
 * configured size in that order, its last batch shorter; every step is local training's step
 * (checks, clipping, the updaters). Partition 0 shuffles exactly as local training does, so one
 * partition that runs all its batches, round after round, reproduces local training bit for bit.
 *
 * <p>Parameters and optimizer state travel as flat {@code float[]}s: the parameters in
 * {@link Network#parameters()}'s order, the optimizer state as every updater's
 * {@link ParameterUpdater#state()} arrays, layer by layer, weights before biases.
 *
 * <p>Not thread-safe: one worker trains on one thread.
 */
public final class PartitionTrainer {
    private final Network net;
    private final Dataset part;
    private final int partition;
    private final long seed;
    private final ParameterUpdater[] updaters; // weight and bias updaters, interleaved per layer
    private final Stepper stepper;
    private final int batch;
    private final int batches;
    private final Matrix[] full;
    private final Matrix[] last;
    private final int[] order;
    private final int[] correct = new int[1];

    PartitionTrainer(
            Network net, Optimizer optimizer, Kernels kernels, TrainingConfig config, Dataset part, int partition) {
        if (partition < 0) {
            throw new ConfigException("partition: expected 0 or more, found " + partition);
        }
        ShapeException.require(part.x(), part.size(), net.inputs(), "partition " + partition + " inputs");
        ShapeException.require(part.y(), part.size(), net.outputs(), "partition " + partition + " targets");
        if (part.size() < 1) {
            throw new ShapeException("partition " + partition + ": expected at least one sample, found 0");
        }
        this.net = net;
        this.part = part;
        this.partition = partition;
        this.seed = partitionSeed(config.seed(), partition);
        Dense[] layers = net.layers();
        ParameterUpdater[] w = new ParameterUpdater[layers.length];
        ParameterUpdater[] b = new ParameterUpdater[layers.length];
        for (int l = 0; l < layers.length; l++) {
            w[l] = optimizer.newUpdater(layers[l].w.data().length);
            b[l] = optimizer.newUpdater(layers[l].b.data().length);
        }
        updaters = interleave(w, b);
        this.stepper = new Stepper(net.core(), net.spec(), net.pluginOrigins(), w, b, optimizer.clipNorm(), kernels);
        int n = part.size();
        this.batch = Math.min(config.batchSize(), n);
        this.batches = batchesPerEpoch(n, config.batchSize());
        int tail = n - (batches - 1) * batch;
        this.full = net.core().batchBuffers(batch);
        this.last = tail == batch ? full : net.core().batchBuffers(tail);
        this.order = new int[n];
    }

    /**
     * @return the seed of partition {@code p}'s shuffles: {@code seed} itself for partition 0, as in
     *     local training, and a fixed, well-spread offset of it for the others
     */
    public static long partitionSeed(long seed, int p) {
        return seed + p * 0x632BE59BD9B4E019L;
    }

    /** @return the partition's samples */
    public int size() {
        return part.size();
    }

    /**
     * @return the mini-batches an epoch of {@code rows} samples takes at {@code batchSize} (the last
     *     one shorter; none without samples): the same count local training takes
     */
    public static int batchesPerEpoch(int rows, int batchSize) {
        int batch = Math.min(batchSize, Math.max(rows, 1));
        return rows == 0 ? 0 : (rows + batch - 1) / batch;
    }

    /** @return the mini-batches this partition takes per epoch */
    public int batchesPerEpoch() {
        return batches;
    }

    /** @return a copy of the network's parameters, flat ({@link Network#parameters()}) */
    public float[] parameters() {
        return net.parameters();
    }

    /** @return a copy of every updater's state, flat (see the class comment for the order) */
    public float[] optimizerState() {
        return flatten(updaters);
    }

    /** @return the updaters' state arrays end to end, in the order given */
    static float[] flatten(ParameterUpdater[] updaters) {
        int length = 0;
        for (ParameterUpdater u : updaters) {
            for (float[] s : u.state()) {
                length += s.length;
            }
        }
        float[] out = new float[length];
        int at = 0;
        for (ParameterUpdater u : updaters) {
            for (float[] s : u.state()) {
                System.arraycopy(s, 0, out, at, s.length);
                at += s.length;
            }
        }
        return out;
    }

    /** Copies {@code flat} into the updaters' state arrays. @throws ShapeException if its length is not theirs */
    static void unflatten(float[] flat, ParameterUpdater[] updaters) {
        int expected = 0;
        for (ParameterUpdater u : updaters) {
            for (float[] s : u.state()) {
                expected += s.length;
            }
        }
        if (flat.length != expected) {
            throw new ShapeException("optimizer state: expected " + expected + " values, found " + flat.length);
        }
        int at = 0;
        for (ParameterUpdater u : updaters) {
            for (float[] s : u.state()) {
                System.arraycopy(flat, at, s, 0, s.length);
                at += s.length;
            }
        }
    }

    /** @return weight and bias updaters interleaved per layer: this class's order */
    static ParameterUpdater[] interleave(ParameterUpdater[] weights, ParameterUpdater[] biases) {
        ParameterUpdater[] all = new ParameterUpdater[2 * weights.length];
        for (int l = 0; l < weights.length; l++) {
            all[2 * l] = weights[l];
            all[2 * l + 1] = biases[l];
        }
        return all;
    }

    /**
     * Sets the parameters and, unless {@code optimizerState} is null (a fresh optimizer, before the
     * first round), the optimizer's state.
     *
     * @throws ShapeException if a length is not this network's
     */
    public void load(float[] parameters, float[] optimizerState) {
        net.setParameters(parameters);
        if (optimizerState == null) {
            return;
        }
        int expected = optimizerState().length;
        if (optimizerState.length != expected) {
            throw new ShapeException(
                    "optimizer state: expected " + expected + " values, found " + optimizerState.length);
        }
        int at = 0;
        for (ParameterUpdater u : updaters) {
            for (float[] s : u.state()) {
                System.arraycopy(optimizerState, at, s, 0, s.length);
                at += s.length;
            }
        }
    }

    /**
     * Runs batches {@code from} (inclusive) to {@code to} (exclusive) of epoch {@code epoch}'s order.
     *
     * @param stepsBefore the steps this partition has taken before (its updaters count from it)
     * @return what the slice did: the sum of its batches' losses weighted by their rows, its
     *     samples, how many were classified correctly (classification tasks) and its steps
     * @throws org.chainrule.api.NumericException naming the partition, epoch, step and batch if the
     *     loss or gradient is not finite
     */
    public Slice train(int epoch, int from, int to, long stepsBefore) {
        if (epoch < 1 || from < 0 || to > batches || from > to) {
            throw new ConfigException("partition " + partition + ": expected epoch ≥ 1 and batches 0 ≤ from ≤ to ≤ "
                    + batches + ", found epoch " + epoch + ", " + from + ".." + to);
        }
        Trainer.shuffle(order, Trainer.epochRandom(seed, epoch));
        double lossSum = 0;
        int samples = 0;
        correct[0] = 0;
        for (int b = from; b < to; b++) {
            Matrix[] buf = b == batches - 1 ? last : full;
            Trainer.gather(part, order, b * batch, buf[0], buf[1]);
            long step = stepsBefore + (b - from) + 1;
            try {
                lossSum += stepper.step(buf, correct, step, epoch, b, batches) * buf[0].rows();
            } catch (org.chainrule.api.NumericException e) {
                var named = new org.chainrule.api.NumericException("partition " + partition + ": " + e.getMessage());
                named.initCause(e);
                throw named;
            }
            samples += buf[0].rows();
        }
        return new Slice(lossSum, samples, correct[0], to - from);
    }

    /**
     * What one worker's slice did.
     *
     * @param lossSum Σ over its batches of the batch's mean loss × its rows
     * @param samples the rows it trained on
     * @param correct the rows classified correctly (meaningful for classification tasks)
     * @param steps the optimizer steps it took
     */
    public record Slice(double lossSum, int samples, int correct, int steps) implements java.io.Serializable {}

    /**
     * Averages the workers' parameters or optimizer states, each weighted by the samples it trained
     * on in the round, in list order and in double precision; a part of weight 0 does not count.
     * With one part of nonzero weight the result is that part, bit for bit.
     *
     * @throws ShapeException if the parts differ in length; ConfigException if no weight is positive
     */
    public static float[] average(List<float[]> parts, int[] weights) {
        if (parts.size() != weights.length || parts.isEmpty()) {
            throw new ShapeException("average: expected one weight per part, found " + parts.size() + " parts and "
                    + weights.length + " weights");
        }
        int n = parts.getFirst().length;
        long total = 0;
        int only = -1;
        for (int i = 0; i < weights.length; i++) {
            if (parts.get(i).length != n) {
                throw new ShapeException(
                        "average: part " + i + ": expected " + n + " values, found " + parts.get(i).length);
            }
            if (weights[i] > 0) {
                total += weights[i];
                only = only == -1 ? i : -2;
            }
        }
        if (total == 0) {
            throw new ConfigException("average: expected a part with a positive weight, found none");
        }
        if (only >= 0) {
            return parts.get(only).clone();
        }
        double[] sum = new double[n];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                double share = (double) weights[i] / total;
                float[] p = parts.get(i);
                for (int j = 0; j < n; j++) {
                    sum[j] += share * p[j];
                }
            }
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) sum[j];
        }
        return out;
    }
}
