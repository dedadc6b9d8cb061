package org.chainrule.engine.kernel;

/**
 * Plain-loop kernels: the reference the SIMD kernels are tested against, and the fallback when
 * {@code jdk.incubator.vector} is absent. Written for obviousness first; loop orders keep the
 * innermost access contiguous so C2 can still vectorize the element-wise parts.
 */
public final class ScalarKernels implements Kernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
        }
        for (int p = 0; p < k; p++) {
            int ap = p * m;
            int bp = p * n;
            for (int i = 0; i < m; i++) {
                float api = a[ap + i];
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + s : s;
            }
        }
    }

    @Override
    public void addRowVector(float[] c, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                c[base + j] += bias[j];
            }
        }
    }

    @Override
    public void columnSums(float[] a, int rows, int cols, float[] out, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0, cols, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += a[base + j];
            }
        }
    }

    @Override
    public void scaledDifference(float[] a, float[] b, float s, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = (a[i] - b[i]) * s;
        }
    }

    @Override
    public void scale(float[] x, float s, int len) {
        for (int i = 0; i < len; i++) {
            x[i] *= s;
        }
    }

    @Override
    public double sumOfSquares(float[] x, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    @Override
    public int vectorBits() {
        return 0;
    }
}
