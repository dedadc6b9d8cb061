package org.chainrule.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.chainrule.engine.kernel.simd.Geometries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels of every geometry (128-, 256- and 512-bit vectors, tiles for 16 and 32
 * registers) against the scalar oracle on awkward sizes, on any machine. Skipped (not failed) when
 * {@code jdk.incubator.vector} is absent; the build adds it, so in CI these always run.
 */
final class TestKernels {
    private static final int[] SIZES = {1, 2, 7, 13, 16, 17, 31, 33, 64, 80, 207};
    private static final Kernels SCALAR = new ScalarKernels();
    private static List<Kernels> vectors;

    @BeforeAll
    static void loadVectorKernels() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        vectors = Geometries.kernels(1);
    }

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int m : SIZES) {
            for (int k : new int[] {1, 7, 31, 207}) {
                for (int n : SIZES) {
                    s.add(Arguments.of(m, k, n));
                }
            }
        }
        s.add(Arguments.of(702, 13, 33));
        s.add(Arguments.of(5, 702, 19));
        return s.build();
    }

    private static float[] random(int size, long seed) {
        return Uniform.floats(size, seed);
    }

    private interface Gemm {
        void run(Kernels k, float[] a, float[] b, float[] c);
    }

    /**
     * Runs {@code gemm} with the scalar kernels and with those of every geometry: each close to the
     * scalar result, and all bitwise equal to one another (every geometry sums an element of C with
     * the same FMA chain; only the order of tiles differs).
     */
    private static void compare(String what, int m, int k, int n, int aSize, int bSize, Gemm gemm) {
        float[] a = random(aSize, 1);
        float[] b = random(bSize, 2);
        float[] c0 = random(m * n, 3);
        float[] expected = c0.clone();
        gemm.run(SCALAR, a, b, expected);
        float tolerance = 1e-5f * k + 1e-6f;
        float[] first = null;
        for (Kernels vector : vectors) {
            float[] actual = c0.clone();
            gemm.run(vector, a, b, actual);
            for (int i = 0; i < expected.length; i++) {
                int at = i;
                assertEquals(
                        expected[i],
                        actual[i],
                        tolerance * Math.max(1, Math.abs(expected[i])),
                        () -> what + " " + m + "×" + k + "×" + n + " element " + at + ", " + vector.name());
            }
            if (first == null) {
                first = actual;
            } else {
                assertArrayEquals(
                        first,
                        actual,
                        what + " " + m + "×" + k + "×" + n + ": " + vector.name() + " against "
                                + vectors.get(0).name());
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @MethodSource("shapes")
    void gemmMatchesScalar(int m, int k, int n) {
        compare("A·B", m, k, n, m * k, k * n, (x, a, b, c) -> x.gemm(a, b, c, m, k, n, false));
        compare("C+A·B", m, k, n, m * k, k * n, (x, a, b, c) -> x.gemm(a, b, c, m, k, n, true));
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @MethodSource("shapes")
    void transposedLeftGemmMatchesScalar(int m, int k, int n) {
        compare("Aᵀ·B", m, k, n, k * m, k * n, (x, a, b, c) -> x.gemmTN(a, b, c, m, k, n, false));
        compare("C+Aᵀ·B", m, k, n, k * m, k * n, (x, a, b, c) -> x.gemmTN(a, b, c, m, k, n, true));
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @MethodSource("shapes")
    void transposedRightGemmMatchesScalar(int m, int k, int n) {
        compare("A·Bᵀ", m, k, n, m * k, n * k, (x, a, b, c) -> x.gemmNT(a, b, c, m, k, n, false));
        compare("C+A·Bᵀ", m, k, n, m * k, n * k, (x, a, b, c) -> x.gemmNT(a, b, c, m, k, n, true));
    }

    /** One row of A (single-sample inference) takes its own path; these widths reach all of it. */
    @ParameterizedTest(name = "1×{0}×{1}")
    @CsvSource({"784, 256", "256, 128", "128, 10", "5, 300", "300, 1", "33, 511"})
    void oneRowMatchesScalar(int k, int n) {
        compare("a·B", 1, k, n, k, k * n, (x, a, b, c) -> x.gemm(a, b, c, 1, k, n, false));
        compare("c+a·B", 1, k, n, k, k * n, (x, a, b, c) -> x.gemm(a, b, c, 1, k, n, true));
    }

    /** Wide C (many panels, each tail width) in all three forms, accumulating in Aᵀ·B. */
    @ParameterizedTest(name = "{0}×{1}×{2}")
    @CsvSource({"20, 150, 1601", "9, 33, 2000", "17, 140, 769"})
    void wideProductsMatchScalar(int m, int k, int n) {
        compare("A·B", m, k, n, m * k, k * n, (x, a, b, c) -> x.gemm(a, b, c, m, k, n, false));
        compare("C+Aᵀ·B", m, k, n, k * m, k * n, (x, a, b, c) -> x.gemmTN(a, b, c, m, k, n, true));
        compare("A·Bᵀ", m, k, n, m * k, n * k, (x, a, b, c) -> x.gemmNT(a, b, c, m, k, n, false));
    }

    /** Predicting one sample gives bitwise what predicting it within a batch gives. */
    @ParameterizedTest(name = "1×{0}×{1} against 9×{0}×{1}")
    @CsvSource({"784, 256", "256, 128", "128, 10", "300, 33"})
    void oneRowIsBitwiseTheSameRowOfABatch(int k, int n) {
        float[] a = random(9 * k, 4);
        float[] b = random(k * n, 5);
        for (Kernels vector : vectors) {
            float[] batch = new float[9 * n];
            vector.gemm(a, b, batch, 9, k, n, false);
            for (int r = 0; r < 9; r++) {
                float[] row = new float[n];
                vector.gemm(Arrays.copyOfRange(a, r * k, (r + 1) * k), b, row, 1, k, n, false);
                assertArrayEquals(
                        Arrays.copyOfRange(batch, r * n, (r + 1) * n), row, "row " + r + ", " + vector.name());
            }
        }
    }

    @Test
    void rowAndElementwiseKernelsOfEveryGeometryMatchScalar() {
        for (Kernels vector : vectors) {
            rowAndElementwiseKernelsMatchScalar(vector);
        }
    }

    private static void rowAndElementwiseKernelsMatchScalar(Kernels vector) {
        for (int rows : SIZES) {
            for (int cols : SIZES) {
                float[] a = random(rows * cols, rows * 31L + cols);
                float[] bias = random(cols, 5);
                float[] e = a.clone();
                float[] v = a.clone();
                SCALAR.addRowVector(e, bias, rows, cols);
                vector.addRowVector(v, bias, rows, cols);
                assertArrays(e, v, 0f, vector.name() + " addRowVector " + rows + "×" + cols);

                float[] se = random(cols, 6);
                float[] sv = se.clone();
                SCALAR.columnSums(a, rows, cols, se, true);
                vector.columnSums(a, rows, cols, sv, true);
                assertArrays(se, sv, 1e-5f * rows, vector.name() + " columnSums " + rows + "×" + cols);

                float[] b = random(rows * cols, 7);
                float[] de = new float[rows * cols];
                float[] dv = new float[rows * cols];
                SCALAR.scaledDifference(a, b, 0.25f, de, de.length);
                vector.scaledDifference(a, b, 0.25f, dv, dv.length);
                assertArrays(de, dv, 0f, "scaledDifference");

                SCALAR.scale(de, 3f, de.length);
                vector.scale(dv, 3f, dv.length);
                assertArrays(de, dv, 0f, "scale");

                assertEquals(
                        SCALAR.sumOfSquares(a, a.length),
                        vector.sumOfSquares(a, a.length),
                        1e-5 * a.length,
                        "sumOfSquares");
            }
        }
    }

    @ParameterizedTest(name = "{0} elements")
    @CsvSource({"0", "5", "63", "64", "65", "4095", "4096", "4097", "10000"})
    void sumOfSquaresOfEveryGeometryMatchesScalarAcrossChainsBlocksAndTail(int length) {
        // lengths around the four-chain step (4 vectors of up to 16 lanes) and the 4096-element blocks
        float[] x = random(length + 3, 11);
        double expected = SCALAR.sumOfSquares(x, length);
        for (Kernels vector : vectors) {
            assertEquals(expected, vector.sumOfSquares(x, length), 1e-6 * (1 + expected), vector.name());
        }
    }

    private static void assertArrays(float[] e, float[] a, float tol, String what) {
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol, what + " element " + i);
        }
    }
}
