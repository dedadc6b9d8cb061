package org.chainrule.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chainrule.api.Matrix;
import org.chainrule.engine.network.Dense;

/**
 * Back-propagation against finite differences, per layer: for a sample of the parameters of each
 * W(l) and b(l) it compares ∂J/∂θ from the chain rule with the fourth-order central difference
 * (−J(θ+2h) + 8J(θ+h) − 8J(θ−h) + J(θ−2h)) / 12h of the network's own float32 forward pass.
 *
 * <p>The error measure is |analytic − numeric| / max(|analytic| + |numeric|, 1e-2): relative for
 * large gradients, absolute near zero, where float32 rounding (about 1e-7 of J, divided by h)
 * would otherwise dominate. With h = 1e-2 the rounding contributes up to about 1e-4, so an error above
 * 1e-2 means the backward pass disagrees with the forward pass.
 *
 * <p>A stencil that straddles a kink (relu at 0) disagrees too, without any fault in the backward
 * pass. Such a stencil shows itself in the forward pass alone: its inner and outer pairs,
 * (J(θ+h) − J(θ−h))/2h and (J(θ+2h) − J(θ−2h))/4h, differ by more than the tolerance, where for a
 * smooth J they agree to O(h²); so do the one-sided second-order differences from either side,
 * (−J(θ+2h) + 4J(θ+h) − 3J(θ))/2h and (3J(θ) − 4J(θ−h) + J(θ−2h))/2h, unless a kink lies on one
 * side. When either pair differs by more than ten times the tolerance (a kink changes the slope
 * by far more than rounding does), an element that fails on the stencil is measured again with
 * h/10; if that fails too it is counted as skipped, not as an error. A backward-pass fault on a
 * smooth stretch is never skipped. The report names the worst element and the number skipped.
 */
public final class GradientCheck {
    /** The step h. */
    public static final double STEP = 1e-2;

    /** The largest error that passes. */
    public static final double TOLERANCE = 1e-2;

    /** How far the two halves of a stencil may disagree before it counts as straddling a kink. */
    static final double KINK = 0.1;

    private GradientCheck() {}

    /**
     * @param layer l, from 1
     * @param tensor {@code "W"} or {@code "b"}
     * @param checked how many elements were compared
     * @param skipped how many of them sat on a kink at both steps and do not count
     * @param maxError the largest error among the rest
     * @param worst the flat index of the element with the largest error
     * @param analytic its back-propagated derivative
     * @param numeric its finite-difference derivative
     */
    public record Result(
            int layer,
            String tensor,
            int checked,
            int skipped,
            double maxError,
            int worst,
            double analytic,
            double numeric) {
        /** @return whether the largest error is within {@link #TOLERANCE} */
        public boolean passed() {
            return maxError <= TOLERANCE;
        }
    }

    /**
     * Checks every tensor of {@code net} on one batch, leaving its parameters as they were.
     *
     * @param perTensor how many elements of each tensor to compare at most (chosen with a seeded
     *     generator when the tensor is larger)
     * @param seed chooses the elements
     * @return one result per W(l) and b(l), layer by layer
     */
    public static List<Result> run(Network net, Matrix x, Matrix y, int perTensor, long seed) {
        if (perTensor < 1) {
            throw new org.chainrule.api.ConfigException(
                    "gradient check: expected at least 1 element per tensor, found " + perTensor);
        }
        net.zeroGradients();
        net.computeGradients(x, y);
        SplittableRandom random = new SplittableRandom(seed);
        List<Result> results = new ArrayList<>();
        Dense[] layers = net.layers();
        for (int l = 0; l < layers.length; l++) {
            results.add(check(net, x, y, l + 1, "W", layers[l].w.data(), layers[l].dW.data(), perTensor, random));
            results.add(check(net, x, y, l + 1, "b", layers[l].b.data(), layers[l].db.data(), perTensor, random));
        }
        return results;
    }

    private static Result check(
            Network net,
            Matrix x,
            Matrix y,
            int layer,
            String tensor,
            float[] theta,
            float[] grad,
            int perTensor,
            SplittableRandom random) {
        int n = theta.length;
        int count = Math.min(n, perTensor);
        int skipped = 0;
        double maxError = 0;
        int worst = 0;
        double worstA = 0;
        double worstN = 0;
        for (int k = 0; k < count; k++) {
            int i = count == n ? k : random.nextInt(n);
            double analytic = grad[i];
            double[] d = derivative(net, x, y, theta, i, STEP);
            double numeric = d[0];
            double error = error(analytic, numeric);
            if (error > TOLERANCE && (error(d[1], d[2]) > KINK || error(d[3], d[4]) > KINK)) { // a kink
                double[] closer = derivative(net, x, y, theta, i, STEP / 10);
                if (error(analytic, closer[0]) > TOLERANCE) {
                    skipped++;
                    continue;
                }
                numeric = closer[0];
                error = error(analytic, numeric);
            }
            if (!(error <= maxError) || k == 0) { // NaN counts as the worst
                maxError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                worst = i;
                worstA = analytic;
                worstN = numeric;
            }
        }
        return new Result(layer, tensor, count, skipped, maxError, worst, worstA, worstN);
    }

    private static double error(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-2);
    }

    /**
     * @return the fourth-order central difference of J in θ[i] with step h, then the inner (±h)
     *     and outer (±2h) central ones and the one-sided ones from the right and from the left;
     *     θ is restored
     */
    private static double[] derivative(Network net, Matrix x, Matrix y, float[] theta, int i, double h) {
        float saved = theta[i];
        double p2 = at(net, x, y, theta, i, saved, 2 * h);
        double p1 = at(net, x, y, theta, i, saved, h);
        double m1 = at(net, x, y, theta, i, saved, -h);
        double m2 = at(net, x, y, theta, i, saved, -2 * h);
        double f0 = at(net, x, y, theta, i, saved, 0);
        theta[i] = saved;
        return new double[] {
            (-p2 + 8 * p1 - 8 * m1 + m2) / (12 * h),
            (p1 - m1) / (2 * h),
            (p2 - m2) / (4 * h),
            (-p2 + 4 * p1 - 3 * f0) / (2 * h),
            (3 * f0 - 4 * m1 + m2) / (2 * h)
        };
    }

    private static double at(Network net, Matrix x, Matrix y, float[] theta, int i, float saved, double delta) {
        theta[i] = (float) (saved + delta);
        return net.core().meanLoss(x, y);
    }
}
