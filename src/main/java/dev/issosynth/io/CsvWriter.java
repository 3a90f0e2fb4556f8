package dev.issosynth.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes comma-separated CSV (LF, minimal quoting, cell text exactly as given). Every output goes to a temp
 * file in the target folder and is renamed into place only when complete. A name ending in {@code .gz} is
 * written gzip-compressed.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** Writes a whole table. */
    public static void write(RawTable table, Path out) {
        try (RowWriter w = open(out, table.header())) {
            int cols = table.columnCount();
            String[] row = new String[cols];
            for (int r = 0, n = table.rowCount(); r < n; r++) {
                for (int c = 0; c < cols; c++) {
                    row[c] = table.cell(c, r);
                }
                w.write(row);
            }
            w.commit();
        }
    }

    /** A streaming writer for generators; see {@link RowWriter} for the commit/close contract. */
    public static RowWriter open(Path out, String[] header) {
        return new RowWriter(out, header, null);
    }

    /** As {@link #open(Path, String[])}, also handing every written row to {@code listener} (null: none). */
    public static RowWriter open(Path out, String[] header, RowListener listener) {
        return new RowWriter(out, header, listener);
    }

    /**
     * Streams {@code source} (same column set as {@code outputHeader}, any order) and writes only the rows r
     * with {@code selected[r]}, columns in {@code outputHeader} order, original cell text.
     *
     * @return the number of rows written
     */
    public static long writeSelectedRows(Path source, String[] outputHeader, boolean[] selected, Path out) {
        return writeSelectedRows(source, outputHeader, selected, out, null);
    }

    /**
     * As {@link #writeSelectedRows(Path, String[], boolean[], Path)}, also handing every written row to
     * {@code listener} (null: none), e.g. to keep the result's text without reading the output back.
     */
    public static long writeSelectedRows(Path source, String[] outputHeader, boolean[] selected, Path out,
                                         RowListener listener) {
        return writeSelectedRows(source, outputHeader, java.util.Set.of(), selected, out, listener, null);
    }

    /**
     * As {@link #writeSelectedRows(Path, String[], boolean[], Path, RowListener)}: {@code source} has the columns
     * of {@code sourceHeader} and may have those in {@code ignored} too (skipped); each chosen row goes through
     * {@code expander} (null: none) on its way out, while {@code listener} sees it as read, in
     * {@code sourceHeader} order.
     */
    public static long writeSelectedRows(Path source, String[] sourceHeader, java.util.Set<String> ignored,
                                         boolean[] selected, Path out, RowListener listener, RowExpander expander) {
        if (source.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InputException(out + ": output would overwrite its own source");
        }
        try (RowWriter w = open(out, expander == null ? sourceHeader : expander.header(),
                expander == null ? listener : null)) {
            long rows = TableFiles.stream(source, sourceHeader, ignored, 4096, (first, chunk, count) -> {
                if (first + count > selected.length) {
                    throw new InputException(source + ": has more rows than the selection ("
                            + selected.length + ")");
                }
                for (int i = 0; i < count; i++) {
                    if (selected[(int) first + i]) {
                        if (expander == null) {
                            w.write(chunk[i]);
                        } else {
                            w.write(expander.expand(chunk[i]));
                            if (listener != null) {
                                listener.row(chunk[i]);
                            }
                        }
                    }
                }
            }, null);
            if (rows != selected.length) {
                throw new InputException(source + ": has " + rows + " rows but the selection covers "
                        + selected.length);
            }
            w.commit();
            return w.rowsWritten();
        }
    }

    /** {@code dir/stem.ext}, or {@code stem_2.ext}, {@code stem_3.ext}, ... whichever does not exist yet. */
    public static Path uniquePath(Path dir, String stem, String ext) {
        String suffix = ext == null || ext.isEmpty() ? "" : (ext.startsWith(".") ? ext : "." + ext);
        Path p = dir.resolve(stem + suffix);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(stem + "_" + i + suffix);
        }
        return p;
    }
}
