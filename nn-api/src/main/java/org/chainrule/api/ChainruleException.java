package org.chainrule.api;

/**
 * Root of every error Chainrule reports on purpose. The message is one line that names the thing
 * and the place (a layer index, a parameter, a file and line) and, where it applies, what was
 * expected and what was found.
 */
public class ChainruleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what, where, expected versus found */
    public ChainruleException(String message) {
        super(message);
    }

    /**
     * @param message one line: what, where, expected versus found
     * @param cause the underlying error, kept for {@code --verbose} diagnostics
     */
    public ChainruleException(String message, Throwable cause) {
        super(message, cause);
    }
}
