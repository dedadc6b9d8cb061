package org.chainrule.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Loss;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.ShapeException;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.network.Dense;
import org.chainrule.engine.network.Layers;
import org.chainrule.engine.network.Metrics;
import org.chainrule.engine.network.Pass;

/**
 * A dense layered network and its training buffers. Layers are numbered 1..L as in the seeds;
 * layer l has W(l) of shape m(l) × n(l) and b(l) of length n(l) (docs/math.md#layered-chain-rule):
 *
 * <pre>
 *   Z(l) = A(l−1)·W(l) + 1·b(l)ᵀ     A(l) = f(l)(Z(l))     A(0) = X, one sample per row
 * </pre>
 *
 * <p>{@link #computeGradients} runs the forward pass and the layered chain rule backward (their
 * code is {@code engine.network.Layers}, not exported) and adds ∂J/∂W(l), ∂J/∂b(l) of the
 * batch-mean objective J into the gradient buffers. The network owns one
 * set of buffers per batch size (the two most recent sizes are kept: a full batch and the last,
 * shorter one), so a training step allocates nothing once they exist.
 *
 * <p>Thread safety: training methods are not thread-safe. {@link #predict} allocates its own
 * buffers and only reads the parameters, so several threads may predict at once while nobody
 * trains or sets parameters.
 */
public final class Network {
    private final NetworkSpec spec;
    private final long seed;
    private final Layers core;
    private final Dense[] layers;
    private final List<String> warnings;
    private final java.util.Map<String, String> pluginOrigins;
    private final AtomicReference<Thread> trainer = new AtomicReference<>();

    Network(
            NetworkSpec spec,
            long seed,
            Kernels kernels,
            Dense[] layers,
            Loss loss,
            List<String> warnings,
            java.util.Map<String, String> pluginOrigins) {
        // Sorted by name: Map.copyOf iterates in an order that changes between JVM runs.
        this.pluginOrigins = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(pluginOrigins));
        this.spec = spec;
        this.seed = seed;
        this.core = new Layers(kernels, layers, loss);
        this.layers = layers;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the specification the network was built from */
    public NetworkSpec spec() {
        return spec;
    }

    /** @return the seed the parameters were initialised from (kept in model files) */
    public long seed() {
        return seed;
    }

    /**
     * @return where each plugin of the network came from, e.g. {@code "activation mish" →
     *     "module com.example.mish, mish-1.0.jar"}, in name order; model files keep it so a missing plugin can be named
     */
    public java.util.Map<String, String> pluginOrigins() {
        return pluginOrigins;
    }

    /** @return the number of layers L */
    public int depth() {
        return layers.length;
    }

    /** @return the number of input features m(1) */
    public int inputs() {
        return layers[0].inputs;
    }

    /** @return the number of outputs n(L) */
    public int outputs() {
        return layers[layers.length - 1].units;
    }

    /**
     * @return whether the output layer uses the joint derivative dZ(L) = A(L) − Y because its
     *     activation and the loss declare the same {@link CanonicalLink}
     */
    public boolean usesJointOutputDerivative() {
        return core.usesJointOutputDerivative();
    }

    /** @return the warnings found when the network was built (also logged), e.g. a step activation below the output */
    public List<String> warnings() {
        return warnings;
    }

    // ---------------------------------------------------------------- training and prediction

    /**
     * Runs the forward pass and back-propagation on one batch and adds the gradients of the
     * batch-mean loss to the gradient buffers (they accumulate; see {@link #zeroGradients}).
     *
     * @param x inputs, batch × {@link #inputs()}
     * @param y targets, batch × {@link #outputs()}
     * @return the mean loss over the batch, before any update
     * @throws ShapeException if x or y does not fit the network
     */
    public double computeGradients(Matrix x, Matrix y) {
        checkBatch(x, y);
        return core.step(x, y, null, true);
    }

