package org.chainrule.engine.kernel;

import java.util.SplittableRandom;

/** Test data for the kernels. */
public final class Uniform {
    private Uniform() {}

    /** @return {@code size} floats uniform in [−1, 1), the same for the same seed */
    public static float[] floats(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }
}
