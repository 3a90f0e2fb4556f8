package dev.issosynth.pipeline;

import dev.issosynth.io.InputException;
import dev.issosynth.io.Leftovers;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Default output locations: pools in pool_data/, results in results/, never overwriting a file. A name is
 * reserved with a hidden marker file ({@code .NAME.reserved}, created atomically) for as long as the run
 * writes it, so two runs started in the same minute, even concurrently, get different names
 * ({@code _2}, {@code _3}, ...). The marker holds the owner's pid, so the markers and temp files of a run killed
 * without cleaning up are removed by the next run that reserves a name in the folder ({@link Leftovers}).
 */
public final class OutputPaths {
    public static final String POOL_DIR = "pool_data";
    public static final String RESULT_DIR = "results";

    private OutputPaths() {
    }

    /** {@code base/results/flat_result_<YYYYMMDD_HHMM>[_n].csv}. */
    public static Reservation result(Path base) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
        return reserve(base.resolve(RESULT_DIR), "flat_result_" + stamp, ".csv");
    }

    /** {@code base/pool_data/pool_<YYYYMMDD_HHMMSS>[_n].csv}. */
    public static Reservation pool(Path base) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        return reserve(base.resolve(POOL_DIR), "pool_" + stamp, ".csv");
    }

    /** The first of {@code dir/stem.ext}, {@code dir/stem_2.ext}, ... that neither exists nor is reserved. */
    public static Reservation reserve(Path dir, String stem, String ext) {
        try {
            Files.createDirectories(dir);
            Leftovers.sweep(dir);
            for (int i = 1; ; i++) {
                Path p = dir.resolve(stem + (i == 1 ? "" : "_" + i) + ext);
                if (Files.exists(p)) {
                    continue;
                }
                Path marker = dir.resolve("." + p.getFileName() + ".reserved");
                try {
                    Files.createFile(marker);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                // the owner's pid: a later run removes the marker once this process is gone (kill -9)
                Files.writeString(marker, Leftovers.ownerMark());
                if (Files.exists(p)) { // written between our check and the marker
                    Files.deleteIfExists(marker);
                    continue;
                }
                marker.toFile().deleteOnExit(); // also after Ctrl-C
                return new Reservation(p, marker);
            }
        } catch (IOException e) {
            throw new InputException(dir + ": cannot create an output file there: " + e, e);
        }
    }

    /**
     * Fails now, with the message writing would give later, when a file cannot be written at {@code path}: it is
     * a folder, or its folder cannot be made or written. For outputs named by the user, checked before hours of
     * work instead of after.
     */
    public static void requireWritable(Path path) {
        Path abs = path.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InputException(path + ": is a directory, cannot write a file there");
        }
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(path + ": cannot create output file: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new InputException(path + ": cannot create output file: folder " + dir + " is not writable");
        }
    }

    /** An output path that is ours; a given path ({@code --output}) has no marker. */
    public record Reservation(Path path, Path marker) implements AutoCloseable {
        public static Reservation given(Path path) {
            return new Reservation(path, null);
        }

        /** Releases the name (the output, if written, keeps it). */
        @Override
        public void close() {
            if (marker != null) {
                try {
                    Files.deleteIfExists(marker);
                } catch (IOException ignored) {
                    // a stale marker only makes a later run skip this name
                }
            }
        }
    }
}
