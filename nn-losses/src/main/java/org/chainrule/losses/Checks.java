package org.chainrule.losses;

import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;

/** Shape checks shared by the built-in losses (once per batch call). */
final class Checks {
    /** Smallest log value, as PyTorch's BCELoss: log(0) becomes −100, never −∞. */
    static final double LOG_FLOOR = -100;

    /** Smallest denominator in gradients, as PyTorch's BCELoss backward (1e-12). */
    static final float EPS = 1e-12f;

    private Checks() {}

    static void value(String name, Matrix a, Matrix y) {
        ShapeException.requireSame(a, y, name, ": targets y versus outputs a");
    }

    static void gradient(String name, Matrix a, Matrix y, Matrix dA) {
        ShapeException.requireSame(a, y, name, ": targets y versus outputs a");
        ShapeException.requireSame(a, dA, name, ": gradient dA versus outputs a");
    }

    static double clampedLog(double x) {
        return Math.max(Math.log(x), LOG_FLOOR);
    }
}
