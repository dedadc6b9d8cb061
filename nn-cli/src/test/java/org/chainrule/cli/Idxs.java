package org.chainrule.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny IDX image/label pairs for tests: three classes of rows × cols images, told apart by which third is bright. */
final class Idxs {
    private Idxs() {}

    static void write(Path images, Path labels, int n, int rows, int cols) throws IOException {
        ByteBuffer img = ByteBuffer.allocate(16 + n * rows * cols)
                .putInt(0x00000803)
                .putInt(n)
                .putInt(rows)
                .putInt(cols);
        ByteBuffer lbl = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            lbl.put((byte) label);
            for (int p = 0; p < rows * cols; p++) {
                boolean bright = p * 3 / (rows * cols) == label;
                img.put((byte) ((bright ? 160 : 20) + r.nextInt(60)));
            }
        }
        Files.write(images, img.array());
        Files.write(labels, lbl.array());
    }
}
