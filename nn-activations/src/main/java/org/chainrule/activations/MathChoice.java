package org.chainrule.activations;

import org.chainrule.activations.math.ElementMath;
import org.chainrule.activations.math.ScalarMath;
import org.chainrule.activations.math.simd.VectorMath;

/**
 * The {@link ElementMath} the built-in activations use, chosen once per JVM: the Vector API's (at
 * the JVM's preferred width) when {@code jdk.incubator.vector} is in the boot layer (run java with
 * {@code --add-modules jdk.incubator.vector}), else the scalar one. Both give the same bits, so the
 * choice is one of speed; it reads no system property (an engine's kernels are its own setting, and
 * activations are shared plugin instances with no engine to ask). It lives here, above both
 * implementations, so the math packages do not name each other.
 */
final class MathChoice {
    private MathChoice() {}

    /** @return the implementation for this JVM */
    static ElementMath get() {
        return Chosen.MATH;
    }

    /** Holder idiom: the choice is made once, when first asked for. */
    private static final class Chosen {
        static final ElementMath MATH = ElementMath.vectorAvailable() ? VectorMath.create() : new ScalarMath();
    }
}
