package dev.issosynth.schema;

/**
 * Maps a column's raw cells to bin codes {@code 0..binCount()-1}, with bins fitted on the reference data
 * as MOSTLY AI's QA accuracy metric fits them (numerics and datetimes: at most 10 order-statistic bins;
 * categoricals: the 10 most frequent values plus special bins; the rules in docs/design.md). Any other data
 * (a pool, a synthetic table) is mapped onto the reference's bins. Missing cells go to the {@code (n/a)} bin.
 */
public interface ColumnBinning {
    String NA_LABEL = "(n/a)";

    ColumnType type();

    /** Number of bins, at most 256 (in practice at most 14). */
    int binCount();

    /** The bin of one raw cell. */
    int code(String cell);

    /** Human-readable name of a bin, e.g. {@code [18, 25)}, {@code Private} or {@code (n/a)}. */
    String label(int code);

    /** The code of the {@code (n/a)} bin. */
    int naCode();

    /**
     * Bulk form of {@link #code} for column {@code column} of row-major chunk rows: writes
     * {@code dest[destOffset + i] = code(rows[i][column])} for {@code i < count}. Implementations override it
     * with a tight loop (it runs on every pool cell).
     */
    default void encode(String[][] rows, int column, int count, byte[] dest, int destOffset) {
        for (int i = 0; i < count; i++) {
            dest[destOffset + i] = (byte) code(rows[i][column]);
        }
    }

    /**
     * As {@link #encode(String[][], int, int, byte[], int)}, also writing each cell's parsed value to
     * {@code values[i]} (NaN when it is missing or has no value; always NaN for a binning of text), so a caller
     * that needs the numbers too does not parse the cells again.
     */
    default void encode(String[][] rows, int column, int count, byte[] dest, int destOffset, double[] values) {
        encode(rows, column, count, dest, destOffset);
        java.util.Arrays.fill(values, 0, count, Double.NaN);
    }

    /** {@code dest[destOffset + i] = code(values[i])} for all values. */
    default void encode(String[] values, byte[] dest, int destOffset) {
        for (int i = 0; i < values.length; i++) {
            dest[destOffset + i] = (byte) code(values[i]);
        }
    }
}
