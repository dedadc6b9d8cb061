package org.chainrule.api;

/** Training produced NaN or infinity; the message names the epoch and batch. */
public class NumericException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the value and where it appeared */
    public NumericException(String message) {
        super(message);
    }
}
