package dev.issosynth.generator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for an outside model's files (upload, download, bridge script), deleted when closed. */
public final class WorkFolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkFolder.class);

    private final Path dir;

    private WorkFolder(Path dir) {
        this.dir = dir;
    }

    /** A new folder under the system temp folder; {@code purpose} names it in the error if it cannot be made. */
    public static WorkFolder create(String prefix, String purpose) {
        try {
            return new WorkFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for " + purpose + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return dir;
    }

    /** Best effort: a file an outside process still holds open must not turn a finished pool into a failure. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.info("could not delete {}: {}", dir, e.toString());
        }
    }
}
