package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Packed panels start on a cache line only when the JVM's object layout makes that knowable. */
final class TestArrayAlignment {
    @Test
    void objectsOnCacheLinesWithStandardHeadersSkipTwelveFloats() {
        assertEquals(12, ArrayAlignment.floatsToCacheLine(64, false, true));
        assertEquals(12, ArrayAlignment.floatsToCacheLine(128, false, true));
    }

    @Test
    void anyOtherLayoutSkipsNothing() {
        assertEquals(0, ArrayAlignment.floatsToCacheLine(8, false, true));
        assertEquals(0, ArrayAlignment.floatsToCacheLine(32, false, true));
        assertEquals(0, ArrayAlignment.floatsToCacheLine(64, true, true));
        assertEquals(0, ArrayAlignment.floatsToCacheLine(64, false, false));
    }

    @Test
    void thisJvmsLayoutIsReadFromItsOptions() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long alignment = Long.parseLong(vm.getVMOption("ObjectAlignmentInBytes").getValue());
        boolean compact =
                Boolean.parseBoolean(vm.getVMOption("UseCompactObjectHeaders").getValue());
        assumeTrue(alignment == 64 && !compact, "the engine's tests run with -XX:ObjectAlignmentInBytes=64");
        assertEquals(12, ArrayAlignment.floatsToCacheLine());
    }
}
