package org.chainrule.engine.network;

import org.chainrule.api.Matrix;

/**
 * Classification accuracy: with one output, a prediction is right when (a ≥ ½) = (y ≥ ½); with
 * several, when the largest output sits where the largest target does (first one on ties).
 */
public final class Metrics {
    private Metrics() {}

    /** @return how many of the first {@code rows} rows are classified right */
    public static int correct(Matrix out, Matrix y, int rows) {
        int cols = out.cols();
        float[] a = out.data();
        float[] t = y.data();
        int right = 0;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            right += classOf(a, base, cols) == classOf(t, base, cols) ? 1 : 0;
        }
        return right;
    }

    /** @return the class of the row at {@code base}: 0 or 1 by the ½ threshold for one column, else the argmax */
    public static int classOf(float[] v, int base, int cols) {
        return cols == 1 ? (v[base] >= 0.5f ? 1 : 0) : argmax(v, base, cols);
    }

    private static int argmax(float[] v, int base, int cols) {
        int best = 0;
        for (int c = 1; c < cols; c++) {
            if (v[base + c] > v[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
