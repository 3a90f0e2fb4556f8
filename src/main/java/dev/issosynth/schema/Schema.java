package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference table's columns with their types and binnings. Every table compared with the reference
 * (pool, synthetic output) is encoded through it, so all share the reference's bins.
 */
public final class Schema {
    private final String[] names;
    private final ColumnType[] types;
    private final ColumnBinning[] binnings;
    private final MissingValues[] na;
    private final DateFormat[] formats;
    private final Map<String, Integer> index = new HashMap<>();

    /** Columns with their binnings; each column's missing-value rule and date format as the other stages see them. */
    public Schema(String[] names, ColumnBinning[] binnings, MissingValues[] na, DateFormat[] formats) {
        if (names.length != binnings.length || na.length != names.length || formats.length != names.length) {
            throw new IllegalArgumentException("names and binnings differ in length");
        }
        this.names = names.clone();
        this.binnings = binnings.clone();
        this.na = na.clone();
        this.formats = formats.clone();
        this.types = new ColumnType[names.length];
        for (int c = 0; c < names.length; c++) {
            types[c] = binnings[c].type();
            if (index.put(names[c], c) != null) {
                throw new IllegalArgumentException("duplicate column name: " + names[c]);
            }
        }
    }

    /** Types inferred on the reference, binnings fitted on it. */
    public static Schema fit(RawTable reference, MissingValues na) {
        ColumnType[] types = new ColumnType[reference.columnCount()];
        for (int c = 0; c < types.length; c++) {
            types[c] = TypeInference.infer(reference.column(c), na);
        }
        return fit(reference, na, types);
    }

    /** Binnings fitted on the reference with the given types (declared or inferred), one per column. */
    public static Schema fit(RawTable reference, MissingValues na, ColumnType[] types) {
        MissingValues[] naOf = new MissingValues[types.length];
        DateFormat[] formats = new DateFormat[types.length];
        java.util.Arrays.fill(naOf, na);
        java.util.Arrays.fill(formats, DateFormat.ISO);
        return fit(reference, naOf, types, formats);
    }

    /** As {@link #fit(RawTable, MissingValues, ColumnType[])}, each column with its own missing rule and format. */
    public static Schema fit(RawTable reference, MissingValues[] na, ColumnType[] types, DateFormat[] formats) {
        int cols = reference.columnCount();
        ColumnBinning[] binnings = new ColumnBinning[cols];
        for (int c = 0; c < cols; c++) {
            binnings[c] = Binnings.fit(reference.column(c), types[c], na[c], formats[c]);
        }
        return new Schema(reference.header(), binnings, na, formats);
    }

    public String[] names() {
        return names.clone();
    }

    public int columns() {
        return names.length;
    }

    public ColumnType type(int c) {
        return types[c];
    }

    public ColumnBinning binning(int c) {
        return binnings[c];
    }

    /** The missing-value rule of column {@code c} (the table's, plus the column's own tokens). */
    public MissingValues na(int c) {
        return na[c];
    }

    /** How column {@code c}'s dates are written, when it is a datetime column (ISO unless declared). */
    public DateFormat format(int c) {
        return formats[c];
    }

    /** Index of the named column, or -1. */
    public int columnIndex(String name) {
        Integer c = index.get(name);
        return c == null ? -1 : c;
    }

    public int[] cardinalities() {
        int[] k = new int[names.length];
        for (int c = 0; c < k.length; c++) {
            k[c] = binnings[c].binCount();
        }
        return k;
    }

    /** Encodes a table with the same column names (any order); output columns in schema order. */
    public CodeTable encode(RawTable table) {
        return encode(table, "table");
    }

    /**
     * As {@link #encode(RawTable)}; {@code source} names the table (e.g. its file) in error messages.
     */
    public CodeTable encode(RawTable table, String source) {
        int[] from = sourceColumns(table.header(), source);
        int rows = table.rowCount();
        byte[][] codes = new byte[names.length][rows];
        for (int c = 0; c < names.length; c++) {
            binnings[c].encode(table.column(from[c]), codes[c], 0);
        }
        return new CodeTable(codes, cardinalities());
    }

    /**
     * Encodes a chunk of rows whose cells are already in schema column order into preallocated
     * {@code dest[column][destOffset + i]}, for streaming a large pool without holding it as text.
     */
    public void encodeRows(String[][] rowsRowMajor, int count, byte[][] dest, int destOffset) {
        for (int c = 0; c < names.length; c++) {
            binnings[c].encode(rowsRowMajor, c, count, dest[c], destOffset);
        }
    }

    /** {@code from[schemaColumn]} = index in {@code header}; InputException if the name sets differ. */
    private int[] sourceColumns(String[] header, String source) {
        int[] from = new int[names.length];
        Arrays.fill(from, -1);
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            Integer c = index.get(header[i]);
            if (c == null) {
                extra.add(header[i]);
            } else {
                from[c] = i;
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (int c = 0; c < names.length; c++) {
            if (from[c] < 0) {
                missing.add(names[c]);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new InputException(source + ": columns do not match the reference: missing " + missing
                    + ", unexpected " + extra);
        }
        return from;
    }
}
