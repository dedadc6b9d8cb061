package org.chainrule.api;

/**
 * An activation function f applied to a batch of pre-activations, A = f(Z), with its backward
 * step dZ = (∂A/∂Z)ᵀ dA (docs/math.md#layered-chain-rule). Both calls work on whole batches (one sample per row);
 * the engine never calls a plugin per element.
 *
 * <p>Buffers: the engine owns every matrix passed in. {@code z}, {@code a} and {@code dA} are
 * inputs and must not be modified; the call writes every element of its output ({@code a} in
 * forward, {@code dZ} in backward) and keeps no reference. All four matrices have the same
 * shape (batch × units); {@code dZ} may be the same object as {@code dA} only if the
 * implementation documents that it tolerates aliasing, and the engine never aliases them.
 *
 * <p>Implementations must be safe to call from several threads at once (keep no mutable state).
 * Element-wise functions can extend {@link ElementwiseActivation} and give only f and f'.
 */
public interface Activation {
    /**
     * Computes A = f(Z).
     *
     * @param z pre-activations, batch × units (read only)
     * @param a output, same shape; every element is written
     */
    void forward(Matrix z, Matrix a);

    /**
     * Computes dZ = (∂A/∂Z)ᵀ dA: f'(Z) ⊙ dA for an element-wise f, a Jacobian-vector product per
     * row for a row-wise f such as softmax.
     *
     * @param z the pre-activations of the forward call (read only)
     * @param a the outputs of the forward call, f(z) (read only)
     * @param dA ∂loss/∂A, same shape (read only)
     * @param dZ output ∂loss/∂Z, same shape; every element is written
     */
    void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ);

    /**
     * @return the canonical link this activation realises, so a matching loss can use the joint
     *     derivative (see {@link CanonicalLink}); {@link CanonicalLink#NONE} by default
     */
    default CanonicalLink link() {
        return CanonicalLink.NONE;
    }

    /**
     * @return true if f' is zero almost everywhere (a step function): every layer below it then
     *     receives zero gradient and never learns (docs/warnings.md#zero-derivative). The engine warns when such an
     *     activation sits below the output layer.
     */
    default boolean blocksGradient() {
        return false;
    }

    /**
     * @return f written as ONNX operators, for exporting a model that uses it (see {@link OnnxForm});
     *     empty by default, and the exporter then refuses the model naming this activation
     */
    default java.util.Optional<OnnxForm> onnx() {
        return java.util.Optional.empty();
    }
}
