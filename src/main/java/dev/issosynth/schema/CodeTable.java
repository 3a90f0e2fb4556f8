package dev.issosynth.schema;

import java.util.Arrays;

/**
 * A binned table: one byte per cell, column-major ({@code codes[column][row]}).
 * Every stage after the reader (IPF, trimming, refinement, evaluation) works on this.
 */
public final class CodeTable {
    private final byte[][] codes;
    private final int[] cardinality;
    private final int rows;

    /**
     * @param codes       {@code codes[c][r]} in {@code [0, cardinality[c])}, unsigned byte
     * @param cardinality number of bins of each column (at most 256)
     */
    public CodeTable(byte[][] codes, int[] cardinality) {
        if (codes.length != cardinality.length) {
            throw new IllegalArgumentException("codes and cardinality differ in column count");
        }
        this.codes = codes;
        this.cardinality = cardinality.clone();
        this.rows = codes.length == 0 ? 0 : codes[0].length;
        for (int c = 0; c < codes.length; c++) {
            if (codes[c].length != rows) {
                throw new IllegalArgumentException("column " + c + " has " + codes[c].length + " rows, expected " + rows);
            }
            if (cardinality[c] < 1 || cardinality[c] > 256) {
                throw new IllegalArgumentException("column " + c + " cardinality " + cardinality[c] + " outside 1..256");
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return codes.length;
    }

    /** Direct access for hot loops; callers must not modify it. */
    public byte[] column(int c) {
        return codes[c];
    }

    public int cardinality(int c) {
        return cardinality[c];
    }

    public int[] cardinalities() {
        return cardinality.clone();
    }

    public int code(int c, int r) {
        return codes[c][r] & 0xFF;
    }

    /** The rows at the given indices (duplicates allowed), as a new table. */
    public CodeTable select(int[] rowIndices) {
        byte[][] out = new byte[codes.length][rowIndices.length];
        for (int c = 0; c < codes.length; c++) {
            byte[] src = codes[c];
            byte[] dst = out[c];
            for (int i = 0; i < rowIndices.length; i++) {
                dst[i] = src[rowIndices[i]];
            }
        }
        return new CodeTable(out, cardinality);
    }

    /** Builds a table from row-major int codes; convenient for hand-made test tables. */
    public static CodeTable ofRows(int[] cardinality, int[]... rows) {
        byte[][] codes = new byte[cardinality.length][rows.length];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cardinality.length) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " cells");
            }
            for (int c = 0; c < cardinality.length; c++) {
                if (rows[r][c] < 0 || rows[r][c] >= cardinality[c]) {
                    throw new IllegalArgumentException("code " + rows[r][c] + " outside column " + c);
                }
                codes[c][r] = (byte) rows[r][c];
            }
        }
        return new CodeTable(codes, cardinality);
    }

    @Override
    public String toString() {
        return "CodeTable[" + rows + " x " + codes.length + ", cardinality " + Arrays.toString(cardinality) + "]";
    }
}
