package org.chainrule.engine.kernel.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Where a {@code float[]}'s data starts relative to a 64-byte cache line, when the JVM makes that
 * knowable. HotSpot aligns objects to 8 bytes by default, so whether a packed panel's vectors
 * straddle cache lines is luck of the allocation: the same code ran 2048³ at 128-155 GFLOP/s in six
 * JVM runs. With {@code -XX:ObjectAlignmentInBytes=64} (the {@code nn} command sets it) every array
 * starts on a cache line and, with standard headers and compressed class pointers, its data 16
 * bytes later; panels that start 12 floats in then load only whole cache lines: 2048³ at 153-158
 * GFLOP/s against 139-143 at offsets 0 and 4 (four JVM runs each).
 */
final class ArrayAlignment {
    private ArrayAlignment() {}

    /** @return floats from the start of a fresh float[]'s data to the next cache line, or 0 if unknown */
    static int floatsToCacheLine() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long alignment =
                    Long.parseLong(vm.getVMOption("ObjectAlignmentInBytes").getValue());
            return floatsToCacheLine(
                    alignment,
                    flag(vm, "UseCompactObjectHeaders", false),
                    flag(vm, "UseCompressedClassPointers", true));
        } catch (RuntimeException | LinkageError e) { // not HotSpot, or the option is gone: no skew
            return 0;
        }
    }

    /**
     * @param objectAlignment HotSpot's ObjectAlignmentInBytes
     * @return floats to skip from a float[]'s first element to a 64-byte boundary: 12 when objects
     *     start on cache lines and arrays have the standard 16-byte header; else 0 (the data's
     *     offset from a cache line is then unknown, or the layout not the one measured)
     */
    static int floatsToCacheLine(long objectAlignment, boolean compactHeaders, boolean compressedClassPointers) {
        if (objectAlignment % 64 != 0 || compactHeaders || !compressedClassPointers) {
            return 0;
        }
        return (64 - 16) / Float.BYTES;
    }

    private static boolean flag(HotSpotDiagnosticMXBean vm, String name, boolean absent) {
        try {
            return Boolean.parseBoolean(vm.getVMOption(name).getValue());
        } catch (IllegalArgumentException e) { // no such option in this JVM
            return absent;
        }
    }
}
