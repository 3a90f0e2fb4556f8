package dev.issosynth.io;

/** A binary file read by {@link BinaryReader} is inconsistent; the message says what was wrong, in a few words. */
public final class CorruptDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
