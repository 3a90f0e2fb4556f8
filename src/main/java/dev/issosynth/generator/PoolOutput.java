package dev.issosynth.generator;

import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.RowListener;
import dev.issosynth.io.RowWriter;

import java.nio.file.Path;

/**
 * Where a generator writes its pool: a file (atomically, see {@link RowWriter}) and, optionally, a listener that
 * sees every row as it is written, so the job can bin the pool on the way out instead of parsing the file back.
 *
 * @param path the pool file
 * @param tee  sees each written row in the header order the generator opened the file with; null for none
 */
public record PoolOutput(Path path, RowListener tee) {
    public PoolOutput {
        if (path == null) {
            throw new IllegalArgumentException("pool path is null");
        }
    }

    /** Just the file. */
    public static PoolOutput to(Path path) {
        return new PoolOutput(path, null);
    }

    /** Opens the pool file with this header; every row written also goes to the tee. */
    public RowWriter open(String[] header) {
        return CsvWriter.open(path, header, tee);
    }
}
