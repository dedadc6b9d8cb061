package org.chainrule.engine.training;

import java.util.Map;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.NumericException;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.network.Dense;
import org.chainrule.engine.network.Layers;

/**
 * One step of mini-batch gradient descent, the same wherever it runs (local training, a
 * data-parallel partition): the forward pass and the chain rule write the batch's
 * gradients, the loss and the gradient norm are checked finite, the whole gradient is clipped if
 * the optimizer asks, and each parameter's updater takes its step. Allocates nothing.
 */
public final class Stepper {
    private final Layers net;
    private final NetworkSpec spec;
    private final Map<String, String> origins;
    private final Dense[] layers;
    private final ParameterUpdater[] weightUpdaters;
    private final ParameterUpdater[] biasUpdaters;
    private final double clip;
    private final Kernels kernels;

    /**
     * @param net the layers trained
     * @param spec what the layers were built from, for messages
     * @param origins where each plugin came from ({@code "activation mish"} → its jar), for messages
     * @param weightUpdaters one per layer, for W(l)
     * @param biasUpdaters one per layer, for b(l)
     * @param clip the gradient norm the whole gradient is scaled down to when it is larger; 0: none
     */
    public Stepper(
            Layers net,
            NetworkSpec spec,
            Map<String, String> origins,
            ParameterUpdater[] weightUpdaters,
            ParameterUpdater[] biasUpdaters,
            double clip,
            Kernels kernels) {
        this.net = net;
        this.spec = spec;
        this.origins = origins;
        this.layers = net.dense();
        this.weightUpdaters = weightUpdaters;
        this.biasUpdaters = biasUpdaters;
        this.clip = clip;
        this.kernels = kernels;
    }

    /**
     * @param batch the batch's inputs and targets, as {@link Layers#batchBuffers} made them
     * @param correct adds the batch's correctly classified samples to {@code correct[0]}
     * @param step the step's number t (from 1), which updaters such as Adam's bias correction use
     * @param epoch for messages: the epoch, the batch (from 0) and the batches of the epoch
     * @return the batch's mean loss
     * @throws NumericException naming epoch, step and batch if the loss or gradient is not finite;
     *     the parameters are then left as they were
     */
    public double step(Matrix[] batch, int[] correct, long step, int epoch, int b, int batches) {
        double loss = net.step(batch[0], batch[1], correct, false); // gradients written, not added
        if (!Double.isFinite(loss)) {
            throw diverged("the loss is " + loss, batch, epoch, step, b, batches);
        }
        double norm = Math.sqrt(sumOfSquares());
        if (!Double.isFinite(norm)) {
            throw diverged("the gradient norm is " + norm, batch, epoch, step, b, batches);
        }
        if (clip > 0 && norm > clip) {
            scale((float) (clip / norm));
        }
        for (int l = 0; l < layers.length; l++) {
            weightUpdaters[l].update(layers[l].w.data(), layers[l].dW.data(), step);
            biasUpdaters[l].update(layers[l].b.data(), layers[l].db.data(), step);
        }
        return loss;
    }

    /**
     * @return the error for a non-finite loss or gradient, naming where the first NaN or infinity
     *     arose: a plugin that made it from finite inputs is named as the culprit; otherwise an
     *     overflow, for which the learning rate, clipping or the data are the remedies
     */
    private NumericException diverged(String what, Matrix[] batch, int epoch, long step, int b, int batches) {
        Divergence.Finding found = Divergence.explain(net, spec, origins, batch[0], batch[1]);
        if (found == null && what.startsWith("the gradient norm")) {
            found = new Divergence.Finding("every gradient is finite, but the sum of their squares overflowed", false);
        }
        String at = "training diverged: " + what + " at epoch " + epoch + ", step " + step + ", batch " + (b + 1)
                + " of " + batches + "; the parameters were not updated with it";
        if (found != null && found.pluginAtFault()) {
            return new NumericException(at + ". First non-finite value: " + found.where());
        }
        return new NumericException(at + (found == null ? "" : ". First non-finite value: " + found.where())
                + ". Lower the learning rate, clip the gradient or check the data");
    }

    /** @return ‖g‖², the squared L2 norm of every gradient of the network together */
    private double sumOfSquares() {
        double sq = 0;
        for (Dense d : layers) {
            sq += kernels.sumOfSquares(d.dW.data(), d.dW.data().length);
            sq += kernels.sumOfSquares(d.db.data(), d.db.data().length);
        }
        return sq;
    }

    /** Scales every gradient by {@code s} (clipping: s = maxNorm/‖g‖). */
    private void scale(float s) {
        for (Dense d : layers) {
            kernels.scale(d.dW.data(), s, d.dW.data().length);
            kernels.scale(d.db.data(), s, d.db.data().length);
        }
    }
}
