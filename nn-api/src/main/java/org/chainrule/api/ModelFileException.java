package org.chainrule.api;

/** A model file cannot be read or written: missing, truncated, corrupt or of another version. */
public class ModelFileException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and what is wrong at which offset */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and what is wrong
     * @param cause the underlying I/O error
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
