package org.chainrule.api;

/**
 * Something that one thread may use at a time was used from a second thread at once, for example
 * two concurrent {@code fit} calls on the same network. The message names the object and the
 * thread that holds it.
 */
public class ConcurrencyException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is busy, and with whom */
    public ConcurrencyException(String message) {
        super(message);
    }
}
