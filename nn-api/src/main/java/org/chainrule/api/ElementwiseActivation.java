package org.chainrule.api;

/**
 * Convenience base for an activation applied element by element: give the scalar f and its
 * derivative, and this class supplies the batch loops and shape checks.
 *
 * <pre>{@code
 * public final class Square extends ElementwiseActivation {
 *     protected float apply(float z) { return z * z; }
 *     protected float derivative(float z, float a) { return 2 * z; }
 * }
 * }</pre>
 *
 * <p>The loops call {@link #apply} and {@link #derivative} once per element; that is fine for a
 * plugin written quickly, and a plugin that needs full speed overrides {@link #forward} and
 * {@link #backward} with its own loops (as Chainrule's built-in activations do).
 */
public abstract class ElementwiseActivation implements Activation {
    /** For subclasses. */
    protected ElementwiseActivation() {}

    /**
     * @param z one pre-activation
     * @return f(z)
     */
    protected abstract float apply(float z);

    /**
     * @param z one pre-activation
     * @param a f(z), as computed by {@link #apply}, for functions whose derivative is cheaper
     *     from the output (sigmoid: a(1 − a))
     * @return f'(z)
     */
    protected abstract float derivative(float z, float a);

    @Override
    public void forward(Matrix z, Matrix a) {
        ShapeException.requireSame(z, a, "activation output");
        float[] zs = z.data();
        float[] as = a.data();
        for (int i = 0; i < zs.length; i++) {
            as[i] = apply(zs[i]);
        }
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        ShapeException.requireSame(z, a, "activation backward: a");
        ShapeException.requireSame(z, dA, "activation backward: dA");
        ShapeException.requireSame(z, dZ, "activation backward: dZ");
        float[] zs = z.data();
        float[] as = a.data();
        float[] g = dA.data();
        float[] out = dZ.data();
        for (int i = 0; i < zs.length; i++) {
            out[i] = derivative(zs[i], as[i]) * g[i];
        }
    }
}
