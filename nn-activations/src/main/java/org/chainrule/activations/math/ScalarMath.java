package org.chainrule.activations.math;

/**
 * {@link ElementMath} one element at a time. The constants and the order of operations here are
 * the definition; {@code simd.VectorMath} repeats them lane-wise and must match bit for bit.
 */
public final class ScalarMath implements ElementMath {
    /** log2 e; n = round(x · log2 e) picks the power of two, r = x − n·ln 2 what is left. */
    public static final float LOG2E = 1.44269504088896341f;

    /** ln 2 in two parts (Cody and Waite), so n·LN2_HI is exact and r keeps its low bits. */
    public static final float LN2_HI = 0.693359375f;

    public static final float LN2_LO = -2.12194440e-4f;

    /** 1.5 · 2^23: x + ROUND − ROUND rounds x to the nearest integer (ties to even) for {@code |x| < 2^22}. */
    public static final float ROUND = 12582912f;

    /** e^r = 1 + r + r²·P(r) on |r| ≤ ln2 / 2, P of degree 5 (Cephes expf), highest power first. */
    public static final float[] EXP_P = {
        1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f
    };

    /** tanh x = x + x·z·T(z), z = x², for {@code |x| < TANH_SMALL} (Cephes tanhf), highest power first. */
    public static final float[] TANH_T = {
        -5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f, 1.33314422036e-1f, -3.33332819422e-1f
    };

    /** Below this |x| tanh uses its polynomial; from it on, 1 − 2 / (e^(2|x|) + 1). */
    public static final float TANH_SMALL = 0.625f;

    /** e^x is clamped to this range first: below it rounds to 0, above it to +∞. */
    public static final float EXP_MIN = -104f;

    public static final float EXP_MAX = 89f;

    /** e^x − 1 from above this is e^x − 1 directly (e^x ≥ 2^28 swamps the 1); below −30 it is −1. */
    public static final float EXPM1_BIG = 20f;

    public static final float EXPM1_MIN = -30f;

    /** 1/√2 and 1/√(2π), for the normal distribution's Φ and φ. */
    public static final float INV_SQRT2 = 0.70710678118654752f;

    public static final float INV_SQRT_2PI = 0.39894228040143268f;

    /**
     * erfc a ≈ t·e^(−a² + Q(t)) with t = 1 / (1 + a/2), for a ≥ 0 (Numerical Recipes' erfcc,
     * relative error below 1.2e-7), Q's coefficients highest power first.
     */
    public static final float[] ERFC_Q = {
        0.17087277f,
        -0.82215223f,
        1.48851587f,
        -1.13520398f,
        0.27886807f,
        -0.18628806f,
        0.09678418f,
        0.37409196f,
        1.00002368f,
        -1.26551223f
    };

    /** log(1 + x) = x − x²/2 + x³·L(x) for √½ − 1 ≤ x ≤ √2 − 1 (Cephes logf), highest power first. */
    public static final float[] LOG_P = {
        7.0376836292e-2f,
        -1.1514610310e-1f,
        1.1676998740e-1f,
        -1.2420140846e-1f,
        1.4249322787e-1f,
        -1.6668057665e-1f,
        2.0000714765e-1f,
        -2.4999993993e-1f,
        3.3333331174e-1f
    };

    public static final float SQRT2 = 1.41421356237f;

    /** @return 2^n as a float, for −126 ≤ n ≤ 127 */
    static float pow2(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }

    /** @return e^r − 1 = r + r²·P(r), for the reduced argument r */
    static float expm1Reduced(float r) {
        float p = EXP_P[0];
        for (int i = 1; i < EXP_P.length; i++) {
            p = Math.fma(p, r, EXP_P[i]);
        }
        return Math.fma(r * r, p, r);
    }

    /** @return t = x·log2 e + ROUND, whose low bits hold n = round(x·log2 e) */
    static float scaled(float xc) {
        return Math.fma(xc, LOG2E, ROUND);
    }