    /**
     * Runs one batch forward and backward and returns every intermediate quantity, for explaining
     * back-propagation ({@code nn explain}). Like {@link #computeGradients} it is not thread-safe;
     * it leaves the gradient buffers holding this batch's gradients (written over what they held).
     *
     * @throws ShapeException if x or y does not fit the network
     */
    public Trace trace(Matrix x, Matrix y) {
        checkBatch(x, y);
        double mean = core.step(x, y, null, false);
        Pass p = core.lastStep();
        Loss loss = core.loss();
        boolean jointOutputDerivative = core.usesJointOutputDerivative();
        int last = layers.length - 1;
        List<Trace.Layer> out = new java.util.ArrayList<>();
        for (int l = 0; l <= last; l++) {
            Dense d = layers[l];
            Matrix dA = p.dA[l].copy();
            if (l == last && jointOutputDerivative) { // the shortcut skipped it; show what it stands for
                loss.gradient(p.a[l], y, dA);
                core.kernels().scale(dA.data(), 1f / p.batch, dA.data().length);
            }
            out.add(new Trace.Layer(
                    l + 1,
                    d.activationName,
                    p.z[l].copy(),
                    p.a[l].copy(),
                    dA,
                    p.dZ[l].copy(),
                    d.dW.copy(),
                    d.db.copy()));
        }
        return new Trace(x.copy(), y.copy(), mean, jointOutputDerivative, out);
    }

    /** Sets every gradient buffer to zero. */
    public void zeroGradients() {
        core.zeroGradients();
    }

    /**
     * Computes the outputs for a batch, in buffers of its own.
     *
     * @param x inputs, rows × {@link #inputs()}
     * @return a new rows × {@link #outputs()} matrix owned by the caller
     * @throws ShapeException if x has the wrong number of columns
     */
    public Matrix predict(Matrix x) {
        ShapeException.require(x, x.rows(), inputs(), "predict input (rows × network inputs)");
        return core.predict(x);
    }

    /**
     * Loss and accuracy on a data set, computed in chunks of at most 256 rows.
     *
     * @return the mean loss and the fraction classified right (see the trainer for the rule)
     */
    public Evaluation evaluate(Matrix x, Matrix y) {
        return evaluate(x, y, null);
    }

    /**
     * The loss and the task's figures on a data set, computed in chunks of at most 256 rows.
     *
     * @param y targets as trained (for regression, scaled by {@code targets.scaling()} if it is set)
     * @param targets the task and the target names and scaling; the figures are in the data's units
     * @throws ShapeException if the data or the targets do not fit the network
     */
    public Scores score(Matrix x, Matrix y, Targets targets) {
        return score(x, y, targets.scaling() == null ? y : targets.toDataUnits(y.copy()), targets);
    }

    /**
     * @param y targets as trained, for the loss
     * @param truth the same targets in the data's units, for the figures (y itself without a target scaling)
     */
    Scores score(Matrix x, Matrix y, Matrix truth, Targets targets) {
        targets.check(spec);
        Matrix out = new Matrix(x.rows(), outputs());
        double loss = evaluate(x, y, out).loss();
        return new Scores(
                targets.task(), loss, Scores.metrics(targets.task(), targets.toDataUnits(out), truth, targets.names()));
    }

    /** @param keep receives every row's outputs when not null */
    private Evaluation evaluate(Matrix x, Matrix y, Matrix keep) {
        checkBatch(x, y);
        int chunk = Math.min(256, x.rows());
        Pass p = new Pass(chunk, layers, false);
        Matrix xb = new Matrix(chunk, inputs());
        Matrix yb = new Matrix(chunk, outputs());
        double sum = 0;
        long right = 0;
        for (int start = 0; start < x.rows(); start += chunk) {
            int rows = Math.min(chunk, x.rows() - start);
            if (rows != chunk) {
                p = new Pass(rows, layers, false);
                xb = new Matrix(rows, inputs());
                yb = new Matrix(rows, outputs());
            }
            System.arraycopy(x.data(), start * inputs(), xb.data(), 0, rows * inputs());
            System.arraycopy(y.data(), start * outputs(), yb.data(), 0, rows * outputs());
            Matrix out = core.forward(p, xb);
            if (keep != null) {
                System.arraycopy(out.data(), 0, keep.data(), start * outputs(), rows * outputs());
            }
            sum += core.loss().value(out, yb);
            right += Metrics.correct(out, yb, rows);
        }
        return new Evaluation(sum / x.rows(), (double) right / x.rows());
    }

    /** @return the layers, their loss and their passes: what training steps */
    Layers core() {
        return core;
    }

    private void checkBatch(Matrix x, Matrix y) {
        if (x.rows() < 1) {
            throw new ShapeException("batch: expected at least one row, found 0");
        }
        ShapeException.require(x, x.rows(), inputs(), "inputs x (rows × network inputs)");
        ShapeException.require(y, x.rows(), outputs(), "targets y (rows of x × network outputs)");
    }

