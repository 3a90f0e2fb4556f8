package dev.issosynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV files: plain or gzip (by magic bytes, multi-member too), UTF-8 with or without BOM, delimiter
 * sniffed among {@code , ; | TAB}, header row required, RFC 4180 quoting, CRLF or LF. Blank lines are
 * skipped (as pandas does). All problems surface as one-line {@link InputException}s.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Whether {@code path} is {@code -}, which every reader takes as standard input. */
    public static boolean isStdin(Path path) {
        return CsvInput.isStdin(path);
    }

    /** Reads the whole file into memory; equal cells of a column share one string ({@link SharedCells}). */
    public static RawTable read(Path path) {
        return read(path, null);
    }

    /** As {@link #read(Path)}, reporting the share of the file read every 65,536 rows ({@code progress} may be null). */
    public static RawTable read(Path path, java.util.function.DoubleConsumer progress) {
        try (Session s = new Session(path)) {
            String[] header = s.header;
            int cols = header.length;
            String[][] columns = new String[cols][1024];
            int rows = 0;
            String[] row = new String[cols];
            SharedCells shared = new SharedCells(cols);
            while (s.next(row)) {
                if (rows == columns[0].length) {
                    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, rows + (rows >> 1));
                    for (int c = 0; c < cols; c++) {
                        columns[c] = Arrays.copyOf(columns[c], capacity);
                    }
                }
                for (int c = 0; c < cols; c++) {
                    columns[c][rows] = shared.share(c, row[c]);
                }
                rows++;
                if (progress != null && (rows & 0xFFFF) == 0) {
                    progress.accept(s.input.fractionRead());
                }
            }
            s.requireData();
            for (int c = 0; c < cols; c++) {
                columns[c] = Arrays.copyOf(columns[c], rows);
            }
            return new RawTable(header, columns);
        }
    }

    /** Reads only the header row. */
    public static String[] readHeader(Path path) {
        try (Session s = new Session(path)) {
            return s.header.clone();
        }
    }

    /**
     * Streams the records in chunks, so a huge file is never held as strings. The file must have the same
     * set of column names as {@code expectedHeader} (any order); each record is delivered re-ordered into
     * {@code expectedHeader} order. The chunk arrays are reused between calls (see {@link ChunkConsumer}). The
     * consumer is called on a helper thread (one chunk at a time, in order) while the next chunk is parsed, and on
     * the calling thread for the last one; its exceptions reach the caller unchanged.
     *
     * @return the number of data rows
     */
    public static long stream(Path path, String[] expectedHeader, int chunkRows, ChunkConsumer consumer) {
        return stream(path, expectedHeader, chunkRows, consumer, null);
    }

    /**
     * As {@link #stream(Path, String[], int, ChunkConsumer)}, also reporting after each chunk the share of the
     * file read so far (for progress with a percentage and an ETA).
     */
    public static long stream(Path path, String[] expectedHeader, int chunkRows, ChunkConsumer consumer,
                              java.util.function.DoubleConsumer progress) {
        return stream(path, expectedHeader, Set.of(), chunkRows, consumer, progress);
    }

    /**
     * As {@link #stream(Path, String[], int, ChunkConsumer, java.util.function.DoubleConsumer)}; the file may also
     * have the columns in {@code ignored} (e.g. keys), which are skipped.
     */
    public static long stream(Path path, String[] expectedHeader, Set<String> ignored, int chunkRows,
                              ChunkConsumer consumer, java.util.function.DoubleConsumer progress) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        // the consumer works on one chunk on a helper thread while this one parses the next (two buffers)
        java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "csv-chunk-consumer");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<?> pending = null;
        try (Session s = new Session(path)) {
            int[] target = mapColumns(path, s.header, expectedHeader, ignored);
            int cols = expectedHeader.length;
            String[][][] buffers = {new String[chunkRows][cols], new String[chunkRows][cols]};
            int current = 0;
            String[] row = new String[s.header.length];
            long first = 0;
            int count = 0;
            while (s.next(row)) {
                String[] dst = buffers[current][count];
                for (int c = 0; c < row.length; c++) {
                    if (target[c] >= 0) {
                        dst[target[c]] = row[c];
                    }
                }
                if (++count == chunkRows) {
                    awaitChunk(pending);
                    String[][] full = buffers[current];
                    long at = first;
                    pending = helper.submit(() -> consumer.accept(at, full, chunkRows));
                    current = 1 - current;
                    first += count;
                    count = 0;
                    if (progress != null) {
                        progress.accept(s.input.fractionRead());
                    }
                }
            }
            awaitChunk(pending);
            pending = null;
            s.requireData();
            if (count > 0) {
                consumer.accept(first, buffers[current], count);
            }
            return first + count;
        } finally {
            if (pending != null) {
                pending.cancel(false);
                try {
                    awaitChunk(pending);
                } catch (RuntimeException | Error suppressed) {
                    // the first failure is the one already propagating
                }
            }
            helper.shutdown();
        }
    }

    /** Waits for a chunk's consumer; its exception is rethrown as it was thrown. ParquetInput's streams use it too. */
    static void awaitChunk(java.util.concurrent.Future<?> f) {
        if (f == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (java.util.concurrent.CancellationException e) {
            // cancelled on the way out after another failure
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code target[fileColumn]} = position of that column in {@code expected}. */
    static int[] mapColumns(Path path, String[] fileHeader, String[] expected) {
        return mapColumns(path, fileHeader, expected, Set.of());
    }

    /** As {@link #mapColumns(Path, String[], String[])}; columns in {@code ignored} map to -1. */
    static int[] mapColumns(Path path, String[] fileHeader, String[] expected, Set<String> ignored) {
        Map<String, Integer> pos = new HashMap<>(expected.length * 2);
        for (int i = 0; i < expected.length; i++) {
            if (pos.put(expected[i], i) != null) {
                throw new IllegalArgumentException("duplicate expected column: " + expected[i]);
            }
        }
        Set<String> missing = new LinkedHashSet<>(Arrays.asList(expected));
        List<String> extra = new ArrayList<>();
        int[] target = new int[fileHeader.length];
        for (int c = 0; c < fileHeader.length; c++) {
            Integer p = pos.get(fileHeader[c]);
            if (p == null && ignored.contains(fileHeader[c])) {
                target[c] = -1;
            } else if (p == null) {
                extra.add(fileHeader[c]);
            } else {
                target[c] = p;
                missing.remove(fileHeader[c]);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new InputException(path + ": columns do not match the expected columns: missing "
                    + missing + ", unexpected " + extra);
        }
        return target;
    }

    /** One pass over a file: header checked, then records one by one with field-count checks. */
    private static final class Session implements AutoCloseable {
        final Path path;
        final CsvInput input;
        final CSVParser parser;
        final Iterator<CSVRecord> records;
        final String[] header;
        long dataRows;

        Session(Path path) {
            this.path = path;
            this.input = CsvInput.open(path);
            try {
                CSVFormat format = CSVFormat.RFC4180.builder()
                        .setDelimiter(input.delimiter)
                        .setIgnoreEmptyLines(true)
                        .get();
                this.parser = CSVParser.builder().setReader(input.reader).setFormat(format).get();
                this.records = parser.iterator();
                if (!hasNext()) {
                    throw new InputException(path + ": file is empty");
                }
                this.header = checkHeader(nextRecord());
            } catch (IOException e) {
                input.close();
                throw CsvInput.failure(path, e);
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
        }

        private String[] checkHeader(CSVRecord rec) {
            String[] h = rec.values();
            Set<String> seen = new java.util.HashSet<>();
            for (int c = 0; c < h.length; c++) {
                if (h[c].trim().isEmpty()) {
                    throw new InputException(path + ": header has an empty column name (column " + (c + 1) + ")");
                }
                if (!seen.add(h[c])) {
                    throw new InputException(path + ": header has a duplicate column name '" + h[c] + "'");
                }
            }
            return h;
        }

        /** Fills {@code row} (file column order) with the next record; false at the end. */
        boolean next(String[] row) {
            if (!hasNext()) {
                return false;
            }
            CSVRecord rec = nextRecord();
            dataRows++;
            if (rec.size() != header.length) {
                throw new InputException(path + ": row " + dataRows + " (line " + parser.getCurrentLineNumber()
                        + ") has " + rec.size() + " fields, header has " + header.length);
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = rec.get(c);
            }
            return true;
        }

        void requireData() {
            if (dataRows == 0) {
                throw new InputException(path + ": has a header but no data rows");
            }
        }

        private boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw CsvInput.failure(path, e.getCause() != null ? e.getCause() : e);
            }
        }

        private CSVRecord nextRecord() {
            try {
                return records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw CsvInput.failure(path, e.getCause() != null ? e.getCause() : e);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
            input.close();
        }
    }
}
