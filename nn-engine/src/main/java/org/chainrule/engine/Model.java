package org.chainrule.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.ShapeException;
import org.chainrule.api.Task;
import org.chainrule.engine.network.Metrics;

/**
 * A trained network, frozen: what an application loads and predicts with.
 *
 * <pre>{@code
 * Chainrule cr = Chainrule.create();
 * Model model = cr.load(Path.of("digits.safetensors"));
 * float[] probabilities = model.predict(pixels);     // one sample, model.inputs() values
 * int digit = model.predictClass(pixels);
 * }</pre>
 *
 * <p><b>Immutable and thread-safe.</b> A model holds its own copy of the parameters and nothing
 * ever changes them, so any number of threads may call every method at once; each call works in
 * scratch buffers of its own. Results do not depend on how many threads call: a prediction is
 * bitwise the same from one thread or eight.
 *
 * <p><b>The file</b> ({@link #save}) is a safetensors file that Python's {@code safetensors} and
 * similar readers open: tensors {@code layers.{l}.weight} of shape [m(l), n(l)] (W(l) of docs/math.md,
 * inputs × outputs) and {@code layers.{l}.bias} [n(l)] for l = 1..L, float32 little-endian; its
 * {@code __metadata__} holds {@code format=chainrule}, {@code format_version}, {@code kind=model},
 * {@code chainrule_version}, the network {@code spec} as JSON, the {@code seed}, the
 * {@code sha256} of the data section and the {@code header_sha256} of the header as written, so
 * that loading refuses a file whose parameters or whose spec and metadata were changed; since
 * format 1.2 also the {@code task} and the {@code targets}' names, and a regression model's target
 * scaling as tensors {@code target.mean} and {@code target.scale} [outputs].
 */
public final class Model {
    private final Network net; // a private copy; never trained, so its parameters never change
    private final InputScaling scaling; // null: the inputs go to the network as they are
    private final Targets targets;

    Model(Network net, InputScaling scaling, Targets targets) {
        this.net = Objects.requireNonNull(net, "net is null");
        if (scaling != null && scaling.features() != net.inputs()) {
            throw new ShapeException("input scaling: expected " + net.inputs()
                    + " features (the network inputs), found " + scaling.features());
        }
        this.scaling = scaling;
        this.targets = targets == null ? Targets.of(net.spec()) : targets;
        this.targets.check(net.spec());
    }

    /** @return the task the model does: what its outputs mean */
    public Task task() {
        return targets.task();
    }

    /** @return the task, the output names and, for regression, the target scaling undone by {@link #predict} */
    public Targets targets() {
        return targets;
    }

    /** @return the scaling applied to raw inputs before the network, if the model has one */
    public Optional<InputScaling> inputScaling() {
        return Optional.ofNullable(scaling);
    }

    /** @return the specification the network was built from */
    public NetworkSpec spec() {
        return net.spec();
    }

    /** @return the seed the network was initialised from before training */
    public long seed() {
        return net.seed();
    }

    /** @return the number of input features per sample */
    public int inputs() {
        return net.inputs();
    }

    /** @return the number of outputs per sample */
    public int outputs() {
        return net.outputs();
    }

    /**
     * @param x one sample, {@link #inputs()} values
     * @return the network's {@link #outputs()} outputs: the class probabilities (multiclass), the
     *     probability of class 1 (binary), one probability per label (multi-label), or the values
     *     in the data's units (regression: the target scaling undone)
     * @throws ShapeException if {@code x} has the wrong length
     */
    public float[] predict(float[] x) {
        Objects.requireNonNull(x, "x is null");
        if (x.length != inputs()) {
            throw new ShapeException("predict input: expected " + inputs() + " values, found " + x.length);
        }
        return predict(Matrix.wrap(1, x.length, x)).data();
    }

    /**
     * @param x samples, one per row, each of {@link #inputs()} values
     * @return one row of outputs per sample
     * @throws ShapeException naming the first row of the wrong length
     */
    public float[][] predict(float[][] x) {
        Objects.requireNonNull(x, "x is null");
        if (x.length == 0) {
            return new float[0][];
        }
        return predict(Matrix.of(x)).toArray();
    }

