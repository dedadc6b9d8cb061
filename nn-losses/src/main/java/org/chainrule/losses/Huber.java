package org.chainrule.losses;

import java.util.List;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code huber(delta)}: per output d = a − y, ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ), summed over
 * outputs (Huber, 1964; PyTorch's HuberLoss with reduction 'sum' per sample); ∂ℓ/∂a = clamp(d, −δ, δ).
 */
public final class Huber implements LossProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public String description() {
        return "squared near zero, linear beyond delta; robust regression";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.positive("delta", 1.0, "where the loss turns from quadratic to linear"));
    }

    @Override
    public Loss create(Params params) {
        return new HuberLoss((float) params.real("delta"));
    }

    private record HuberLoss(float delta) implements Loss {
        @Override
        public double value(Matrix a, Matrix y) {
            Checks.value("huber", a, y);
            float[] as = a.data();
            float[] ys = y.data();
            double sum = 0;
            for (int i = 0; i < as.length; i++) {
                double d = Math.abs((double) as[i] - ys[i]);
                sum += d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            }
            return sum;
        }

        @Override
        public void gradient(Matrix a, Matrix y, Matrix dA) {
            Checks.gradient("huber", a, y, dA);
            float[] as = a.data();
            float[] ys = y.data();
            float[] out = dA.data();
            for (int i = 0; i < as.length; i++) {
                out[i] = Math.clamp(as[i] - ys[i], -delta, delta);
            }
        }
    }
}
