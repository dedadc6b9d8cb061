package org.chainrule.activations;

import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;

/**
 * Shape checks shared by the built-in activations (once per batch call, never per element), and
 * the branch-free select the piecewise ones use (with {@code ScalarMath.positiveMask}).
 */
final class Checks {
    private Checks() {}

    /** @return {@code ifSet} where {@code mask} is all ones, {@code otherwise} where it is 0, without a branch */
    static float select(int mask, float ifSet, float otherwise) {
        return Float.intBitsToFloat(
                (Float.floatToRawIntBits(ifSet) & mask) | (Float.floatToRawIntBits(otherwise) & ~mask));
    }

    static void forward(String name, Matrix z, Matrix a) {
        ShapeException.requireSame(z, a, name, " forward: output a versus input z");
    }

    static void backward(String name, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        ShapeException.requireSame(z, a, name, " backward: a versus z");
        ShapeException.requireSame(z, dA, name, " backward: dA versus z");
        ShapeException.requireSame(z, dZ, name, " backward: dZ versus z");
    }
}
