package org.chainrule.engine.kernel.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The shape the GEMM kernels take on a CPU: the vector width and the number of vector registers
 * the tiles are sized for. With 32 registers (AVX-512, NEON, SVE) A is packed in groups of 8 rows
 * and an 8-row tile of C against three vectors of B holds 24 accumulators; with 16 (AVX2, SSE, and
 * AVX-512 machines run with {@code -XX:UseAVX=2}) such a tile spills on every step, so A is packed
 * in groups of 6 rows and each runs as two 3-row halves of 9 accumulators.
 * Every geometry computes each element of C with the same FMA chain, so all give the same bits.
 *
 * @param bits vector width: 128, 256 or 512
 * @param registers vector registers the tiles are sized for: 16 or 32
 */
public record Geometry(int bits, int registers) {
    /** Every geometry the kernels have; the tests run each of them on any machine. */
    public static final List<Geometry> ALL = List.of(
            new Geometry(512, 32),
            new Geometry(512, 16),
            new Geometry(256, 32),
            new Geometry(256, 16),
            new Geometry(128, 32),
            new Geometry(128, 16));

    public Geometry {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("vector bits: expected 128, 256 or 512, found " + bits);
        }
        if (registers != 16 && registers != 32) {
            throw new IllegalArgumentException("vector registers: expected 16 or 32, found " + registers);
        }
    }

    /** @return float lanes per vector */
    public int lanes() {
        return bits / Float.SIZE;
    }

    /** @return whether 8-row tiles of 24 accumulators fit the register file */
    public boolean wideTiles() {
        return registers >= 32;
    }

    /** @return rows of A per packed group, the height of a tile of C: 8 with 32 registers, 6 with 16 */
    public int rowGroup() {
        return wideTiles() ? 8 : 6;
    }

    /**
     * @return the tiles of C, e.g. "tiles 8×48 (32 registers)" or, where a group runs as two halves,
     *     "tiles 6×24 as 2 × 3×24 (16 registers)"
     */
    public String tiles() {
        int nr = 3 * lanes();
        return "tiles " + rowGroup() + "×" + nr + (wideTiles() ? "" : " as 2 × 3×" + nr) + " (" + registers
                + " registers)";
    }

    /**
     * @return the vector registers of the CPU this JVM runs on, as HotSpot uses them: 32 on
     *     AArch64 and on x86 with AVX-512 enabled ({@code UseAVX} 3), else 16
     */
    public static int machineRegisters() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("aarch64") || arch.startsWith("riscv")) {
            return 32;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(vm.getVMOption("UseAVX").getValue()) >= 3 ? 32 : 16;
        } catch (RuntimeException | LinkageError e) { // not HotSpot on x86: assume the smaller file
            return 16;
        }
    }
}
