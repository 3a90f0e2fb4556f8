package dev.issosynth.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A temp file next to the target that becomes the target only by an atomic rename, so readers never see a
 * half-written output and a failed run leaves nothing behind.
 */
final class AtomicFile {
    final Path target;
    final Path temp;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    static AtomicFile create(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (Files.isDirectory(abs)) {
                throw new InputException(target + ": is a directory, cannot write a file there");
            }
            Files.createDirectories(dir);
            // Same directory as the target: rename stays on one file system and can be atomic.
            Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            return new AtomicFile(target, temp);
        } catch (IOException e) {
            throw new InputException(target + ": cannot create output file: " + e, e);
        }
    }

    OutputStream open() {
        try {
            return Files.newOutputStream(temp);
        } catch (IOException e) {
            discard();
            throw new InputException(target + ": cannot write: " + e, e);
        }
    }

    void commit() {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw new InputException(target + ": cannot move finished output into place: " + e, e);
        }
    }

    void discard() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: the temp name starts with '.' and ends with .tmp, easy to spot
        }
    }
}
