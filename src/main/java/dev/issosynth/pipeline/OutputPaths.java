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
        return result(base, ".csv");
    }

    /** {@code base/results/flat_result_<YYYYMMDD_HHMM>[_n]<ext>} ({@code .csv} or {@code .parquet}). */
    public static Reservation result(Path base, String ext) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
        return reserve(base.resolve(RESULT_DIR), "flat_result_" + stamp, ext);
    }

    /** {@code base/pool_data/pool_<YYYYMMDD_HHMM>[_n].csv} (a pool alone: generate, or run with --output). */
    public static Reservation pool(Path base) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
        return reserve(base.resolve(POOL_DIR), "pool_" + stamp, ".csv");
    }

    /**
     * The pool and the result of one {@code run}, under one run id: {@code base/pool_data/pool_<YYYYMMDD_HHMM>[_n].csv}
     * and {@code base/results/flat_result_<YYYYMMDD_HHMM>[_n].csv} with the same stamp and the same {@code _n}, the
     * first that is free in both folders, so the two files of a run are easy to pair (concurrent runs too).
     */
    public static Reservation[] run(Path base) {
        return run(base, ".csv");
    }

    /** As {@link #run(Path)} with the result's extension ({@code .csv} or {@code .parquet}; the pool is CSV). */
    public static Reservation[] run(Path base, String resultExt) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
        Path pools = prepare(base.resolve(POOL_DIR));
        Path results = prepare(base.resolve(RESULT_DIR));
        for (int i = 1; ; i++) {
            String suffix = i == 1 ? "" : "_" + i;
            Reservation pool = reserveExactly(pools, "pool_" + stamp + suffix + ".csv");
            if (pool == null) {
                continue;
            }
            Reservation result = reserveExactly(results, "flat_result_" + stamp + suffix + resultExt);
            if (result == null) {
                pool.close();
                continue;
            }
            return new Reservation[] {pool, result};
        }
    }

    /** Makes the folder and removes what killed runs left in it, once before names are tried. */
    private static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(dir + ": cannot create an output file there: " + e, e);
        }
        Leftovers.sweep(dir);
        return dir;
    }

    /** {@code dir/name} if neither it nor its reservation exists (then reserved), else null. */
    private static Reservation reserveExactly(Path dir, String name) {
        try {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                return null;
            }
            Path marker = dir.resolve("." + name + ".reserved");
            try {
                Files.createFile(marker);
            } catch (FileAlreadyExistsException taken) {
                return null;
            }
            Files.writeString(marker, Leftovers.ownerMark());
            if (Files.exists(p)) {
                Files.deleteIfExists(marker);
                return null;
            }
            marker.toFile().deleteOnExit();
            return new Reservation(p, marker);
        } catch (IOException e) {
            throw new InputException(dir + ": cannot create an output file there: " + e, e);
        }
    }

    /** The first of {@code dir/stem.ext}, {@code dir/stem_2.ext}, ... that neither exists nor is reserved. */
    public static Reservation reserve(Path dir, String stem, String ext) {
        prepare(dir);
        for (int i = 1; ; i++) {
            Reservation r = reserveExactly(dir, stem + (i == 1 ? "" : "_" + i) + ext);
            if (r != null) {
                return r;
            }
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
