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
    /** Temp files not yet committed or discarded; deleted if the JVM exits early (e.g. Ctrl-C). */
    private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }
        }, "issosynth-temp-cleanup"));
    }

    private static final long PID = ProcessHandle.current().pid();

    final Path target;
    final Path temp;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * The folder {@code target} goes into, made if need be; InputException (the message writing gives) when the
     * target is a folder or its folder cannot be made.
     */
    static Path prepareFolder(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InputException(target + ": is a directory, cannot write a file there");
        }
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new InputException(target + ": cannot create output file: " + e, e);
        }
        return abs.getParent();
    }

    static AtomicFile create(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = prepareFolder(target);
        try {
            Leftovers.sweepTempFiles(dir);
            // Same directory as the target: rename stays on one file system and can be atomic.
            // createFile (not createTempFile) so the result gets the usual umask permissions, not owner-only.
            java.util.SplittableRandom rng = new java.util.SplittableRandom();
            for (int attempt = 0; ; attempt++) {
                // the pid lets a later run tell the leftover of a killed run from the temp file of a live one
                Path temp = dir.resolve("." + abs.getFileName() + "." + PID + "-"
                        + Long.toHexString(rng.nextLong() >>> 16) + ".tmp");
                try {
                    Files.createFile(temp);
                    LIVE.add(temp);
                    return new AtomicFile(target, temp);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt > 20) {
                        throw e;
                    }
                }
            }
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
        LIVE.remove(temp);
    }

    void discard() {
        try {
            Files.deleteIfExists(temp);
            LIVE.remove(temp);
        } catch (IOException ignored) {
            // best effort: the temp name starts with '.' and ends with .tmp, easy to spot
        }
    }
}
