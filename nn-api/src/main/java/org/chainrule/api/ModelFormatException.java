package org.chainrule.api;

/**
 * A model or checkpoint file is malformed: truncated, a header that is not the expected JSON, an
 * unknown dtype, offsets that overlap or leave the file, shapes that disagree with the network
 * spec, a wrong checksum, an unknown plugin, or a newer major format version. The message names
 * the file and the place (byte offset, tensor or metadata key) with what was expected and found.
 */
public class ModelFormatException extends ModelFileException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: the file, the place, expected versus found */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message one line: the file, the place, expected versus found
     * @param cause the underlying parser error, kept for {@code --verbose} diagnostics
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
