package org.chainrule.engine.kernel.simd;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.engine.kernel.Kernels;

/**
 * The Vector API kernels of every geometry in {@link Geometry#ALL}, for the tests that run each of
 * them on any machine (a width the CPU lacks runs correctly, slowly).
 */
public final class Geometries {
    private Geometries() {}

    /** @return one kernels instance per geometry, in the order of {@link Geometry#ALL} */
    public static List<Kernels> kernels(int threads) {
        return List.copyOf(blocked(threads));
    }

    static List<BlockedGemm> blocked(int threads) {
        List<BlockedGemm> kernels = new ArrayList<>();
        for (Geometry g : Geometry.ALL) {
            kernels.add((BlockedGemm) VectorKernelsLoader.create(g, threads));
        }
        return kernels;
    }
}
