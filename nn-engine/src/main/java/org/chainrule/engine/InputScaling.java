package org.chainrule.engine;

import java.util.Arrays;
import java.util.Objects;
import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;

/**
 * Per-column standardisation, x' = (x − mean) · scale, fitted on a training set and kept with the
 * model: of the inputs, so that predictions take raw features (model files store it as the tensors
 * {@code input.mean} and {@code input.scale}, each [inputs]); and of regression targets, undone on
 * the outputs so that predictions are in the data's units ({@code target.mean},
 * {@code target.scale}, each [outputs]; see {@link Targets}).
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class InputScaling {
    private final float[] mean;
    private final float[] scale;

    /**
     * @param mean subtracted from each feature
     * @param scale then multiplied in (1/standard deviation)
     * @throws ShapeException if the lengths differ or are zero
     * @throws org.chainrule.api.DataException if a value is not finite
     */
    public InputScaling(float[] mean, float[] scale) {
        Objects.requireNonNull(mean, "mean is null");
        Objects.requireNonNull(scale, "scale is null");
        if (mean.length == 0 || mean.length != scale.length) {
            throw new ShapeException("input scaling: expected mean and scale of one equal, non-zero length, found "
                    + mean.length + " and " + scale.length);
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i]) || !Float.isFinite(scale[i])) {
                throw new org.chainrule.api.DataException("input scaling of feature " + (i + 1)
                        + ": expected finite mean and scale, found " + mean[i] + " and " + scale[i]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /**
     * Fits the scaling to a training set: each column's mean and 1/standard deviation (population
     * form); a column whose deviation is below 1e-6 is only centred.
     */
    public static InputScaling standardize(Matrix train) {
        int cols = train.cols();
        double[] sum = new double[cols];
        double[] sq = new double[cols];
        float[] d = train.data();
        for (int i = 0, c = 0; i < d.length; i++) { // row by row: memory order
            double v = d[i];
            sum[c] += v;
            sq[c] += v * v;
            if (++c == cols) {
                c = 0;
            }
        }
        float[] mean = new float[cols];
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            double m = sum[c] / train.rows();
            double std = Math.sqrt(Math.max(0, sq[c] / train.rows() - m * m));
            mean[c] = (float) m;
            scale[c] = std > 1e-6 ? (float) (1 / std) : 1f;
        }
        return new InputScaling(mean, scale);
    }

    /**
     * Fits a min-max scaling to a training set: each column's minimum and 1/(max − min), so the
     * training values fall in [0, 1]; a column whose range is below 1e-6 is only shifted.
     */
    public static InputScaling minMax(Matrix m) {
        int cols = m.cols();
        float[] min = new float[cols];
        float[] scale = new float[cols];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        float[] max = new float[cols];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            min[i % cols] = Math.min(min[i % cols], d[i]);
            max[i % cols] = Math.max(max[i % cols], d[i]);
        }
        for (int c = 0; c < cols; c++) {
            double range = (double) max[c] - min[c];
            scale[c] = range > 1e-6 ? (float) (1 / range) : 1f;
        }
        return new InputScaling(min, scale);
    }

    /** @return the number of features */
    public int features() {
        return mean.length;
    }

    /** @return a copy of the per-feature means */
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-feature scales */
    public float[] scale() {
        return scale.clone();
    }

    /**
     * Scales every row of {@code x} in place.
     *
     * @throws ShapeException if x does not have {@link #features()} columns
     */
    public void applyInPlace(Matrix x) {
        if (x.cols() != mean.length) {
            throw new ShapeException("input scaling: expected " + mean.length + " features per row, found " + x.cols());
        }
        float[] d = x.data();
        for (int i = 0, c = 0; i < d.length; i++) {
            d[i] = (d[i] - mean[c]) * scale[c];
            if (++c == mean.length) {
                c = 0;
            }
        }
    }

    /**
     * Undoes the scaling on every row of {@code x} in place: x = x' / scale + mean.
     *
     * @throws ShapeException if x does not have {@link #features()} columns
     */
    public void undoInPlace(Matrix x) {
        if (x.cols() != mean.length) {
            throw new ShapeException("scaling: expected " + mean.length + " columns per row, found " + x.cols());
        }
        float[] d = x.data();
        for (int i = 0, c = 0; i < d.length; i++) {
            d[i] = d[i] / scale[c] + mean[c];
            if (++c == mean.length) {
                c = 0;
            }
        }
    }

    /** @return a scaled copy of {@code x} */
    public Matrix apply(Matrix x) {
        Matrix copy = x.copy();
        applyInPlace(copy);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputScaling s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "standardise " + mean.length + " features";
    }
}
