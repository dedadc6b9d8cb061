package org.chainrule.api;

import java.util.Arrays;

/**
 * A dense float32 matrix stored row-major in one contiguous {@code float[]}: element (r, c) is
 * {@code data()[r * cols() + c]}. In Chainrule a batch holds one sample per row.
 *
 * <p>The shape is fixed; the contents are mutable. {@link #data()} returns the backing array
 * itself, not a copy, so plugins can loop over it directly. Ownership: whoever created a matrix
 * owns it. A plugin that receives matrices in a call may read its inputs and must write only the
 * output the call names; it must not keep a reference after the call returns.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    /**
     * A zero-filled matrix.
     *
     * @throws ShapeException if either dimension is negative or the size overflows an int
     */
    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    private Matrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Wraps an existing row-major array without copying.
     *
     * @throws ShapeException if {@code data.length != rows * cols}
     */
    public static Matrix wrap(int rows, int cols, float[] data) {
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new ShapeException(
                    "matrix data: expected " + rows + "×" + cols + " = " + size + " values, found " + data.length);
        }
        return new Matrix(rows, cols, data);
    }

    /**
     * Copies a rectangular {@code float[rows][cols]} array.
     *
     * @throws ShapeException if the rows have different lengths (names the first bad row)
     */
    public static Matrix of(float[][] values) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new ShapeException("row " + r + ": expected " + cols + " columns, found " + values[r].length);
            }
            System.arraycopy(values[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new ShapeException("matrix shape: expected non-negative sizes, found " + rows + "×" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new ShapeException("matrix shape " + rows + "×" + cols + " has " + size + " elements; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        return (int) size;
    }

    /** @return the number of rows (samples, in a batch) */
    public int rows() {
        return rows;
    }

    /** @return the number of columns (features or units) */
    public int cols() {
        return cols;
    }

    /** @return the backing row-major array itself (not a copy); its length is rows × cols */
    public float[] data() {
        return data;
    }

    /** @return element (r, c) */
    public float get(int r, int c) {
        return data[index(r, c)];
    }

    /** Sets element (r, c). */
    public void set(int r, int c, float value) {
        data[index(r, c)] = value;
    }

    private int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + "×" + cols);
        }
        return r * cols + c;
    }

    /** @return a deep copy */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Copies {@code other}'s values into this matrix; shapes must agree. */
    public void copyFrom(Matrix other) {
        ShapeException.requireSame(this, other, "matrix copy");
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, value);
    }

    /** @return a new {@code float[rows][cols]} copy */
    public float[][] toArray() {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** @return a short description: the shape, and the values when there are few */
    @Override
    public String toString() {
        if (data.length > 32) {
            return "Matrix[" + rows + "×" + cols + "]";
        }
        return "Matrix[" + rows + "×" + cols + "]" + Arrays.deepToString(toArray());
    }
}
