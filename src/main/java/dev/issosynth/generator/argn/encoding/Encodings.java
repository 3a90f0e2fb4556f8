package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.schema.TypeInference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The encodings of all columns of a flat table and the flat list of sub-columns the model works on (table column
 * order, each column's sub-columns in their fixed order).
 *
 * <p>Choice of encoding by the column type ({@link TrainingTable#columnType}: declared, else inferred by
 * {@link TypeInference}): NUMERIC → {@link NumericEncoding} (AUTO), DATETIME → {@link DatetimeEncoding}, else
 * {@link CategoricalEncoding}. A NUMERIC column that is really True/False (our type
 * inference calls such a column numeric) is categorical, as the engine treats booleans.
 */
public final class Encodings {
    /** One sub-column of the model: its column, its name within the column, its cardinality. */
    public record SubColumn(int column, String columnName, String name, int cardinality) {
    }

    private final String[] header;
    private final ColumnEncoding[] encodings;
    private final int[] firstSub; // per column, index of its first sub-column
    private final List<SubColumn> subColumns;
    private final long seed;

    private Encodings(String[] header, ColumnEncoding[] encodings, long seed) {
        this.header = header;
        this.encodings = encodings;
        this.seed = seed;
        this.firstSub = new int[encodings.length];
        List<SubColumn> subs = new ArrayList<>();
        for (int c = 0; c < encodings.length; c++) {
            firstSub[c] = subs.size();
            for (int s = 0; s < encodings[c].subColumns(); s++) {
                subs.add(new SubColumn(c, header[c], encodings[c].subColumnName(s), encodings[c].cardinality(s)));
            }
        }
        this.subColumns = List.copyOf(subs);
    }

    /** Categorical columns keep {@code _RARE_} as the literal text (CONSTANT). */
    public static Encodings fit(TrainingTable table, boolean valueProtection, long seed) {
        return fit(table, valueProtection, CategoricalEncoding.RareReplacement.CONSTANT, seed);
    }

    /** Every column draws its random numbers (τ) from its own stream split off {@code seed}, in column order. */
    public static Encodings fit(TrainingTable table, boolean valueProtection,
            CategoricalEncoding.RareReplacement rare, long seed) {
        RawTable raw = table.raw();
        MissingValues na = table.na();
        SplittableRandom root = new SplittableRandom(seed);
        ColumnEncoding[] enc = new ColumnEncoding[raw.columnCount()];
        for (int c = 0; c < enc.length; c++) {
            SplittableRandom rng = root.split();
            String[] values = raw.column(c);
            ColumnType type = table.columnType(c);
            if (table.rules().kindOf(raw.name(c)) == ColumnKind.CHARACTER) {
                enc[c] = CharacterEncoding.fit(values, na, valueProtection, rng);
            } else if (type == ColumnType.NUMERIC && allNumbers(values, na)) {
                enc[c] = NumericEncoding.fit(values, na, valueProtection, rng);
            } else if (type == ColumnType.DATETIME) {
                enc[c] = DatetimeEncoding.fit(values, na, valueProtection, rng);
            } else {
                enc[c] = CategoricalEncoding.fit(values, na, valueProtection, rare, rng);
            }
        }
        return new Encodings(raw.header(), enc, seed);
    }

    /**
     * For a model file: the fit seed (long), the column count (int), then per column its name (string) and its
     * encoding ({@link ColumnEncoding#writeTo}: a type tag (byte), then that type's fields).
     */
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeLong(seed);
        out.writeInt(encodings.length);
        for (int c = 0; c < encodings.length; c++) {
            out.writeString(header[c]);
            encodings[c].writeTo(out);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static Encodings readFrom(BinaryReader in) throws CorruptDataException {
        long seed = in.readLong();
        int n = in.readCount(5); // a column takes at least its name's length and a tag
        String[] header = new String[n];
        ColumnEncoding[] enc = new ColumnEncoding[n];
        for (int c = 0; c < n; c++) {
            header[c] = in.readString();
            enc[c] = readEncoding(in);
        }
        return new Encodings(header, enc, seed);
    }

    /** The tags are the file format: a new type gets a new number, none is ever reused. */
    static ColumnEncoding readEncoding(BinaryReader in) throws CorruptDataException {
        byte tag = in.readByte();
        switch (tag) {
            case CategoricalEncoding.TAG:
                return CategoricalEncoding.readFrom(in);
            case NumericDiscreteEncoding.TAG:
                return NumericDiscreteEncoding.readFrom(in);
            case NumericDigitEncoding.TAG:
                return NumericDigitEncoding.readFrom(in);
            case NumericBinnedEncoding.TAG:
                return NumericBinnedEncoding.readFrom(in);
            case DatetimeEncoding.TAG:
                return DatetimeEncoding.readFrom(in);
            case ProtectedEncoding.TAG:
                return ProtectedEncoding.readFrom(in);
            case CharacterEncoding.TAG:
                return CharacterEncoding.readFrom(in);
            default:
                throw new CorruptDataException("unknown encoding tag " + tag);
        }
    }

    private static boolean allNumbers(String[] values, MissingValues na) {
        for (String v : values) {
            if (!na.isMissing(v) && Double.isNaN(Numbers.parse(v))) {
                return false;
            }
        }
        return true;
    }

    public int columnCount() {
        return encodings.length;
    }

    public String columnName(int c) {
        return header[c];
    }

    public ColumnEncoding encoding(int c) {
        return encodings[c];
    }

    /** All sub-columns, flat, in model order. */
    public List<SubColumn> subColumns() {
        return subColumns;
    }

    public int subColumnCount() {
        return subColumns.size();
    }

    /** Index of column {@code c}'s first sub-column in {@link #subColumns()}. */
    public int firstSubColumn(int c) {
        return firstSub[c];
    }

    /** Whether the sampler must never draw {@code code} for flat sub-column {@code sub}. */
    public boolean suppressed(int sub, int code) {
        SubColumn sc = subColumns.get(sub);
        return encodings[sc.column()].suppressed(sub - firstSub[sc.column()], code);
    }

    /**
     * {@code codes[subColumn][row]} of a table with the training table's columns (matched by name). Missing rows
     * of digit/datetime columns are imputed with a random stream derived from the fit seed, so encoding the same
     * table twice gives the same codes.
     */
    public int[][] encode(RawTable table) {
        int[][] out = new int[subColumns.size()][];
        SplittableRandom root = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int c = 0; c < encodings.length; c++) {
            SplittableRandom rng = root.split();
            int tc = table.columnIndex(header[c]);
            if (tc < 0) {
                throw new IllegalArgumentException("table has no column " + header[c]);
            }
            int[][] codes = encodings[c].encode(table.column(tc), rng);
            System.arraycopy(codes, 0, out, firstSub[c], codes.length);
        }
        return out;
    }

    /** See {@link ColumnEncoding#orderedFrom}, for sub-column {@code sub} of the whole table. */
    public int orderedFrom(int sub) {
        SubColumn sc = subColumns.get(sub);
        return encodings[sc.column()].orderedFrom(sub - firstSub[sc.column()]);
    }

    /** One row's cell texts from its codes (one per sub-column, model order); missing is the empty string. */
    public String[] decodeRow(int[] codes, SplittableRandom rng) {
        String[] row = new String[encodings.length];
        for (int c = 0; c < encodings.length; c++) {
            row[c] = encodings[c].decode(codes, firstSub[c], rng);
        }
        return row;
    }
}
