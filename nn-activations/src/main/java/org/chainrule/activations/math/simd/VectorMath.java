package org.chainrule.activations.math.simd;

import static org.chainrule.activations.math.ScalarMath.EXPM1_BIG;
import static org.chainrule.activations.math.ScalarMath.EXPM1_MIN;
import static org.chainrule.activations.math.ScalarMath.EXP_MAX;
import static org.chainrule.activations.math.ScalarMath.EXP_MIN;
import static org.chainrule.activations.math.ScalarMath.INV_SQRT2;
import static org.chainrule.activations.math.ScalarMath.INV_SQRT_2PI;
import static org.chainrule.activations.math.ScalarMath.LN2_HI;
import static org.chainrule.activations.math.ScalarMath.LN2_LO;
import static org.chainrule.activations.math.ScalarMath.LOG2E;
import static org.chainrule.activations.math.ScalarMath.ROUND;
import static org.chainrule.activations.math.ScalarMath.SQRT2;
import static org.chainrule.activations.math.ScalarMath.TANH_SMALL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.chainrule.activations.math.ElementMath;
import org.chainrule.activations.math.ScalarMath;

/**
 * {@link ElementMath} on the Vector API with the preferred species: {@link ScalarMath}'s algorithms
 * lane-wise, operation for operation, so the results are bitwise the same. Each loop's last pass
 * runs under a mask through the same code. Only {@link #create} is
 * called from outside this package, and only once {@code jdk.incubator.vector} is known to be
 * readable; no other class of the module mentions a vector type.
 */
