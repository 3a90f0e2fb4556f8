package dev.issosynth.io;

/**
 * Bad input (missing file, malformed CSV, mismatched columns, ...). The message is always a single line
 * that names the file and the problem, so the CLI can print it as is instead of a stack trace.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(oneLine(message));
    }

    public InputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Messages from parsers may carry line breaks; the CLI contract is one line. */
    static String oneLine(String s) {
        if (s == null) {
            return "input error";
        }
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
