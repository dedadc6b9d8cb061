package org.chainrule.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.chainrule.api.ConfigException;
import org.chainrule.engine.kernel.select.KernelSelection;
import org.junit.jupiter.api.Test;

/** Which geometries exist, which one a machine gets, and that the tests cover every one. */
final class TestGeometry {
    @Test
    void everyGeometryAMachineCanGetIsAmongThoseTheTestsRun() {
        for (int bits : new int[] {128, 256, 512}) {
            for (int registers : new int[] {16, 32}) {
                assertTrue(Geometry.ALL.contains(new Geometry(bits, registers)), bits + " bits, " + registers);
            }
        }
        assertEquals(6, Geometry.ALL.size());
    }

    @Test
    void eachGeometryBuildsKernelsOfItsOwnWidthAndTiles() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        for (BlockedGemm kernels : Geometries.blocked(1)) {
            Geometry g = kernels.geometry();
            assertEquals(3 * g.lanes(), kernels.panelWidth(), g.toString());
            assertTrue(
                    kernels.name().startsWith("vector Species[float, " + g.lanes() + ", S_" + g.bits() + "_BIT]"),
                    kernels.name());
            assertTrue(kernels.name().contains("tiles " + g.rowGroup() + "×" + 3 * g.lanes()), kernels.name());
        }
    }

    /**
     * The kernels the engine runs in this JVM have the width asked for: {@code scripts/test-widths}
     * reruns the engine's tests with {@code chainrule.kernels=vector256} or {@code vector128}, and
     * this fails if those runs did not get that width.
     */
    @Test
    void theSelectedKernelsHaveTheWidthAskedFor() {
        assumeTrue(KernelSelection.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        String kind = KernelSelection.kind();
        String name = KernelSelection.select().name();
        if (kind.equals("scalar")) {
            assertEquals("scalar", name);
            return;
        }
        int bits = kind.equals("auto")
                ? VectorKernelsLoader.machineGeometry().bits()
                : Integer.parseInt(kind.substring("vector".length()));
        assertTrue(name.contains("S_" + bits + "_BIT"), kind + ": " + name);
        assertTrue(name.contains("(" + Geometry.machineRegisters() + " registers)"), name);
    }

    @Test
    void thisMachinesRegisterFileIsReadFromTheJvm() {
        int registers = Geometry.machineRegisters();
        assertTrue(registers == 16 || registers == 32, "registers " + registers);
        if (System.getProperty("os.arch").equals("aarch64")) {
            assertEquals(32, registers);
        }
    }

    @Test
    void unknownGeometriesAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Geometry(384, 16));
        assertEquals("vector bits: expected 128, 256 or 512, found 384", e.getMessage());
    }

    @Test
    void anUnknownKernelKindIsOneLineListingTheKinds() {
        String before = System.getProperty("chainrule.kernels");
        System.setProperty("chainrule.kernels", "vector1024");
        try {
            ConfigException e = assertThrows(ConfigException.class, KernelSelection::kind);
            assertEquals(
                    "chainrule.kernels: expected one of auto, scalar, vector512, vector256, vector128, found 'vector1024'",
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("chainrule.kernels");
            } else {
                System.setProperty("chainrule.kernels", before);
            }
        }
    }
}
