package org.chainrule.engine.network;

import java.util.Arrays;
import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Loss;
import org.chainrule.api.Matrix;
import org.chainrule.engine.kernel.Kernels;

/**
 * The layered chain rule (docs/math.md#layered-chain-rule): a network's dense layers, its loss, and
 * its forward and backward passes on the kernels. Layers are numbered 1..L in the docs and 0..L−1
 * here; layer l has W(l) of shape m(l) × n(l) and b(l) of length n(l):
 *
 * <pre>
 *   forward:   Z(l) = A(l−1)·W(l) + 1·b(l)ᵀ      A(l) = f(l)(Z(l))        A(0) = X, one sample per row
 *   backward:  ∂J/∂A(L) = ∇loss / n               ∂J/∂A(l) = ∂J/∂Z(l+1)·W(l+1)ᵀ
 *              ∂J/∂Z(l) = f(l)′ applied to ∂J/∂A(l)    (or (A(L) − Y)/n with the loss's canonical link)
 *              ∂J/∂W(l) = A(l−1)ᵀ·∂J/∂Z(l)         ∂J/∂b(l) = column sums of ∂J/∂Z(l)
 * </pre>
 *
 * <p>It keeps one set of training buffers per batch size (the two most recent sizes: a full batch
 * and the last, shorter one), so a training step allocates nothing once they exist. Training
 * methods are not thread-safe; {@link #predict} allocates its own buffers and only reads the
 * parameters.
 */
public final class Layers {
    private final Kernels kernels;
    private final Dense[] layers;
    private final Loss loss;
    private final boolean jointOutputDerivative;
    private Pass recent;
    private Pass older;

    /**
     * @param layers the layers, input first; the array is kept, not copied
     * @param loss the loss of the output layer
     */
    public Layers(Kernels kernels, Dense[] layers, Loss loss) {
        this.kernels = kernels;
        this.layers = layers;
        this.loss = loss;
        CanonicalLink link = loss.canonicalLink();
        this.jointOutputDerivative = link != CanonicalLink.NONE && link == layers[layers.length - 1].f.link();
    }

    /** @return the layers themselves (not a copy), input first */
    public Dense[] dense() {
        return layers;
    }

    /** @return the loss plugin */
    public Loss loss() {
        return loss;
    }

    /** @return the kernels the passes run on */
    public Kernels kernels() {
        return kernels;
    }

    /** @return whether the output layer's activation is the loss's canonical link, so ∂J/∂Z(L) = (A − Y)/n */
    public boolean usesJointOutputDerivative() {
        return jointOutputDerivative;
    }

    // ---------------------------------------------------------------- the layered chain rule

    /**
     * The forward pass: for every layer, pre-activation then activation.
     *
     * @return the output A(L), a buffer of {@code p}
     */
    public Matrix forward(Pass p, Matrix x) {
        Matrix below = x;
        for (int l = 0; l < layers.length; l++) {
            Dense layer = layers[l];
            kernels.gemm(below.data(), layer.w.data(), p.z[l].data(), p.batch, layer.inputs, layer.units, false);
            kernels.addRowVector(p.z[l].data(), layer.b.data(), p.batch, layer.units); // Z = A(l−1)·W + 1·bᵀ
            layer.f.forward(p.z[l], p.a[l]); // A = f(Z)
            below = p.a[l];
        }
        return p.output();
    }

