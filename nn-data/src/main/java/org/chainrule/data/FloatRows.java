package org.chainrule.data;

import java.util.Arrays;
import org.chainrule.api.Matrix;

/**
 * Rows of one width appended into one row-major {@code float[]}, the layout a {@link Matrix} wraps.
 * Given the number of rows up front (a file's first pass counts them) the array is allocated once
 * at its final size and wrapped without a copy, so reading a CSV takes little more memory than its
 * float data; otherwise it grows by half as rows come and is trimmed once at the end.
 */
final class FloatRows {
    private final int width;
    private float[] data;
    private int rows;

    /**
     * @param width floats per row
     * @param expectedRows rows to allocate for now; more may come
     */
    FloatRows(int width, int expectedRows) {
        this.width = width;
        this.data = new float[Math.multiplyExact(Math.max(1, expectedRows), width)];
    }

    /** @return the offset of a new row in {@link #data()}, which may be a new array after this call */
    int append() {
        int offset = Math.multiplyExact(rows, width);
        if (offset + width > data.length) {
            long grown = Math.max((long) offset + width, data.length + (data.length >> 1) + width);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(
                        "data: expected at most " + (Integer.MAX_VALUE - 8) + " values in one matrix, found more");
            }
            data = Arrays.copyOf(data, (int) grown);
        }
        rows++;
        return offset;
    }

    /** @return the array rows are written into (valid until the next {@link #append()}) */
    float[] data() {
        return data;
    }

    /** @return the rows appended so far */
    int rows() {
        return rows;
    }

    /** @return the rows as a matrix: the array itself when it is full, else a trimmed copy */
    Matrix matrix() {
        int size = rows * width;
        return Matrix.wrap(rows, width, data.length == size ? data : Arrays.copyOf(data, size));
    }
}
