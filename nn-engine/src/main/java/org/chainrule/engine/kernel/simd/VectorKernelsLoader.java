package org.chainrule.engine.kernel.simd;

import java.util.concurrent.Executor;
import jdk.incubator.vector.FloatVector;
import org.chainrule.engine.kernel.HelperThreads;
import org.chainrule.engine.kernel.Kernels;

/**
 * The only way into this package: its signatures mention no vector type, so calling it from a
 * class that is loaded without {@code jdk.incubator.vector} is safe as long as the call is not
 * made.
 */
public final class VectorKernelsLoader {
    private VectorKernelsLoader() {}

    /** @return the bit size of the JVM's preferred float species (512 on AVX-512, 256 on AVX2, 128 on NEON) */
    public static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * @param threads threads a large product may use, the caller's included (1 = single-threaded)
     * @return the Vector API kernels of the preferred width shaped for this CPU's registers; call
     *     only when {@code jdk.incubator.vector} is readable
     */
    public static Kernels create(int threads) {
        return create(machineGeometry(), threads);
    }

    /**
     * @param geometry vector width and register file to shape the kernels for
     * @param threads threads a large product may use, the caller's included
     * @return the Vector API kernels of that geometry, their helpers on daemon threads of their own
     */
    public static Kernels create(Geometry geometry, int threads) {
        return create(geometry, threads, new HelperThreads());
    }

    /**
     * @return the geometry for this JVM and CPU: the preferred vector width (within 128-512 bits)
     *     and the register file HotSpot uses
     */
    public static Geometry machineGeometry() {
        return new Geometry(Math.min(512, Math.max(128, preferredBits())), Geometry.machineRegisters());
    }

    /**
     * @param geometry vector width and register file to shape the kernels for; any runs on any CPU
     *     (a width the CPU lacks is correct but slow)
     * @param threads threads a large product may use, the caller's included
     * @param executor runs the {@code threads − 1} helper tasks, each until the kernels are closed
     * @return the Vector API kernels of that geometry
     */
    public static Kernels create(Geometry geometry, int threads, Executor executor) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, found " + threads);
        }
        return switch (geometry.bits()) {
            case 512 -> new VectorKernels512(threads, geometry.registers(), executor);
            case 256 -> new VectorKernels256(threads, geometry.registers(), executor);
            default -> new VectorKernels128(threads, geometry.registers(), executor);
        };
    }
}