    /** @return null if the calling thread now trains this network, else the thread that already does */
    Thread beginTraining() {
        return trainer.compareAndExchange(null, Thread.currentThread());
    }

    void endTraining() {
        trainer.set(null);
    }

    // ---------------------------------------------------------------- parameters

    Dense[] layers() {
        return layers;
    }

    private Dense layer(int l) {
        if (l < 1 || l > layers.length) {
            throw new ShapeException("layer index: expected 1.." + layers.length + ", found " + l);
        }
        return layers[l - 1];
    }

    /** @return a copy of W(l), m(l) × n(l); layers are numbered from 1 */
    public Matrix weights(int l) {
        return layer(l).w.copy();
    }

    /** @return a copy of b(l) as a 1 × n(l) matrix */
    public Matrix biases(int l) {
        return layer(l).b.copy();
    }

    /**
     * @return every parameter in one array, a copy: W(1) row-major, b(1), W(2), b(2), … (for
     *     averaging and sending between data-parallel workers)
     */
    public float[] parameters() {
        int n = 0;
        for (Dense d : layers) {
            n += d.w.data().length + d.b.data().length;
        }
        float[] out = new float[n];
        int at = 0;
        for (Dense d : layers) {
            System.arraycopy(d.w.data(), 0, out, at, d.w.data().length);
            at += d.w.data().length;
            System.arraycopy(d.b.data(), 0, out, at, d.b.data().length);
            at += d.b.data().length;
        }
        return out;
    }

    /**
     * Sets every parameter from one array in {@link #parameters()}'s order.
     *
     * @throws ShapeException if its length is not the network's parameter count
     */
    public void setParameters(float[] values) {
        int n = 0;
        for (Dense d : layers) {
            n += d.w.data().length + d.b.data().length;
        }
        if (values.length != n) {
            throw new ShapeException(
                    "parameters: expected " + n + " values (every W(l) and b(l)), found " + values.length);
        }
        int at = 0;
        for (Dense d : layers) {
            System.arraycopy(values, at, d.w.data(), 0, d.w.data().length);
            at += d.w.data().length;
            System.arraycopy(values, at, d.b.data(), 0, d.b.data().length);
            at += d.b.data().length;
        }
    }

    /** @return the plugin instance computing f(l), layers numbered from 1 (immutable, as every activation is) */
    public org.chainrule.api.Activation activation(int l) {
        return layer(l).f;
    }

    /** @return a copy of the accumulated ∂J/∂W(l) */
    public Matrix weightGradient(int l) {
        return layer(l).dW.copy();
    }

    /** @return a copy of the accumulated ∂J/∂b(l), 1 × n(l) */
    public Matrix biasGradient(int l) {
        return layer(l).db.copy();
    }

    /** Copies {@code w} into W(l). @throws ShapeException naming the layer and both shapes */
    public void setWeights(int l, Matrix w) {
        Dense d = layer(l);
        ShapeException.require(w, d.inputs, d.units, "layer " + l + " weights");
        d.w.copyFrom(w);
    }

    /** Copies {@code b} (1 × n(l)) into b(l). @throws ShapeException naming the layer and both shapes */
    public void setBiases(int l, Matrix b) {
        Dense d = layer(l);
        ShapeException.require(b, 1, d.units, "layer " + l + " biases");
        d.b.copyFrom(b);
    }

    /**
     * Saves the spec, the seed and the parameters to a model file (see {@link Model} for the
     * format). The write is atomic: a temporary file beside {@code file} is forced to disk and
     * renamed over it, so a crash leaves either the old file or the new one.
     *
     * @throws org.chainrule.api.ModelFileException naming the file if it cannot be written
     */
    public void save(Path file) {
        ModelFile.save(file, this, null, null);
    }

    /** @return e.g. {@code 64 → 32 relu → 10 softmax, loss cross_entropy} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputs());
        for (Dense d : layers) {
            s.append(" → ").append(d.units).append(' ').append(d.activationName);
        }
        return s.append(", loss ").append(spec.loss()).toString();
    }

    /**
     * @param loss mean loss per sample
     * @param accuracy fraction of samples classified right, in [0, 1]
     */
    public record Evaluation(double loss, double accuracy) {}
}
