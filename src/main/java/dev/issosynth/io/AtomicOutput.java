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
