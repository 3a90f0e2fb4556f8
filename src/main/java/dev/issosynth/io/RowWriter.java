package dev.issosynth.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes CSV rows to a temp file; {@link #commit()} renames it to the target. Closing without a commit
 * deletes the temp file, so use it in try-with-resources and call {@code commit()} as the last statement.
 */
public final class RowWriter implements AutoCloseable {
    /** Comma, LF, quotes only where needed; cells are printed as given. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private final AtomicFile file;
    private final int columns;
    private final CSVPrinter printer;
    private boolean committed;
    private boolean closed;
    private long rows;

    RowWriter(java.nio.file.Path out, String[] header) {
        this.file = AtomicFile.create(out);
        this.columns = header.length;
        CSVPrinter p = null;
        try {
            OutputStream os = file.open();
            // Gzip when the name asks for it, so large outputs can stay compressed.
            if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            p = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16),
                    FORMAT);
            p.printRecord((Object[]) header);
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
            printer.printRecord((Object[]) row);
            rows++;
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
            printer.close(true);
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

    private static void closePrinter(CSVPrinter p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException ignored) {
                // the output is being discarded anyway
            }
        }
    }
}
