package org.chainrule.api;

/** Two matrices, or a matrix and a network, do not fit together. */
public class ShapeException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the operand and both shapes */
    public ShapeException(String message) {
        super(message);
    }

    /**
     * Fails unless {@code m} has the given shape.
     *
     * @param what names the operand and its place, e.g. {@code "layer 2 weights"}
     * @throws ShapeException {@code "<what>: expected 3×4, found 4×3"}
     */
    public static void require(Matrix m, int rows, int cols, String what) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new ShapeException(what + ": expected " + rows + "×" + cols + ", found " + m.rows() + "×" + m.cols());
        }
    }

    /**
     * Fails unless {@code a} and {@code b} have the same shape; the message is {@code owner + what}
     * and is built only on failure, so hot loops can call this once per batch without allocating.
     *
     * @param owner names the plugin or call, e.g. {@code "tanh"}
     * @param what names the pair, e.g. {@code " backward: dA versus z"}
     */
    public static void requireSame(Matrix a, Matrix b, String owner, String what) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            require(b, a.rows(), a.cols(), owner + what);
        }
    }

    /**
     * Fails unless {@code a} and {@code b} have the same shape.
     *
     * @param what names the pair, e.g. {@code "loss: outputs versus targets"}
     */
    public static void requireSame(Matrix a, Matrix b, String what) {
        require(b, a.rows(), a.cols(), what);
    }
}
