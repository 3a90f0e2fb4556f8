package dev.issosynth.io;

/**
 * Sees every row a {@link RowWriter} writes, right after it is written, in the writer's column order. The array
 * may be reused by the caller for the next row: keep the cells (strings), not the array.
 */
@FunctionalInterface
public interface RowListener {
    void row(String[] cells);
}
