package org.chainrule.engine;

import java.util.Objects;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;

/**
 * Inputs and targets, one sample per row. Validated on construction: same number of rows, and
 * every value finite (a NaN or infinity is reported with its row and column).
 *
 * @param x inputs, samples × features
 * @param y targets, samples × outputs
 */
public record Dataset(Matrix x, Matrix y) {
    /** Validates. */
    public Dataset {
        Objects.requireNonNull(x, "x is null");
        Objects.requireNonNull(y, "y is null");
        if (x.rows() != y.rows()) {
            throw new ShapeException("data set: inputs have " + x.rows() + " rows but targets have " + y.rows());
        }
        requireFinite(x, "inputs");
        requireFinite(y, "targets");
    }

    private static void requireFinite(Matrix m, String what) {
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new DataException("data set " + what + ": row " + (i / m.cols() + 1) + ", column "
                        + (i % m.cols() + 1) + " is " + d[i] + "; expected a finite number");
            }
        }
    }

    /**
     * Builds a data set from plain arrays (copied), one sample per row.
     *
     * @param inputs samples × features, rectangular
     * @param targets samples × outputs, rectangular
     * @throws ShapeException naming the first ragged row, or if the row counts differ
     */
    public static Dataset of(float[][] inputs, float[][] targets) {
        return new Dataset(Matrix.of(inputs), Matrix.of(targets));
    }

    /**
     * Builds a classification data set with one-hot targets.
     *
     * @param features samples × features
     * @param labels class of each sample, 0..classes−1
     * @param classes number of classes (≥ 2)
     * @throws DataException naming the first row whose label is out of range
     */
    public static Dataset classification(Matrix features, int[] labels, int classes) {
        if (classes < 2) {
            throw new DataException("classes: expected at least 2, found " + classes);
        }
        if (labels.length != features.rows()) {
            throw new ShapeException("labels: expected " + features.rows() + " (one per row), found " + labels.length);
        }
        Matrix y = new Matrix(labels.length, classes);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new DataException(
                        "label of row " + (r + 1) + ": expected 0.." + (classes - 1) + ", found " + labels[r]);
            }
            y.set(r, labels[r], 1f);
        }
        return new Dataset(features, y);
    }

    /** @return the number of samples */
    public int size() {
        return x.rows();
    }

    /**
     * Splits off the rows {@code order[from..to)} into a new data set (copies).
     *
     * @param order a permutation (or selection) of row indices
     */
    public Dataset rows(int[] order, int from, int to) {
        Matrix xs = new Matrix(to - from, x.cols());
        Matrix ys = new Matrix(to - from, y.cols());
        for (int i = from; i < to; i++) {
            System.arraycopy(x.data(), order[i] * x.cols(), xs.data(), (i - from) * x.cols(), x.cols());
            System.arraycopy(y.data(), order[i] * y.cols(), ys.data(), (i - from) * y.cols(), y.cols());
        }
        return new Dataset(xs, ys);
    }
}
