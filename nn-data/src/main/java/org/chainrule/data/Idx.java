package org.chainrule.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.chainrule.api.DataException;
import org.chainrule.api.Matrix;

/**
 * Reads LeCun's IDX files (the MNIST and Fashion-MNIST format), optionally gzipped: a 4-byte magic
 * {@code 0 0 type rank}, {@code rank} big-endian dimension sizes, then the values. Only unsigned
 * bytes (type 0x08) occur in these data sets and only they are read. Every problem — bad magic,
 * another type, a rank or size out of range, a truncated file, trailing bytes — is a
 * {@link DataException} naming the file and the byte offset. Nothing is allocated from a header's
 * sizes alone: a header claiming billions of values in a short file is refused at once.
 */
public final class Idx {
    private static final int UBYTE = 0x08;
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private Idx() {}

    /**
     * @return images as rows of pixels (rank ≥ 2: the first dimension is the sample). Nothing is
     *     allocated from the header's sizes alone: the values are read first (memory grows with
     *     what the file holds), so a header claiming billions of pixels in a short file is refused
     *     at once.
     */
    public static Matrix images(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, file, 2, 4);
            long cols = 1;
            for (int i = 1; i < dims.length; i++) {
                cols *= dims[i];
                if (cols > MAX_VALUES) {
                    break; // reported below; the product of up to three ints stays far from overflow here
                }
            }
            if (cols > MAX_VALUES || (long) dims[0] * cols > MAX_VALUES) {
                throw new DataException(file + ": " + Integer.toUnsignedString(dims[0]) + " images of "
                        + (cols > MAX_VALUES ? "more than " + MAX_VALUES : cols)
                        + " pixels are more than one array holds");
            }
            long offset = 4 + 4L * dims.length;
            byte[] values = values(in, file, (int) ((long) dims[0] * cols), offset);
            Matrix m = new Matrix(dims[0], (int) cols);
            float[] d = m.data();
            for (int i = 0; i < values.length; i++) {
                d[i] = values[i] & 0xFF;
            }
            return m;
        } catch (IOException e) {
            throw new DataException(file + ": " + Inputs.reason(e), e);
        }
    }

    /** @return the labels, one byte each (rank 1) */
    public static int[] labels(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, file, 1, 1);
            byte[] b = values(in, file, dims[0], 8);
            int[] labels = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                labels[i] = b[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw new DataException(file + ": " + Inputs.reason(e), e);
        }
    }

    /** @return exactly {@code count} values read from {@code offset}, then the end of the file */
    private static byte[] values(DataInputStream in, Path file, int count, long offset) throws IOException {
        byte[] b = in.readNBytes(count); // grows with what arrives, not with what the header claims
        if (b.length < count) {
            throw new DataException(file + ": truncated: the header declares " + count + " values from byte " + offset
                    + ", found " + b.length);
        }
        requireEnd(in, file, offset + count);
        return b;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Inputs.open(file);
        if (file.toString().endsWith(".gz")) {
            try {
                return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
            } catch (IOException e) {
                raw.close();
                throw new DataException(file + ": expected a gzip file (.gz), found other bytes", e);
            }
        }
        return new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
    }

    private static int[] header(DataInputStream in, Path file, int minRank, int maxRank) throws IOException {
        byte[] magic = new byte[4];
        readFully(in, magic, file, 0);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(String.format(
                    "%s byte 0: expected the IDX magic 00 00 (type) (rank), found %02x %02x %02x %02x; not an IDX file",
                    file, magic[0], magic[1], magic[2], magic[3]));
        }
        if ((magic[2] & 0xFF) != UBYTE) {
            throw new DataException(String.format(
                    "%s byte 2: expected element type 0x08 (unsigned byte), found 0x%02x", file, magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank < minRank || rank > maxRank) {
            throw new DataException(
                    file + " byte 3: expected rank " + (minRank == maxRank ? minRank : minRank + ".." + maxRank)
                            + (minRank == 1 ? " (labels)" : " (images)") + ", found " + rank);
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            byte[] b = new byte[4];
            readFully(in, b, file, 4 + 4L * i);
            dims[i] = java.nio.ByteBuffer.wrap(b).getInt();
            if (dims[i] < 1) {
                throw new DataException(file + " byte " + (4 + 4 * i) + ": dimension " + (i + 1)
                        + ": expected a size >= 1, found " + Integer.toUnsignedString(dims[i]));
            }
        }
        return dims;
    }

    private static void readFully(DataInputStream in, byte[] b, Path file, long offset) throws IOException {
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new DataException(file + ": truncated: expected " + b.length + " more bytes at byte " + offset, e);
        }
    }

    private static void requireEnd(DataInputStream in, Path file, long offset) throws IOException {
        if (in.read() >= 0) {
            throw new DataException(
                    file + " byte " + offset + ": expected the end of the file after the last value, found more bytes");
        }
    }
}
