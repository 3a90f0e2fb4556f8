package dev.issosynth.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a binary file atomically: the body writes to a temp file next to the target, which replaces the target only
 * by a rename once the body returned; if the body throws, no file is left behind.
 */
public final class AtomicOutput {
    private AtomicOutput() {
    }

    /** The body of a write. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Fails now, with the message writing would give later, when no file can be written at {@code path}: it is a
     * folder, or its folder cannot be made or written. For outputs named by the user, checked before long work.
     */
    public static void requireWritable(Path path) {
        Path dir = AtomicFile.prepareFolder(path);
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new InputException(path + ": cannot create output file: folder " + dir + " is not writable");
        }
    }

    /**
     * A hidden scratch file beside {@code target}, named as the tool's temp files are ({@code .NAME.<pid>-<hex>.tmp}),
     * so a signal's shutdown hook removes it and a later run recognises it after {@code kill -9}; it exists, empty.
     * The caller deletes it when done.
     */
    public static Path scratch(Path target) {
        return AtomicFile.create(target).temp;
    }

    public static void write(Path target, Body body) {
        AtomicFile f = AtomicFile.create(target);
        boolean ok = false;
        try {
            try (OutputStream out = f.open()) {
                body.write(out);
            } catch (IOException e) {
                throw new InputException(target + ": cannot write: " + e, e);
            }
            f.commit();
            ok = true;
        } finally {
            if (!ok) {
                f.discard();
            }
        }
    }
}
