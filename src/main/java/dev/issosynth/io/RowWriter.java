package dev.issosynth.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.io.Writer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes CSV rows to a temp file; {@link #commit()} renames it to the target. Closing without a commit
 * deletes the temp file, so use it in try-with-resources and call {@code commit()} as the last statement.
 */
public final class RowWriter implements AutoCloseable {
    // Comma, LF, quotes only where the CSV syntax needs them (delimiter, quote, CR/LF, an empty first field),
    // cells printed as given. Not commons-csv's QuoteMode.MINIMAL: it also quotes cells that start with a space
    // or '#' (census " Private" became "\" Private\""), so outputs stopped being byte-identical to the input.

    private final AtomicFile file;
    private final int columns;
    private final Writer printer;
    /** Sees each written row; null for none. */
    private final RowListener listener;
    private boolean committed;
    private boolean closed;
    private long rows;

    RowWriter(java.nio.file.Path out, String[] header, RowListener listener) {
        this.listener = listener;
        this.file = AtomicFile.create(out);
        this.columns = header.length;
        Writer p = null;
        try {
            OutputStream os = file.open();
            // Gzip when the name asks for it, so large outputs can stay compressed.
            if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            p = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            printRecord(p, header);
        } catch (IOException | RuntimeException e) {
            closePrinter(p);
            file.discard();
            throw e instanceof InputException ie ? ie : new InputException(out + ": cannot write: " + e, e);
        }
        this.printer = p;
    }

    /** Writes one row; it must have as many cells as the header. */
    public void write(String[] row) {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        if (row.length != columns) {
            throw new IllegalArgumentException("row has " + row.length + " cells, header has " + columns);
        }
        try {
            printRecord(printer, row);
            rows++;
            if (listener != null) {
                listener.row(row);
            }
        } catch (IOException e) {
            throw new InputException(file.target + ": cannot write: " + e, e);
        }
    }

    /** Rows written so far (header not counted). */
    public long rowsWritten() {
        return rows;
    }

    /** Flushes, closes and atomically moves the output into place. */
    public void commit() {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        closed = true;
        try {
            printer.close();
        } catch (IOException e) {
            file.discard();
            throw new InputException(file.target + ": cannot write: " + e, e);
        }
        file.commit();
        committed = true;
    }

    /** Without a prior {@link #commit()}: abandons the output and deletes the temp file. */
    @Override
    public void close() {
        if (!committed) {
            closed = true;
            closePrinter(printer);
            file.discard();
        }
    }

    static void printRecord(Writer w, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            if (needsQuotes(c, i == 0)) {
                w.write('"');
                w.write(c.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(c);
            }
        }
        w.write('\n');
    }

    /** An empty first field is quoted, so a one-column row with an empty cell never looks like a blank line. */
    static boolean needsQuotes(String c, boolean first) {
        if (c.isEmpty()) {
            return first;
        }
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void closePrinter(Writer p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException ignored) {
                // the output is being discarded anyway
            }
        }
    }
}
