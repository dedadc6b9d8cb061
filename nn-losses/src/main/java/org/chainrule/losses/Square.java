package org.chainrule.losses;

import java.util.List;
import org.chainrule.api.Loss;
import org.chainrule.api.LossProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * {@code square(scale)}: ℓ(a, y) = scale · Σ_j (a_j − y_j)², summed over the outputs (docs/math.md#objective);
 * ∂ℓ/∂a = 2 · scale · (a − y). The halved square ½(ŷ − y)² is {@code square(scale=0.5)}.
 */
public final class Square implements LossProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "square";
    }

    @Override
    public String description() {
        return "squared error scale * sum (a - y)^2";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.positive("scale", 1.0, "factor in front of the sum; 0.5 gives 1/2 (a - y)^2"));
    }

    @Override
    public Loss create(Params params) {
        return new SquareLoss((float) params.real("scale"));
    }

    private record SquareLoss(float scale) implements Loss {
        @Override
        public double value(Matrix a, Matrix y) {
            Checks.value("square", a, y);
            float[] as = a.data();
            float[] ys = y.data();
            double sum = 0;
            for (int i = 0; i < as.length; i++) {
                double d = (double) as[i] - ys[i];
                sum += d * d;
            }
            return scale * sum;
        }

        @Override
        public void gradient(Matrix a, Matrix y, Matrix dA) {
            Checks.gradient("square", a, y, dA);
            float[] as = a.data();
            float[] ys = y.data();
            float[] out = dA.data();
            float k = 2f * scale;
            for (int i = 0; i < as.length; i++) {
                out[i] = k * (as[i] - ys[i]);
            }
        }
    }
}
