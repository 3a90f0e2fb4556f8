package dev.issosynth.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Compact privacy cells ({@link EmbeddingEncoder#compactCell}, 2 bytes a cell) of many rows, column by column, in
 * segments of {@value #SEGMENT_ROWS} rows. Segments live on the heap up to a byte limit; beyond it they live in a
 * memory-mapped file, so a pool of 100 M rows (3 GB of cells at 15 columns) does not need 3 GB of heap: the
 * operating system keeps in memory the pages the selection touches. The file is unlinked as soon as it is open,
 * so nothing is left behind however the process ends.
 */
public final class CompactCells implements AutoCloseable {
    static final int SEGMENT_BITS = 22;
    static final int SEGMENT_ROWS = 1 << SEGMENT_BITS;
    private static final int MASK = SEGMENT_ROWS - 1;

    private final int columns;
    /** {@code segments[k][s]}: rows {@code s * SEGMENT_ROWS ...} of column k. */
    private CharBuffer[][] segments;
    private final long heapLimitBytes;
    private final Path spillFolder;
    private FileChannel file;
    private long fileBytes;
    private long heapBytes;
    /** Rows with room (whole segments). */
    private long capacity;

    /**
     * @param heapLimitBytes bytes of segments kept on the heap before the rest goes to a mapped file
     * @param spillFolder    where the mapped file is made; null = everything on the heap
     */
    public CompactCells(int columns, long heapLimitBytes, Path spillFolder) {
        this.columns = columns;
        this.heapLimitBytes = heapLimitBytes;
        this.spillFolder = spillFolder;
        this.segments = new CharBuffer[columns][0];
    }

    /** All on the heap. */
    public static CompactCells onHeap(int columns) {
        return new CompactCells(columns, Long.MAX_VALUE, null);
    }

    /** A view of cells already held as {@code cells[k][row]} (kept, not copied; rows beyond a segment split). */
    public static CompactCells of(char[][] cells) {
        CompactCells out = onHeap(cells.length);
        int rows = cells.length == 0 ? 0 : cells[0].length;
        int n = (rows + MASK) >>> SEGMENT_BITS;
        for (int k = 0; k < cells.length; k++) {
            out.segments[k] = new CharBuffer[n];
            for (int s = 0; s < n; s++) {
                int from = s << SEGMENT_BITS;
                out.segments[k][s] = CharBuffer.wrap(cells[k], from, Math.min(SEGMENT_ROWS, rows - from)).slice();
            }
        }
        out.capacity = (long) Math.ceil(rows / (double) SEGMENT_ROWS) * SEGMENT_ROWS;
        return out;
    }

    public int columns() {
        return columns;
    }

    /** Whether some segments live in a mapped file. */
    public boolean spilled() {
        return file != null;
    }

    /** Makes room for rows {@code 0..rows-1}. */
    public void ensure(long rows) {
        while (capacity < rows) {
            for (int k = 0; k < columns; k++) {
                segments[k] = java.util.Arrays.copyOf(segments[k], segments[k].length + 1);
                segments[k][segments[k].length - 1] = newSegment();
            }
            capacity += SEGMENT_ROWS;
        }
    }

    private CharBuffer newSegment() {
        long bytes = 2L * SEGMENT_ROWS;
        if (spillFolder == null || heapBytes + bytes <= heapLimitBytes) {
            heapBytes += bytes;
            return CharBuffer.allocate(SEGMENT_ROWS);
        }
        try {
            if (file == null) {
                Files.createDirectories(spillFolder);
                Path p = Files.createTempFile(spillFolder, ".issosynth-cells-", ".tmp");
                file = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Files.delete(p); // the open channel and its mappings keep the space until they are gone
            }
            CharBuffer b = file.map(FileChannel.MapMode.READ_WRITE, fileBytes, bytes).order(ByteOrder.nativeOrder())
                    .asCharBuffer();
            fileBytes += bytes;
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a mapped file for privacy cells in " + spillFolder + ": "
                    + e.getMessage(), e);
        }
    }

    public char get(int k, int row) {
        return segments[k][row >>> SEGMENT_BITS].get(row & MASK);
    }

    /** Stores {@code values[0..count)} as rows {@code at..at+count-1} of column {@code k} (room must be made). */
    public void put(int k, int at, char[] values, int count) {
        CharBuffer[] column = segments[k];
        int done = 0;
        while (done < count) {
            int row = at + done;
            int n = Math.min(count - done, SEGMENT_ROWS - (row & MASK));
            column[row >>> SEGMENT_BITS].put(row & MASK, values, done, n);
            done += n;
        }
    }

    /** Lets go of the cells (heap and mapped); they cannot be read afterwards. */
    @Override
    public void close() {
        segments = new CharBuffer[columns][0];
        capacity = 0;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // the file is already unlinked; its space returns when the mappings are collected
            }
        }
    }
}
