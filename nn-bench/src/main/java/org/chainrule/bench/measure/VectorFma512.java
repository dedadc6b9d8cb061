package org.chainrule.bench.measure;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Twelve independent FMA chains on full 512-bit vectors, enough to cover the FMA latency on two
 * FMA ports. C2 compiles Vector API code to vector instructions only where the species is a
 * constant, so the build copies this class to {@code VectorFma256} and {@code VectorFma128} with
 * the species line changed (nn-bench's pom). Loaded only when {@code jdk.incubator.vector} is
 * readable.
 */
final class VectorFma512 {
    // The one line the build changes in the generated copies:
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    /** Floating-point operations of one call per iteration: 12 chains of a vector's FMAs, 2 each. */
    static final double FLOPS_PER_ITERATION = 2.0 * 12 * S.length();

    private VectorFma512() {}

    static double chains(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1)
                .add(a2)
                .add(a3)
                .add(a4)
                .add(a5)
                .add(a6)
                .add(a7)
                .add(a8)
                .add(a9)
                .add(a10)
                .add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
