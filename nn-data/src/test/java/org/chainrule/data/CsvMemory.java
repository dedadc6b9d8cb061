package org.chainrule.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * What reading a large CSV costs in memory (a report, not a test; {@code bench/csv-memory.sh} runs
 * it): {@code write FILE MB} writes a CSV of about that size (100 features of 6 decimals and a class
 * column); {@code read FILE two-pass|one-pass} reads it with {@link LabeledData#csv} (a first pass
 * counts the rows, the floats are allocated once) or with {@link LabeledData#parse} on a stream
 * (read once, the arrays grow by half and are trimmed), and prints the float data's size against
 * the heap's peak, the sum of each heap pool's peak use. Run each read in a JVM of its own.
 */
final class CsvMemory {
    private static final int FEATURES = 100;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> write(file, Long.parseLong(args[2]) << 20);
            case "read" -> read(file, args[2]);
            default -> throw new IllegalArgumentException("usage: write FILE MB | read FILE two-pass|one-pass");
        }
    }

    private static void write(Path file, long bytes) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        long written = 0;
        StringBuilder line = new StringBuilder();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header());
            while (written < bytes) {
                line.setLength(0);
                for (int c = 0; c < FEATURES; c++) {
                    line.append(String.format("%.6f", r.nextDouble(-1, 1))).append(',');
                }
                line.append(r.nextInt(10)).append('\n');
                out.write(line.toString());
                written += line.length();
            }
        }
        System.out.printf("wrote %s: %.0f MB%n", file, Files.size(file) / 1048576.0);
    }

    private static String header() {
        StringBuilder h = new StringBuilder();
        for (int c = 0; c < FEATURES; c++) {
            h.append('x').append(c).append(',');
        }
        return h.append("label\n").toString();
    }

    private static void read(Path file, String how) throws IOException {
        long t = System.nanoTime();
        LabeledData data;
        if (how.equals("two-pass")) {
            data = LabeledData.csv(file, -1, "auto");
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                data = LabeledData.parse(file.toString(), in, -1, "auto");
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        double floatMb = (4.0 * data.x().data().length + 4.0 * data.labels().length) / 1048576;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "%-8s %s: %,d rows × %d features in %.1f s (%.0f MB of text/s); float data %.0f MB, heap peak"
                        + " %.0f MB (%.2f× the data)%n",
                how,
                file.getFileName(),
                data.size(),
                data.x().cols(),
                seconds,
                Files.size(file) / 1048576.0 / seconds,
                floatMb,
                peak / 1048576.0,
                peak / 1048576.0 / floatMb);
    }
}