    /**
     * Back-propagation, for every layer in reversed order. The objective is the batch mean, so
     * ∂J/∂A(L) is the loss gradient divided by the batch size.
     */
    private void backward(Pass p, Matrix x, Matrix y, boolean accumulate) {
        int n = p.batch;
        int last = layers.length - 1;
        for (int l = last; l >= 0; l--) {
            Dense layer = layers[l];
            if (l == last) {
                if (jointOutputDerivative) {
                    // docs/math.md#joint-output-derivative: with the loss's canonical link, ∂J/∂Z(L) = (A(L) − Y) / n
                    // directly.
                    kernels.scaledDifference(p.a[l].data(), y.data(), 1f / n, p.dZ[l].data(), n * layer.units);
                    parameterGradients(p, x, l, accumulate);
                    continue;
                }
                loss.gradient(p.a[l], y, p.dA[l]); // ∂J/∂A(L), from the loss plugin
                kernels.scale(p.dA[l].data(), 1f / n, n * layer.units);
            } else {
                Dense above = layers[l + 1]; // link two layers: ∂J/∂A(l) = ∂J/∂Z(l+1) · W(l+1)ᵀ
                kernels.gemmNT(p.dZ[l + 1].data(), above.w.data(), p.dA[l].data(), n, above.units, layer.units, false);
            }
            layer.f.backward(p.z[l], p.a[l], p.dA[l], p.dZ[l]); // within layer: ∂J/∂Z = (∂A/∂Z)ᵀ ∂J/∂A
            parameterGradients(p, x, l, accumulate);
        }
    }

    /**
     * Weights and biases: ∂J/∂W(l) (+)= A(l−1)ᵀ · ∂J/∂Z(l), ∂J/∂b(l) (+)= column sums of ∂J/∂Z(l);
     * added to the buffers when {@code accumulate}, else written over them (bitwise the same as
     * adding to zeroed buffers, without the pass that zeroes them).
     */
    private void parameterGradients(Pass p, Matrix x, int l, boolean accumulate) {
        Dense layer = layers[l];
        Matrix below = l == 0 ? x : p.a[l - 1];
        kernels.gemmTN(below.data(), p.dZ[l].data(), layer.dW.data(), layer.inputs, p.batch, layer.units, accumulate);
        kernels.columnSums(p.dZ[l].data(), p.batch, layer.units, layer.db.data(), accumulate);
    }

    // ---------------------------------------------------------------- steps and passes

    /**
     * Forward, backward, and optionally the number of rows classified right into {@code
     * correct[0]}, in the training buffers of the batch's size; the gradients are added to the
     * buffers when {@code accumulate}, else replace them. The caller checks the shapes.
     *
     * @return the mean loss over the batch, before any update
     */
    public double step(Matrix x, Matrix y, int[] correct, boolean accumulate) {
        Pass p = trainingPass(x.rows());
        Matrix out = forward(p, x);
        double value = loss.value(out, y);
        if (correct != null) {
            correct[0] += Metrics.correct(out, y, x.rows());
        }
        backward(p, x, y, accumulate);
        return value / x.rows();
    }

    /** @return the buffers of the last training step, or null before the first */
    public Pass lastStep() {
        return recent;
    }

    /** @return J, the mean loss of the batch, from a forward pass in buffers of its own */
    public double meanLoss(Matrix x, Matrix y) {
        Pass p = new Pass(x.rows(), layers, false);
        return loss.value(forward(p, x), y) / x.rows();
    }

    /** @return the outputs for a batch, a new matrix, from a forward pass in buffers of its own */
    public Matrix predict(Matrix x) {
        return forward(new Pass(x.rows(), layers, false), x);
    }

    /** Sets every gradient buffer to zero. */
    public void zeroGradients() {
        for (Dense layer : layers) {
            Arrays.fill(layer.dW.data(), 0f);
            Arrays.fill(layer.db.data(), 0f);
        }
    }

    /**
     * @return buffers of {@code rows} inputs and targets that live with the training buffers for
     *     that batch size, so repeated training runs reuse them
     */
    public Matrix[] batchBuffers(int rows) {
        return trainingPass(rows).inputsAndTargets;
    }

    private Pass trainingPass(int batch) {
        if (recent != null && recent.batch == batch) {
            return recent;
        }
        if (older != null && older.batch == batch) {
            Pass t = older;
            older = recent;
            recent = t;
            return t;
        }
        older = recent;
        recent = new Pass(batch, layers, true);
        return recent;
    }
}
