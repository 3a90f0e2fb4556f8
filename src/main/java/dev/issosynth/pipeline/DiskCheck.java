package dev.issosynth.pipeline;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Before a pool is generated: is there room for it? The pool is about the training table's average row, as CSV
 * text, times its rows; a pool that would not fit is refused before any training, not after it.
 */
final class DiskCheck {
    /** Headroom on the estimate: generated values are not exactly the training values' length. */
    static final double MARGIN = 1.2;

    private DiskCheck() {
    }

    /** CSV bytes of an average training row: its cells' text, a delimiter after each and the line end. */
    static double averageRowBytes(RawTable table) {
        if (table.rowCount() == 0) {
            return 0;
        }
        long chars = 0;
        for (int c = 0; c < table.columnCount(); c++) {
            for (String cell : table.column(c)) {
                chars += cell.length() + 1;
            }
        }
        return (double) chars / table.rowCount();
    }

    /** InputException when {@code rows} pool rows of {@code rowBytes} each do not fit in {@code usable} bytes. */
    static void require(long rows, double rowBytes, long usable, Path dir) {
        double need = rows * rowBytes * MARGIN;
        if (need > usable) {
            throw new InputException(String.format(Locale.ROOT, "%s: the pool needs about %s (%,d rows of about %.0f"
                    + " bytes), the disk has %s free; free some space, or lower --pool-factor", dir, size(need), rows,
                    rowBytes, size(usable)));
        }
    }

    /** The check for a pool written into {@code dir} (created if need be). */
    static void requireRoom(RawTable training, long rows, Path dir) {
        try {
            Files.createDirectories(dir);
            require(rows, averageRowBytes(training), Files.getFileStore(dir).getUsableSpace(), dir);
        } catch (IOException e) {
            // an unreadable file store is no reason to refuse: the write itself will say what is wrong
        }
    }

    private static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", Math.max(1, bytes / 1e6));
    }
}
