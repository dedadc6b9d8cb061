package org.chainrule.api;

/**
 * The rule that lets the engine take the simple joint derivative of an output activation and a
 * loss (docs/math.md#joint-output-derivative): when the output layer's {@link Activation#link()} and the
 * {@link Loss#canonicalLink()} are the same value other than {@link #NONE}, the loss is the
 * negative log-likelihood whose natural parameter is the pre-activation Z, and
 *
 * <pre>  ∂ℓ/∂Z = A − Y   (per sample)</pre>
 *
 * which is exactly what the two-step chain rule (∂A/∂Z)ᵀ·∂ℓ/∂A gives, without the division by A
 * that overflows when the output saturates. The engine then skips {@code Loss.gradient} and
 * {@code Activation.backward} for the output layer.
 *
 * <p>A third-party plugin may declare a link only if that identity holds for it: a softmax-like
 * activation with {@link #SOFTMAX} must compute a = exp(z_i)/Σ exp(z_j) row-wise, and a loss
 * declaring {@link #SOFTMAX} must be −Σ y log a. The conformance kit ({@code nn-testkit}) checks a
 * declared link against the two chain-rule steps it replaces, and the engine's tests check every
 * installed pair that declares one.
 */
public enum CanonicalLink {
    /** no joint derivative; the engine runs the two-step chain rule */
    NONE,
    /** a = 1/(1 + e^−z) element-wise, paired with binary NLL −(y log a + (1−y) log(1−a)) */
    LOGISTIC,
    /** a = softmax(z) row-wise, paired with multiclass cross-entropy −Σ y log a */
    SOFTMAX
}
