package org.chainrule.api;

/** A network specification, plugin parameter or training setting is invalid. */
public class ConfigException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the setting, the expected and the found value */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the setting, the expected and the found value
     * @param cause the underlying error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
