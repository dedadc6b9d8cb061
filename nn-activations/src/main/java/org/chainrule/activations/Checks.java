package org.chainrule.activations;

import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;

/** Shape checks shared by the built-in activations (once per batch call, never per element). */
final class Checks {
    private Checks() {}

    static void forward(String name, Matrix z, Matrix a) {
        ShapeException.requireSame(z, a, name, " forward: output a versus input z");
    }

    static void backward(String name, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        ShapeException.requireSame(z, a, name, " backward: a versus z");
        ShapeException.requireSame(z, dA, name, " backward: dA versus z");
        ShapeException.requireSame(z, dZ, name, " backward: dZ versus z");
    }
}
