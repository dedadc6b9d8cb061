package org.chainrule.engine.kernel;

/**
 * The array-level numeric kernels every hot loop of the engine goes through. Matrices are
 * row-major {@code float[]}s; sizes are passed explicitly and callers have checked them, so
 * implementations only {@code assert} bounds.
 *
 * <p>Two implementations: {@link ScalarKernels}, plain loops and the oracle in tests, and
 * {@code simd.VectorKernels512/256/128} on the JDK Vector API, one per vector width. {@link
 * org.chainrule.engine.kernel.select.KernelSelection} picks one at start-up.
 * Results may differ in the last bits between implementations (different summation order) but
 * each is deterministic: the same inputs give the same outputs, run after run.
 */
public interface Kernels extends AutoCloseable {
    /** @return a short name with the vector shape, for logs and benchmarks */
    String name();

    /**
     * Ends any helper threads; later calls still work, on the calling thread alone, with the same
     * results. Idempotent. Nothing to do by default.
     */
    @Override
    default void close() {}

    /**
     * C = A·B, or C += A·B when {@code accumulate}.
     *
     * @param a m × k
     * @param b k × n
     * @param c m × n
     */
    void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /**
     * C = Aᵀ·B, or C += Aᵀ·B when {@code accumulate}. This is dW = A(l−1)ᵀ·dZ(l).
     *
     * @param a stored k × m (so Aᵀ is m × k)
     * @param b k × n
     * @param c m × n
     */
    void gemmTN(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /**
     * C = A·Bᵀ, or C += A·Bᵀ when {@code accumulate}. This is dA(l−1) = dZ(l)·W(l)ᵀ.
     *
     * @param a m × k
     * @param b stored n × k (so Bᵀ is k × n)
     * @param c m × n
     */
    void gemmNT(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** c[r, :] += bias for every row r of the rows × cols matrix c. */
    void addRowVector(float[] c, float[] bias, int rows, int cols);

    /** out[j] (+)= Σ_r a[r, j]: the column sums of a rows × cols matrix; db = colsum dZ. */
    void columnSums(float[] a, int rows, int cols, float[] out, boolean accumulate);

    /** {@code out[i] = (a[i] − b[i]) · s} for {@code i < len}. */
    void scaledDifference(float[] a, float[] b, float s, float[] out, int len);

    /** {@code x[i] *= s} for {@code i < len}. */
    void scale(float[] x, float s, int len);

    /** @return Σ x[i]² over {@code i < len}, accumulated in double */
    double sumOfSquares(float[] x, int len);

    /** @return the vector width in bits these kernels run (512, 256, 128), or 0 for scalar ones */
    int vectorBits();
}
