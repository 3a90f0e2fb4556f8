package dev.issosynth.io;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Reads a table file whatever its format, decided by content: Parquet ({@link ParquetInput}) or CSV, plain or gzip
 * ({@link CsvReader}); {@code -} is CSV on standard input. Either way the rest of the tool sees the same text cells.
 */
public final class TableFiles {
    private TableFiles() {
    }

    public static boolean isParquet(Path path) {
        return ParquetInput.isParquet(path);
    }

    public static RawTable read(Path path) {
        return read(path, null);
    }

    /** As {@link #read(Path)}, reporting the share of a CSV file read as it goes ({@code progress} may be null). */
    public static RawTable read(Path path, java.util.function.DoubleConsumer progress) {
        return isParquet(path) ? ParquetInput.read(path) : CsvReader.read(path, progress);
    }

    public static String[] readHeader(Path path) {
        return isParquet(path) ? ParquetInput.readHeader(path) : CsvReader.readHeader(path);
    }

    /** See {@link CsvReader#stream(Path, String[], int, ChunkConsumer)}. */
    public static long stream(Path path, String[] expectedHeader, int chunkRows, ChunkConsumer consumer) {
        return stream(path, expectedHeader, Set.of(), chunkRows, consumer, null);
    }

    /** See {@link CsvReader#stream(Path, String[], Set, int, ChunkConsumer, DoubleConsumer)}. */
    public static long stream(Path path, String[] expectedHeader, Set<String> ignored, int chunkRows,
                              ChunkConsumer consumer, DoubleConsumer progress) {
        return isParquet(path) ? ParquetInput.stream(path, expectedHeader, ignored, chunkRows, consumer, progress)
                : CsvReader.stream(path, expectedHeader, ignored, chunkRows, consumer, progress);
    }
}
