package org.chainrule.losses;

import org.chainrule.api.CanonicalLink;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;

/**
 * {@code cross_entropy}: multiclass ℓ(a, y) = −Σ_j y_j log a_j for a probability row a and a
 * one-hot (or soft) target row y. Logarithms are clamped at −100 and the gradient −y/a uses
 * a ≥ 1e-12. Declares {@link CanonicalLink#SOFTMAX}: after a softmax the engine uses dZ = A − Y.
 */
public final class CrossEntropy implements LossProvider {
    private static final Loss INSTANCE = new Loss() {
        @Override
        public double value(Matrix a, Matrix y) {
            Checks.value("cross_entropy", a, y);
            float[] as = a.data();
            float[] ys = y.data();
            double sum = 0;
            for (int i = 0; i < as.length; i++) {
                if (ys[i] != 0f) {
                    sum -= ys[i] * Checks.clampedLog(as[i]);
                }
            }
            return sum;
        }

        @Override
        public void gradient(Matrix a, Matrix y, Matrix dA) {
            Checks.gradient("cross_entropy", a, y, dA);
            float[] as = a.data();
            float[] ys = y.data();
            float[] out = dA.data();
            for (int i = 0; i < as.length; i++) {
                out[i] = -ys[i] / Math.max(as[i], Checks.EPS);
            }
        }

        @Override
        public CanonicalLink canonicalLink() {
            return CanonicalLink.SOFTMAX;
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public String description() {
        return "multiclass cross-entropy -sum y log a; pairs with softmax";
    }

    @Override
    public Loss create(Params params) {
        return INSTANCE;
    }
}
