package dev.issosynth.generator;

import dev.issosynth.io.InputException;

/**
 * An outside model failed: the MOSTLY AI platform refused a request or its job failed, or the Python bridge could
 * not run. The message is one line for the user; the CLI exits with its own code so a cron job can tell a remote
 * failure from bad input.
 */
public class ExternalModelException extends InputException {
    private static final long serialVersionUID = 1L;

    public ExternalModelException(String message) {
        super(message);
    }

    public ExternalModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
