package dev.issosynth.api;

/** Bad input or a failed step, with a one-line message fit for a user (the cause keeps the details). */
public final class IssosynthException extends RuntimeException {
    IssosynthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Runs {@code step}, turning the project's input errors into this exception. */
    static <T> T wrap(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (dev.issosynth.io.InputException | IllegalArgumentException e) {
            throw new IssosynthException(e.getMessage(), e);
        }
    }
}
