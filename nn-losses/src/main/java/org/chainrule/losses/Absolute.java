package org.chainrule.losses;

import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;

/** {@code absolute}: ℓ(a, y) = Σ_j |a_j − y_j|; ∂ℓ/∂a = sign(a − y) (0 where a = y). */
public final class Absolute implements LossProvider {
    private static final Loss INSTANCE = new Loss() {
        @Override
        public double value(Matrix a, Matrix y) {
            Checks.value("absolute", a, y);
            float[] as = a.data();
            float[] ys = y.data();
            double sum = 0;
            for (int i = 0; i < as.length; i++) {
                sum += Math.abs((double) as[i] - ys[i]);
            }
            return sum;
        }

        @Override
        public void gradient(Matrix a, Matrix y, Matrix dA) {
            Checks.gradient("absolute", a, y, dA);
            float[] as = a.data();
            float[] ys = y.data();
            float[] out = dA.data();
            for (int i = 0; i < as.length; i++) {
                out[i] = Math.signum(as[i] - ys[i]);
            }
        }
    };

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "absolute";
    }

    @Override
    public String description() {
        return "absolute error sum |a - y|";
    }

    @Override
    public Loss create(Params params) {
        return INSTANCE;
    }
}
