package dev.issosynth.util;

import java.util.Arrays;

/**
 * Rows of a narrowed view: a strictly ascending array of row numbers, and positions in it. The selection engine
 * narrows a huge pool this way, and the privacy steering of a narrowed engine maps its rows back the same way.
 */
public final class SortedRows {
    private SortedRows() {
    }

    /** Positions in {@code sorted} (strictly ascending) of {@code rows}; every row must be in it. */
    public static int[] positions(int[] rows, int[] sorted) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.binarySearch(sorted, rows[i]);
            if (out[i] < 0) {
                throw new IllegalArgumentException("row " + rows[i] + " is not among the narrowed rows");
            }
        }
        return out;
    }

    /** The rows at {@code positions} of {@code sorted}. */
    public static int[] rows(int[] positions, int[] sorted) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = sorted[positions[i]];
        }
        return out;
    }
}
