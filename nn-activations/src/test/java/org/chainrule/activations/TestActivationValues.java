package org.chainrule.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.chainrule.activations.math.ScalarMath;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.Params;
import org.chainrule.api.ShapeException;
import org.junit.jupiter.api.Test;

/** Known values; the derivatives themselves are checked by the engine's finite-difference tests. */
final class TestActivationValues {
    private static Activation make(ActivationProvider p, Map<String, String> params) {
        return p.create(Params.resolve(p.name(), p.parameters(), params));
    }

    private static float[] forward(Activation f, float... z) {
        Matrix a = new Matrix(1, z.length);
        f.forward(Matrix.wrap(1, z.length, z), a);
        return a.data();
    }

    @Test
    void reluClipsNegativesAndPassesGradientOnlyAboveZero() {
        Activation f = make(new Relu(), Map.of());
        Matrix z = Matrix.wrap(1, 3, new float[] {-1, 0, 2});
        Matrix a = new Matrix(1, 3);
        Matrix dZ = new Matrix(1, 3);
        f.forward(z, a);
        f.backward(z, a, Matrix.wrap(1, 3, new float[] {5, 5, 5}), dZ);

        assertArrayEquals(new float[] {0, 0, 2}, a.data());
        assertArrayEquals(new float[] {0, 0, 5}, dZ.data());
    }

    @Test
    void reluPassesGradientAtPlusInfinityAndTheSmallestPositiveButNotAtMinusZeroOrNaN() {
        Activation f = make(new Relu(), Map.of());
        float[] zs = {Float.POSITIVE_INFINITY, Float.MIN_VALUE, -0f, Float.NaN, Float.NEGATIVE_INFINITY};
        Matrix z = Matrix.wrap(1, 5, zs);
        Matrix dZ = new Matrix(1, 5);

        f.backward(z, new Matrix(1, 5), Matrix.wrap(1, 5, new float[] {3, 4, 5, 6, 7}), dZ);

        assertArrayEquals(new float[] {3, 4, 0, 0, 0}, dZ.data());
    }

    @Test
    void softmaxRowsSumToOneAndSurviveHugeLogits() {
        float[] a = forward(make(new Softmax(), Map.of()), 1000, 1001, 999);

        assertEquals(1.0, a[0] + a[1] + a[2], 1e-6);
        assertEquals(0.66524096f, a[1], 1e-6f);
    }

    @Test
    void sigmoidOfLargeNegativeIsTinyNotNaN() {
        float[] a = forward(make(new Sigmoid(), Map.of()), -100, 0, 100);

        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(100))), 0.5f, 1f}, a, 1e-30f);
    }

    @Test
    void leakyReluUsesItsAlpha() {
        assertArrayEquals(new float[] {-0.5f, 3f}, forward(make(new LeakyRelu(), Map.of("alpha", "0.25")), -2, 3));
    }

    @Test
    void eluSaturatesAtMinusAlpha() {
        assertEquals(-2f, forward(make(new Elu(), Map.of("alpha", "2")), -50)[0], 1e-6f);
    }

    @Test
    void geluMatchesItsDefinitionAtOne() {
        assertEquals(0.8413447f, forward(make(new Gelu(), Map.of()), 1)[0], 2e-7f);
        assertEquals(0.8411920f, forward(make(new Gelu(), Map.of("approximate", "tanh")), 1)[0], 2e-7f);
    }

    @Test
    void softplusOfLargeInputIsTheInput() {
        assertArrayEquals(new float[] {1000f, (float) Math.log(2)}, forward(make(new Softplus(), Map.of()), 1000, 0));
    }

    @Test
    void mismatchedShapesAreReportedWithBothShapes() {
        Activation f = make(new Tanh(), Map.of());

        ShapeException e = assertThrows(ShapeException.class, () -> f.forward(new Matrix(2, 3), new Matrix(3, 2)));

        assertEquals("tanh forward: output a versus input z: expected 2×3, found 3×2", e.getMessage());
    }

    @Test
    void theBranchFreePositiveTestAgreesWithGreaterThanZeroOnEveryKindOfFloat() {
        float[] special = {
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            -Float.MIN_NORMAL,
            1f,
            -1f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            Float.intBitsToFloat(0x7fffffff),
            Float.intBitsToFloat(0xffc00000)
        };
        for (float z : special) {
            assertEquals(
                    z > 0f ? -1 : 0,
                    ScalarMath.positiveMask(z),
                    "z = " + z + " (bits " + Integer.toHexString(Float.floatToRawIntBits(z)) + ")");
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int k = 0; k < 1_000_000; k++) {
            float z = Float.intBitsToFloat(r.nextInt());
            assertEquals(
                    z > 0f ? -1 : 0,
                    ScalarMath.positiveMask(z),
                    "bits " + Integer.toHexString(Float.floatToRawIntBits(z)));
        }
    }
}
