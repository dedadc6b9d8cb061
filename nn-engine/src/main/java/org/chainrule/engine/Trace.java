package org.chainrule.engine;

import java.util.List;
import org.chainrule.api.Matrix;

/**
 * One batch's forward pass and back-propagation through a network, layer by layer, in the
 * notation of docs/math.md#layered-chain-rule. Gradients are of the batch-mean objective J; every matrix is a copy.
 *
 * @param x the inputs A(0), batch × m(1)
 * @param y the targets, batch × n(L)
 * @param loss J, the mean loss over the batch
 * @param jointOutputDerivative whether ∂J/∂Z(L) was computed directly as (A(L) − Y)/n
 * @param layers layer 1 to L
 */
public record Trace(Matrix x, Matrix y, double loss, boolean jointOutputDerivative, List<Layer> layers) {
    /** Copies the list. */
    public Trace {
        layers = List.copyOf(layers);
    }

    /**
     * @param layer l, from 1
     * @param activation the activation's name and parameters
     * @param z Z(l) = A(l−1)·W(l) + 1·b(l)ᵀ, batch × n(l)
     * @param a A(l) = f(Z(l))
     * @param dA ∂J/∂A(l) (for the output layer: the loss gradient over n, also when the joint
     *     derivative skipped it)
     * @param dZ ∂J/∂Z(l)
     * @param dW ∂J/∂W(l) = A(l−1)ᵀ·∂J/∂Z(l), m(l) × n(l)
     * @param db ∂J/∂b(l), the column sums of ∂J/∂Z(l), 1 × n(l)
     */
    public record Layer(int layer, String activation, Matrix z, Matrix a, Matrix dA, Matrix dZ, Matrix dW, Matrix db) {}
}
