package org.chainrule.engine;

import org.chainrule.api.Matrix;

/**
 * Classification accuracy: with one output, a prediction is right when (a ≥ ½) = (y ≥ ½); with
 * several, when the largest output sits where the largest target does (first one on ties).
 */
final class Metrics {
    private Metrics() {}

    /** @return how many of the first {@code rows} rows are classified right */
    static int correct(Matrix out, Matrix y, int rows) {
        int cols = out.cols();
        float[] a = out.data();
        float[] t = y.data();
        int right = 0;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            if (cols == 1) {
                right += (a[base] >= 0.5f) == (t[base] >= 0.5f) ? 1 : 0;
            } else {
                right += argmax(a, base, cols) == argmax(t, base, cols) ? 1 : 0;
            }
        }
        return right;
    }

    static int argmax(float[] v, int base, int cols) {
        int best = 0;
        for (int c = 1; c < cols; c++) {
            if (v[base + c] > v[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
