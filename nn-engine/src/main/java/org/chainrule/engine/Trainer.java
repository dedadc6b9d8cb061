package org.chainrule.engine;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NumericException;
import org.chainrule.api.Optimizer;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.api.ShapeException;
import org.chainrule.engine.kernel.Kernels;

/**
 * Mini-batch training (seed 004, 7.6.2): each epoch shuffles the training rows with a seeded
 * generator, then for each batch zeroes the gradients, runs the forward pass and the chain rule,
 * clips the whole gradient if the optimizer asks, and lets each parameter's updater take its step.
 *
 * <p>A step allocates nothing: the batch buffers, the network's pass buffers and the updaters'
 * state are made before the first step. Training stops with a {@link NumericException} naming the
 * epoch and batch as soon as the loss is NaN or infinite.
 */
public final class Trainer {
    private final Plugins plugins;
    private final Kernels kernels;

    @Inject
    Trainer(Plugins plugins, Kernels kernels) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
    }

    /**
     * Trains {@code net} in place.
     *
     * @param test evaluated after every epoch; may be {@code null}
     * @return one result per epoch
     * @throws ShapeException if a data set does not fit the network
     * @throws ConfigException if the optimizer is unknown or badly configured
     * @throws NumericException if the loss becomes NaN or infinite
     */
    public List<EpochResult> fit(
            Network net, TrainingConfig config, Dataset train, Dataset test, TrainingListener listener) {
        Objects.requireNonNull(net, "net is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(listener, "listener is null");
        requireFits(net, train, "training set");
        if (test != null) {
            requireFits(net, test, "test set");
        }
        Optimizer optimizer = plugins.optimizer(config.optimizer());
        Dense[] layers = net.layers();
        ParameterUpdater[] weightUpdaters = new ParameterUpdater[layers.length];
        ParameterUpdater[] biasUpdaters = new ParameterUpdater[layers.length];
        for (int l = 0; l < layers.length; l++) {
            weightUpdaters[l] = optimizer.newUpdater(layers[l].w.data().length);
            biasUpdaters[l] = optimizer.newUpdater(layers[l].b.data().length);
        }
        double clip = optimizer.clipNorm();

        int n = train.size();
        int batch = Math.min(config.batchSize(), n);
        int batches = (n + batch - 1) / batch;
        int tail = n - (batches - 1) * batch;
        Matrix[] full = {new Matrix(batch, net.inputs()), new Matrix(batch, net.outputs())};
        Matrix[] last =
                tail == batch ? full : new Matrix[] {new Matrix(tail, net.inputs()), new Matrix(tail, net.outputs())};
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomGenerator shuffle = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
        int[] correct = new int[1];
        long step = 0;
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, shuffle);
            double lossSum = 0;
            correct[0] = 0;
            for (int b = 0; b < batches; b++) {
                Matrix[] buf = b == batches - 1 ? last : full;
                gather(train, order, b * batch, buf[0], buf[1]);
                net.zeroGradients();
                double loss = net.step(buf[0], buf[1], correct);
                if (!Double.isFinite(loss)) {
                    throw new NumericException("training diverged: the loss is " + loss + " at epoch " + epoch
                            + ", batch " + (b + 1) + " of " + batches + "; lower the learning rate or check the data");
                }
                step++;
                if (clip > 0) {
                    clip(layers, clip);
                }
                for (int l = 0; l < layers.length; l++) {
                    weightUpdaters[l].update(layers[l].w.data(), layers[l].dW.data(), step);
                    biasUpdaters[l].update(layers[l].b.data(), layers[l].db.data(), step);
                }
                lossSum += loss * buf[0].rows();
                listener.onBatch(epoch, b + 1, batches, loss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Network.Evaluation t = test == null ? null : net.evaluate(test.x(), test.y());
            EpochResult r = new EpochResult(
                    epoch,
                    lossSum / n,
                    (double) correct[0] / n,
                    t == null ? Double.NaN : t.loss(),
                    t == null ? Double.NaN : t.accuracy(),
                    seconds);
            results.add(r);
            listener.onEpoch(r);
        }
        return List.copyOf(results);
    }

    private static void requireFits(Network net, Dataset d, String what) {
        if (d.size() < 1) {
            throw new ShapeException(what + ": expected at least one sample, found 0");
        }
        ShapeException.require(d.x(), d.size(), net.inputs(), what + " inputs (samples × network inputs)");
        ShapeException.require(d.y(), d.size(), net.outputs(), what + " targets (samples × network outputs)");
    }

    /** Fisher-Yates, drawing from the trainer's own seeded generator. */
    private static void shuffle(int[] order, RandomGenerator random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void gather(Dataset d, int[] order, int from, Matrix xb, Matrix yb) {
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

    /** Scales every gradient by maxNorm/‖g‖ when the norm of all of them together exceeds maxNorm. */
    private void clip(Dense[] layers, double maxNorm) {
        double sq = 0;
        for (Dense d : layers) {
            sq += kernels.sumOfSquares(d.dW.data(), d.dW.data().length);
            sq += kernels.sumOfSquares(d.db.data(), d.db.data().length);
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (Dense d : layers) {
                kernels.scale(d.dW.data(), s, d.dW.data().length);
                kernels.scale(d.db.data(), s, d.db.data().length);
            }
        }
    }
}
