package org.chainrule.activations.math;

import java.util.Optional;

/**
 * The transcendental loops of the built-in activations, over whole arrays: e^x, e^x − 1, tanh, the
 * logistic function, softplus and the normal CDF (gelu); and relu's backward select, which C2 does
 * not vectorise on its own (1.1 against 0.16 ns an element on a Zen 3). Two implementations of the same algorithms (Cephes-style range
 * reduction and minimax polynomials, in float, with FMA): {@link ScalarMath}, one element at a
 * time, and {@code simd.VectorMath} on the Vector API, about 20× faster than {@code
 * java.lang.Math}. The activations' {@code MathChoice} picks one per JVM, by whether the Vector
 * API is there (no system property): the two give the same bits, so the choice is one of speed.
 *
 * <p>Why not the Vector API's own {@code EXP} and {@code TANH}: compiled by C2 they call a SIMD
 * library, interpreted they call {@code java.lang.Math} lane by lane, and the two differ in the
 * last bits, so a result depended on whether the method had been compiled yet (the plugin
 * conformance kit caught it as different results on another thread). These algorithms use only
 * operations IEEE 754 rounds exactly (add, multiply, divide, FMA, integer bits), so:
 *
 * <ul>
 *   <li>the scalar and the vector implementation give bitwise the same results (tested), with or
 *       without {@code jdk.incubator.vector}, compiled or not;
 *   <li>each result depends only on its own input, never on its position in the array, so a
 *       sample gets the same activations alone as in a batch;
 *   <li>results are within a few ulps of the correctly rounded value (tested against {@code
 *       java.lang.Math} in double precision); gelu and its derivative within 5e-6 relative (the
 *       normal CDF through Numerical Recipes' erfc approximation, tested against a series and a
 *       continued fraction in double).
 * </ul>
 *
 * <p>{@code out} may be the same array as {@code x} in every method.
 */
public interface ElementMath {
    /** out[i] = σ(s·x[i]) = 1 / (1 + e^(−s·x[i])) for {@code i < len}, computed so that e^x never overflows. */
    void sigmoid(float[] x, float s, float[] out, int len);

    /** out[i] = tanh x[i] for {@code i < len}. */
    void tanh(float[] x, float[] out, int len);

    /** out[i] = e^(x[i] − shift) for {@code from ≤ i < to} (a softmax row, shifted by its maximum). */
    void exp(float[] x, float shift, float[] out, int from, int to);

    /** out[i] = e^x[i] − 1 for {@code i < len}, accurate near zero. */
    void expm1(float[] x, float[] out, int len);

    /** out[i] = log(1 + e^x[i]) = max(x[i], 0) + log(1 + e^−|x[i]|) for {@code i < len}. */
    void softplus(float[] x, float[] out, int len);

    /** out[i] = x[i]·Φ(x[i]) for {@code i < len}, Φ the standard normal CDF (gelu, its exact form). */
    void gelu(float[] x, float[] out, int len);

    /** out[i] = (Φ(x[i]) + x[i]·φ(x[i]))·g[i] for {@code i < len}: gelu's derivative times the gradient g. */
    void geluBackward(float[] x, float[] g, float[] out, int len);

    /**
     * out[i] = g[i] where z[i] > 0 (+∞ included), else +0 (for 0, −0, negatives and NaN), for
     * {@code i < len}: relu's derivative times the gradient g, g's bits kept as they are.
     */
    void reluBackward(float[] z, float[] g, float[] out, int len);

    /** @return whether the Vector API can be used in this JVM: {@code jdk.incubator.vector} is in the boot layer */
    static boolean vectorAvailable() {
        Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
        return vector.isPresent() && ElementMath.class.getModule().canRead(vector.get());
    }
}
