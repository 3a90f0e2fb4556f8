package dev.issosynth.io;

import java.util.HashMap;
import java.util.Map;

/**
 * A table held as its original cell text, column-major ({@code columns[c][r]}). Keeping the text (rather than
 * parsed values) lets outputs reproduce the input cells exactly.
 */
public final class RawTable {
    private final String[] header;
    private final String[][] columns;
    private final int rows;
    private final Map<String, Integer> index;

    /**
     * @param header  column names (distinct)
     * @param columns {@code columns[c][r]}, all of equal length; kept, not copied
     */
    public RawTable(String[] header, String[][] columns) {
        if (header.length != columns.length) {
            throw new IllegalArgumentException("header has " + header.length + " names but there are "
                    + columns.length + " columns");
        }
        this.header = header.clone();
        this.columns = columns;
        this.rows = columns.length == 0 ? 0 : columns[0].length;
        this.index = new HashMap<>(header.length * 2);
        for (int c = 0; c < header.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException("column " + header[c] + " has " + columns[c].length
                        + " rows, expected " + rows);
            }
            if (index.put(header[c], c) != null) {
                throw new IllegalArgumentException("duplicate column name: " + header[c]);
            }
        }
    }

    public int rowCount() {
        return rows;
    }

    public int columnCount() {
        return header.length;
    }

    /** A copy of the column names. */
    public String[] header() {
        return header.clone();
    }

    public String name(int c) {
        return header[c];
    }

    /** Direct access to one column's cells (not a copy): callers must not modify it. */
    public String[] column(int c) {
        return columns[c];
    }

    public String cell(int c, int r) {
        return columns[c][r];
    }

    /** Index of the named column, or -1 if there is none. */
    public int columnIndex(String name) {
        Integer c = index.get(name);
        return c == null ? -1 : c;
    }

    /** This table without the columns whose names {@code drop} accepts (this table itself when none is dropped). */
    public RawTable withoutColumns(java.util.function.Predicate<String> drop) {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<String[]> kept = new java.util.ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (!drop.test(header[c])) {
                names.add(header[c]);
                kept.add(columns[c]);
            }
        }
        return names.size() == header.length ? this
                : new RawTable(names.toArray(String[]::new), kept.toArray(String[][]::new));
    }

    /** The given rows (duplicates allowed, any order) as a new table. */
    public RawTable selectRows(int[] rowIndices) {
        String[][] out = new String[columns.length][rowIndices.length];
        for (int c = 0; c < columns.length; c++) {
            String[] src = columns[c];
            String[] dst = out[c];
            for (int i = 0; i < rowIndices.length; i++) {
                dst[i] = src[rowIndices[i]];
            }
        }
        return new RawTable(header, out);
    }

    /** The first {@code n} rows (all rows if there are fewer). */
    public RawTable headRows(int n) {
        int m = Math.max(0, Math.min(n, rows));
        String[][] out = new String[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = java.util.Arrays.copyOf(columns[c], m);
        }
        return new RawTable(header, out);
    }

    @Override
    public String toString() {
        return "RawTable[" + rows + " x " + header.length + "]";
    }
}
