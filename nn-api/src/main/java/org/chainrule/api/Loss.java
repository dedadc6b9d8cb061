package org.chainrule.api;

/**
 * A per-sample loss ℓ(a, y) between the network's output row a and its target row y. The
 * training objective is the mean of ℓ over the batch (docs/math.md#objective); the engine does the
 * averaging, so both methods here work per sample.
 *
 * <p>Buffers: {@code a} and {@code y} are inputs owned by the engine (batch × outputs, same
 * shape); {@code gradient} writes every element of {@code dA} and keeps no reference.
 * Implementations must be numerically safe: finite values and gradients for saturated outputs
 * (for example clamp logarithms at −100 and denominators away from zero, as PyTorch does).
 * Implementations must be safe to call from several threads at once.
 */
public interface Loss {
    /**
     * @param a outputs, batch × outputs (read only)
     * @param y targets, same shape (read only)
     * @return Σ over rows of ℓ(a_i, y_i) — the sum, not the mean — in double precision
     */
    double value(Matrix a, Matrix y);

    /**
     * Writes ∂ℓ(a_i, y_i)/∂a_i for every row i (per sample: not divided by the batch size).
     *
     * @param a outputs (read only)
     * @param y targets (read only)
     * @param dA output, same shape; every element is written
     */
    void gradient(Matrix a, Matrix y, Matrix dA);

    /**
     * @return the output activation link with which this loss has the joint derivative
     *     ∂ℓ/∂Z = A − Y (see {@link CanonicalLink}); {@link CanonicalLink#NONE} by default
     */
    default CanonicalLink canonicalLink() {
        return CanonicalLink.NONE;
    }
}