    /** @return n, from {@link #scaled} */
    static int n(float t) {
        return Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUND);
    }

    /** @return r = x − n·ln 2, in two steps (Cody and Waite) */
    static float reduced(float t, float xc) {
        float nf = t - ROUND;
        return Math.fma(nf, -LN2_LO, Math.fma(nf, -LN2_HI, xc));
    }

    /** @return (e^r − 1 + 1)·2^n, the power of two in two steps so 2^n below 2^−126 and 2^128 work */
    static float scale(float em1, int n) {
        int n1 = n >> 1;
        return (em1 + 1f) * pow2(n1) * pow2(n - n1);
    }

    /** @return e^x, within 2 ulps; 0 below about −103.97, +∞ above about 88.72, NaN for NaN */
    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t = scaled(xc);
        return scale(expm1Reduced(reduced(t, xc)), n(t));
    }

    /** @return e^x − 1, within 2 ulps and accurate near zero */
    public static float expm1(float x) {
        if (x != x) {
            return x;
        }
        if (x > EXPM1_BIG) {
            return exp(x) - 1f;
        }
        float xc = Math.max(x, EXPM1_MIN);
        float t = scaled(xc);
        float s = pow2(n(t));
        return Math.fma(s, expm1Reduced(reduced(t, xc)), s - 1f); // 2^n (e^r − 1) + (2^n − 1)
    }

    /** @return tanh x */
    public static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            float z = x * x;
            float p = TANH_T[0];
            for (int i = 1; i < TANH_T.length; i++) {
                p = Math.fma(p, z, TANH_T[i]);
            }
            return Math.fma(p * z, x, x);
        }
        float t = 1f - 2f / (exp(2f * a) + 1f);
        return Math.copySign(t, x);
    }

    /**
     * @return Φ(v), the standard normal CDF: erfc(|v|/√2)/2 below zero and 1 − erfc(|v|/√2)/2 from
     *     it, so the lower tail keeps its relative precision
     */
    public static float normalCdf(float v) {
        float a = Math.abs(v) * INV_SQRT2;
        float t = 1f / Math.fma(0.5f, a, 1f);
        float q = ERFC_Q[0];
        for (int i = 1; i < ERFC_Q.length; i++) {
            q = Math.fma(q, t, ERFC_Q[i]);
        }
        float y = t * exp(Math.fma(-0.5f * v, v, q)); // erfc a; −a² = −v²/2 + Q(t) rounded once
        return v >= 0f ? Math.fma(-0.5f, y, 1f) : 0.5f * y;
    }

    /** @return gelu's derivative Φ(v) + v·φ(v), φ(v) = e^(−v²/2)/√(2π) */
    public static float geluDerivative(float v) {
        return Math.fma(v * INV_SQRT_2PI, exp(-0.5f * v * v), normalCdf(v));
    }

    /**
     * @return log(1 + e) for 0 ≤ e ≤ 1: log u of u = 1 + e (halved above √2, adding ln 2), times
     *     e / (u − 1), which restores the bits of e that rounding u lost (Goldberg)
     */
    static float log1pUnit(float e) {
        float u = 1f + e;
        boolean half = u > SQRT2;
        float x = (half ? u * 0.5f : u) - 1f;
        float z = x * x;
        float p = LOG_P[0];
        for (int i = 1; i < LOG_P.length; i++) {
            p = Math.fma(p, x, LOG_P[i]);
        }
        float k = half ? 1f : 0f;
        float y = Math.fma(-0.5f, z, Math.fma(k, LN2_LO, x * z * p));
        float log = Math.fma(k, LN2_HI, x + y);
        return u == 1f ? e : log * (e / (u - 1f));
    }

    /** @return softplus v = log(1 + e^v) = max(v, 0) + log(1 + e^−|v|) */
    public static float softplus(float v) {
        return Math.max(v, 0f) + log1pUnit(exp(-Math.abs(v)));
    }

    /** @return 1 / (1 + e^−v), from e^−|v| ≤ 1 so nothing overflows */
    public static float sigmoid(float v) {
        float e = exp(-Math.abs(v));
        float r = 1f / (1f + e);
        return v < 0f ? e * r : r;
    }

    @Override
    public void sigmoid(float[] x, float s, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = sigmoid(s * x[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = tanh(x[i]);
        }
    }

    @Override
    public void exp(float[] x, float shift, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = exp(x[i] - shift);
        }
    }

    @Override
    public void gelu(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[i] * normalCdf(x[i]);
        }
    }

    @Override
    public void geluBackward(float[] x, float[] g, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = geluDerivative(x[i]) * g[i];
        }
    }

    @Override
    public void reluBackward(float[] z, float[] g, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & positiveMask(z[i]));
        }
    }

    /**
     * @return all ones when z > 0 (+infinity included), else 0 (for 0, −0, negatives and NaN), from
     *     integer arithmetic on the bits: a comparison would compile to a branch that random signs
     *     mispredict half the time.
     */
    public static int positiveMask(float z) {
        int bits = Float.floatToRawIntBits(z);
        return ((0 - bits) >> 31) & ~(bits >> 31) & ~((0x7f800000 - bits) >> 31);
    }

    @Override
    public void softplus(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = softplus(x[i]);
        }
    }

    @Override
    public void expm1(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = expm1(x[i]);
        }
    }
}
