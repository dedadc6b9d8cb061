package org.chainrule.api;

/** Training or prediction data is malformed: a bad row, a bad value, a label out of range. */
public class DataException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the source, line and column where known */
    public DataException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the source, line and column where known
     * @param cause the underlying I/O or parse error
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
