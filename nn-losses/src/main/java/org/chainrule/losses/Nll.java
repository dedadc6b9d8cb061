package org.chainrule.losses;

import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;

/**
 * {@code nll}: binary negative log-likelihood ℓ(a, y) = −Σ_j [y log a + (1 − y) log(1 − a)] for
 * outputs a ∈ [0, 1] and targets y ∈ [0, 1]. Logarithms are clamped at −100 and the gradient's
 * denominator a(1 − a) at 1e-12, as PyTorch's BCELoss, so saturated outputs stay finite. Declares
 * {@link CanonicalLink#LOGISTIC}: after a sigmoid the engine uses dZ = A − Y.
 */
public final class Nll implements LossProvider {
    private static final Loss INSTANCE = new Loss() {
        @Override
        public double value(Matrix a, Matrix y) {
            Checks.value("nll", a, y);
            float[] as = a.data();
            float[] ys = y.data();
            double sum = 0;
            for (int i = 0; i < as.length; i++) {
                double p = as[i];
                double t = ys[i];
                sum -= t * Checks.clampedLog(p) + (1 - t) * Checks.clampedLog(1 - p);
            }
            return sum;
        }

        @Override
        public void gradient(Matrix a, Matrix y, Matrix dA) {
            Checks.gradient("nll", a, y, dA);
            float[] as = a.data();
            float[] ys = y.data();
            float[] out = dA.data();
            for (int i = 0; i < as.length; i++) {
                float p = as[i];
                out[i] = (p - ys[i]) / Math.max(p * (1f - p), Checks.EPS);
            }
        }

        @Override
        public CanonicalLink canonicalLink() {
            return CanonicalLink.LOGISTIC;
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "nll";
    }

    @Override
    public String description() {
        return "binary negative log-likelihood -(y log a + (1-y) log(1-a)); pairs with sigmoid";
    }

    @Override
    public Loss create(Params params) {
        return INSTANCE;
    }
}