public final class VectorMath implements ElementMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final FloatVector P0_V = FloatVector.broadcast(S, ScalarMath.EXP_P[0]);
    private static final FloatVector P1_V = FloatVector.broadcast(S, ScalarMath.EXP_P[1]);
    private static final FloatVector P2_V = FloatVector.broadcast(S, ScalarMath.EXP_P[2]);
    private static final FloatVector P3_V = FloatVector.broadcast(S, ScalarMath.EXP_P[3]);
    private static final FloatVector P4_V = FloatVector.broadcast(S, ScalarMath.EXP_P[4]);
    private static final FloatVector P5_V = FloatVector.broadcast(S, ScalarMath.EXP_P[5]);
    private static final FloatVector T0_V = FloatVector.broadcast(S, ScalarMath.TANH_T[0]);
    private static final FloatVector T1_V = FloatVector.broadcast(S, ScalarMath.TANH_T[1]);
    private static final FloatVector T2_V = FloatVector.broadcast(S, ScalarMath.TANH_T[2]);
    private static final FloatVector T3_V = FloatVector.broadcast(S, ScalarMath.TANH_T[3]);
    private static final FloatVector T4_V = FloatVector.broadcast(S, ScalarMath.TANH_T[4]);
    private static final FloatVector LOG2E_V = FloatVector.broadcast(S, LOG2E);
    private static final FloatVector ROUND_V = FloatVector.broadcast(S, ROUND);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, -LN2_LO);
    private static final FloatVector LN2_HI_V = FloatVector.broadcast(S, LN2_HI);
    private static final FloatVector LN2_LO_V = FloatVector.broadcast(S, LN2_LO);
    private static final FloatVector Q0_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[0]);
    private static final FloatVector Q1_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[1]);
    private static final FloatVector Q2_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[2]);
    private static final FloatVector Q3_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[3]);
    private static final FloatVector Q4_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[4]);
    private static final FloatVector Q5_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[5]);
    private static final FloatVector Q6_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[6]);
    private static final FloatVector Q7_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[7]);
    private static final FloatVector Q8_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[8]);
    private static final FloatVector Q9_V = FloatVector.broadcast(S, ScalarMath.ERFC_Q[9]);
    private static final FloatVector L0_V = FloatVector.broadcast(S, ScalarMath.LOG_P[0]);
    private static final FloatVector L1_V = FloatVector.broadcast(S, ScalarMath.LOG_P[1]);
    private static final FloatVector L2_V = FloatVector.broadcast(S, ScalarMath.LOG_P[2]);
    private static final FloatVector L3_V = FloatVector.broadcast(S, ScalarMath.LOG_P[3]);
    private static final FloatVector L4_V = FloatVector.broadcast(S, ScalarMath.LOG_P[4]);
    private static final FloatVector L5_V = FloatVector.broadcast(S, ScalarMath.LOG_P[5]);
    private static final FloatVector L6_V = FloatVector.broadcast(S, ScalarMath.LOG_P[6]);
    private static final FloatVector L7_V = FloatVector.broadcast(S, ScalarMath.LOG_P[7]);
    private static final FloatVector L8_V = FloatVector.broadcast(S, ScalarMath.LOG_P[8]);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);

    private VectorMath() {}

    /** @return the Vector API implementation; call only when {@code jdk.incubator.vector} is readable */
    public static ElementMath create() {
        return new VectorMath();
    }

    // Every loop below is written out in full, with no helper method of this class: C2 inlines
    // the Vector API's own methods always, but a helper of ours only when its heuristics agree
    // (call-site frequency, callee size, whether it was compiled on its own first), and a helper
    // it does not inline gets its vectors boxed: ten times slower, and a training step then
    // allocates (TestAllocation caught it). So the e^x core is repeated in each loop, and each
    // loop's last pass runs under a mask instead of through a separate tail.
    //
    // The e^x core, as in ScalarMath.exp: t = x·log2 e + ROUND holds n = round(x·log2 e) in its
    // low bits; r = x − n·ln 2 in two steps; e^r − 1 = r + r²·P(r); then (e^r − 1 + 1)·2^n1·2^n2
    // with n1 = n >> 1, the power of two built from its exponent bits.

    @Override
    public void exp(float[] x, float shift, float[] out, int from, int to) {
        for (int i = from; i < to; i += V) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(S, x, i, m).sub(shift);
            FloatVector xc = v.max(EXP_MIN).min(EXP_MAX);
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = r.mul(r)
                    .fma(p, r)
                    .add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e.blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, i, m);
        }
    }

    @Override
    public void sigmoid(float[] x, float s, float[] out, int len) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, x, i, m).mul(s);
            FloatVector xc = v.abs().neg().max(EXP_MIN); // e^−|v| ≤ 1: never overflows
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = r.mul(r)
                    .fma(p, r)
                    .add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector q = ONE.div(e.add(1f)); // 1 / (1 + e^−|v|), times e^−|v| below zero
            q.blend(e.mul(q), v.lt(0f)).blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, i, m);
        }
    }

    @Override
    public void tanh(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, x, i, m);
            FloatVector z = v.mul(v);
            FloatVector small = T0_V.fma(z, T1_V)
                    .fma(z, T2_V)
                    .fma(z, T3_V)
                    .fma(z, T4_V)
                    .mul(z)
                    .fma(v, v); // x + x·z·T(z)
            FloatVector a = v.abs();
            FloatVector xc = a.mul(2f).min(EXP_MAX);
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = r.mul(r)
                    .fma(p, r)
                    .add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector large = ONE.sub(TWO.div(e.add(1f))); // 1 − 2 / (e^2|x| + 1) ≥ 0, then x's sign
            IntVector sign = ((IntVector) v.reinterpretAsInts()).and(0x80000000);
            large = ((IntVector) large.reinterpretAsInts()).or(sign).reinterpretAsFloats();
            large.blend(small, a.lt(TANH_SMALL))
                    .blend(v, v.test(VectorOperators.IS_NAN))
                    .intoArray(out, i, m);
        }
    }

    @Override
    public void softplus(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, x, i, m);
            FloatVector xc = v.abs().neg().max(EXP_MIN);
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = r.mul(r)
                    .fma(p, r)
                    .add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            // log(1 + e) as ScalarMath.log1pUnit: log u, u = 1 + e halved above √2, times e / (u − 1)
            FloatVector u = e.add(1f);
            VectorMask<Float> half = u.compare(VectorOperators.GT, SQRT2);
            FloatVector y = u.blend(u.mul(0.5f), half).sub(1f);
            FloatVector z = y.mul(y);
            FloatVector q = L0_V.fma(y, L1_V)
                    .fma(y, L2_V)
                    .fma(y, L3_V)
                    .fma(y, L4_V)
                    .fma(y, L5_V)
                    .fma(y, L6_V)
                    .fma(y, L7_V)
                    .fma(y, L8_V);
            FloatVector k = FloatVector.zero(S).blend(ONE, half);
            FloatVector w = z.fma(
                    FloatVector.broadcast(S, -0.5f), k.fma(LN2_LO_V, y.mul(z).mul(q)));
            FloatVector log = k.fma(LN2_HI_V, y.add(w));
            FloatVector log1p = log.mul(e.div(u.sub(1f))).blend(e, u.compare(VectorOperators.EQ, 1f));
            v.max(0f).add(log1p).intoArray(out, i, m);
        }
    }

    @Override
    public void gelu(float[] x, float[] out, int len) {
        gelu(x, null, out, len, false);
    }

    @Override
    public void geluBackward(float[] x, float[] g, float[] out, int len) {
        gelu(x, g, out, len, true);
    }

    @Override
    public void reluBackward(float[] z, float[] g, float[] out, int len) {
        // g where z > 0 (false for NaN), else +0: a blend, g's bits untouched
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            VectorMask<Float> positive = FloatVector.fromArray(S, z, i, m).compare(VectorOperators.GT, 0f);
            FloatVector.zero(S)
                    .blend(FloatVector.fromArray(S, g, i, m), positive)
                    .intoArray(out, i, m);
        }
    }

    /** x·Φ(x), or (Φ(x) + x·φ(x))·g when {@code derivative}: one loop, so Φ is written out once. */
    private static void gelu(float[] x, float[] g, float[] out, int len, boolean derivative) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, x, i, m);
            // Φ(v) as ScalarMath.normalCdf: erfc a ≈ t·e^(−a² + Q(t)), a = |v|/√2, t = 1/(1 + a/2)
            FloatVector a = v.abs().mul(INV_SQRT2);
            FloatVector tt = ONE.div(a.fma(0.5f, 1f));
            FloatVector q = Q0_V.fma(tt, Q1_V)
                    .fma(tt, Q2_V)
                    .fma(tt, Q3_V)
                    .fma(tt, Q4_V)
                    .fma(tt, Q5_V)
                    .fma(tt, Q6_V)
                    .fma(tt, Q7_V)
                    .fma(tt, Q8_V)
                    .fma(tt, Q9_V);
            FloatVector xc = v.mul(-0.5f).fma(v, q).max(EXP_MIN);
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector y = r.mul(r)
                    .fma(p, r)
                    .add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(tt);
            FloatVector cdf = y.mul(0.5f).blend(y.fma(-0.5f, 1f), v.compare(VectorOperators.GE, 0f));
            if (!derivative) {
                v.mul(cdf).intoArray(out, i, m); // a NaN v gives NaN whatever cdf holds
                continue;
            }
            // φ(v)·√(2π) = e^(−v²/2), the e^x core once more
            FloatVector xc2 = v.mul(-0.5f).mul(v).max(EXP_MIN);
            FloatVector t2 = xc2.fma(LOG2E_V, ROUND_V);
            IntVector n2 = ((IntVector) t2.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf2 = t2.sub(ROUND);
            FloatVector r2 = nf2.fma(MINUS_LN2_LO, nf2.fma(MINUS_LN2_HI, xc2));
            FloatVector p2 =
                    P0_V.fma(r2, P1_V).fma(r2, P2_V).fma(r2, P3_V).fma(r2, P4_V).fma(r2, P5_V);
            IntVector n21 = n2.lanewise(VectorOperators.ASHR, 1);
            FloatVector e2 = r2.mul(r2)
                    .fma(p2, r2)
                    .add(1f)
                    .mul(n21.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n2.sub(n21).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            v.mul(INV_SQRT_2PI)
                    .fma(e2, cdf)
                    .mul(FloatVector.fromArray(S, g, i, m))
                    .intoArray(out, i, m);
        }
    }

    @Override
    public void expm1(float[] x, float[] out, int len) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, x, i, m);
            // One reduction serves both sides: above EXPM1_BIG the clamp to [EXPM1_MIN, EXP_MAX]
            // equals exp's clamp, so (e^r − 1 + 1)·2^n − 1 there is ScalarMath's exp(x) − 1.
            FloatVector xc = v.max(EXPM1_MIN).min(EXP_MAX);
            FloatVector t = xc.fma(LOG2E_V, ROUND_V);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(MINUS_LN2_LO, nf.fma(MINUS_LN2_HI, xc));
            FloatVector p =
                    P0_V.fma(r, P1_V).fma(r, P2_V).fma(r, P3_V).fma(r, P4_V).fma(r, P5_V);
            FloatVector em1 = r.mul(r).fma(p, r);
            FloatVector s = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector small = s.fma(em1, s.sub(1f)); // 2^n (e^r − 1) + (2^n − 1)
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector big = em1.add(1f)
                    .mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .sub(1f);
            small.blend(big, v.compare(VectorOperators.GT, EXPM1_BIG))
                    .blend(v, v.test(VectorOperators.IS_NAN))
                    .intoArray(out, i, m);
        }
    }
}
