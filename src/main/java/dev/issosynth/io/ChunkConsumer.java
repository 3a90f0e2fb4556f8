package dev.issosynth.io;

/**
 * Receives the records of a streamed CSV file chunk by chunk.
 *
 * <p>{@code rowsRowMajor[i][c]} is cell {@code c} of row {@code firstRowIndex + i}, columns in the order the
 * caller asked for; only the first {@code count} rows are valid. The arrays are REUSED for the next chunk, so
 * copy (or encode) what you need before returning.
 */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(long firstRowIndex, String[][] rowsRowMajor, int count);
}