    /**
     * @param x raw samples × {@link #inputs()} (scaled by the model's input scaling, if any, in a copy)
     * @return a new samples × {@link #outputs()} matrix, in the data's units (see {@link #predict(float[])})
     */
    public Matrix predict(Matrix x) {
        Objects.requireNonNull(x, "x is null");
        return targets.toDataUnits(net.predict(scaling == null ? x : scaling.apply(x)));
    }

    /**
     * @param x one sample
     * @return the predicted class: the index of the largest output (the first on ties), or with a
     *     single output 1 when it is at least ½ and 0 otherwise
     */
    public int predictClass(float[] x) {
        requireClasses();
        float[] out = predict(x);
        return Metrics.classOf(out, 0, out.length);
    }

    /** @return the predicted class of every row of {@code x} (see {@link #predictClass(float[])}) */
    public int[] predictClasses(float[][] x) {
        requireClasses();
        float[][] out = predict(x);
        int[] classes = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            classes[i] = Metrics.classOf(out[i], 0, out[i].length);
        }
        return classes;
    }

    /**
     * @throws ConfigException for a multi-label or regression model, whose samples have no single class
     */
    private void requireClasses() {
        if (task() == Task.MULTILABEL || task() == Task.REGRESSION) {
            throw new ConfigException("predictClass: a " + task().id() + " model has no single class per sample;"
                    + " expected predict, which gives "
                    + (task() == Task.REGRESSION ? "the values in the data's units" : "one probability per label"));
        }
    }

    /**
     * @param data raw features, and targets in the data's units
     * @return the mean loss (in the units the model was trained in) and the accuracy on {@code data}
     *     (NaN for the multi-label and regression tasks; see {@link #score})
     */
    public Network.Evaluation evaluate(Dataset data) {
        Scores s = score(data);
        return new Network.Evaluation(s.loss(), s.metrics().getOrDefault("accuracy", Double.NaN));
    }

    /**
     * @param data raw features, and targets in the data's units
     * @return the mean loss (in the units the model was trained in) and the task's figures
     * @throws org.chainrule.api.ShapeException if the data does not fit the model
     * @throws org.chainrule.api.DataException if a class task's target is outside [0, 1]
     */
    public Scores score(Dataset data) {
        Objects.requireNonNull(data, "data is null");
        task().checkTargets(data.y(), "data set");
        Matrix y = targets.scaling() == null ? data.y() : targets.scaling().apply(data.y());
        return net.score(scaling == null ? data.x() : scaling.apply(data.x()), y, data.y(), targets);
    }

    /** @return a copy of W(l), layers numbered from 1 */
    public Matrix weights(int l) {
        return net.weights(l);
    }

    /** @return a copy of b(l) as a 1 × n(l) matrix */
    public Matrix biases(int l) {
        return net.biases(l);
    }

    /** @return the plugin instance computing f(l), layers numbered from 1; for exporters */
    public org.chainrule.api.Activation activation(int l) {
        return net.activation(l);
    }

    /**
     * Writes the model as an ONNX graph (opset {@value org.chainrule.api.OnnxForm#OPSET}) that ONNX
     * Runtime and other servers run: the input scaling, a {@code Gemm} and the activation's
     * operators per layer, and for regression the target scaling undone, so the graph's
     * {@code output} equals {@link #predict(Matrix)} for the raw {@code input} (batch × inputs,
     * any batch size). Written atomically.
     *
     * <p>This needs the {@code org.chainrule:nn-onnx} module on the module or class path (found
     * with {@link java.util.ServiceLoader} as a {@link ModelExporter} for {@code onnx}).
     *
     * @throws ConfigException if nn-onnx is absent, or an activation has no ONNX form (named)
     * @throws org.chainrule.api.ModelFileException naming the file if it cannot be written
     */
    public void exportOnnx(Path file) {
        ModelExporter.find("onnx").export(this, file);
    }

    /**
     * Writes the model file atomically (a temporary file beside it, forced to disk, renamed over
     * it): a crash mid-save leaves the previous file intact.
     *
     * @throws org.chainrule.api.ModelFileException naming the file if it cannot be written
     */
    public void save(Path file) {
        ModelFile.save(file, net, scaling, targets);
    }

    /** @return e.g. {@code 64 → 32 relu → 10 softmax, loss cross_entropy} */
    @Override
    public String toString() {
        return net.toString();
    }
}
