package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.Positions;
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
 * inference calls such a column numeric) is categorical, as the engine treats booleans. A declared
 * {@code lat_long} column, and a declared latitude with its longitude, are one {@link LatLongEncoding}: the pair is
 * one model column named after the latitude, and rows decode to the table's columns again ({@link #outputHeader}).
 */
public final class Encodings {
    /** One sub-column of the model: its column, its name within the column, its cardinality. */
    public record SubColumn(int column, String columnName, String name, int cardinality) {
    }

    private final String[] header;
    private final String[] outputHeader;
    private final int[] outputPosition; // per model column, its place in outputHeader
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
        this.outputPosition = new int[encodings.length];
        this.outputHeader = outputHeader(header, encodings, outputPosition);
    }

    /** The model columns with each pair's longitude back at its place: the table's columns in their order. */
    private static String[] outputHeader(String[] header, ColumnEncoding[] encodings, int[] position) {
        int pairs = 0;
        for (ColumnEncoding e : encodings) {
            pairs += e instanceof LatLongEncoding g && g.partner() != null ? 1 : 0;
        }
        String[] out = new String[header.length + pairs];
        for (ColumnEncoding e : encodings) {
            if (e instanceof LatLongEncoding g && g.partner() != null) {
                if (g.partnerPosition() < 0 || g.partnerPosition() >= out.length || out[g.partnerPosition()] != null) {
                    throw new IllegalArgumentException("bad position of column " + g.partner());
                }
                out[g.partnerPosition()] = g.partner();
            }
        }
        int i = 0;
        for (int c = 0; c < header.length; c++) {
            while (out[i] != null) {
                i++;
            }
            position[c] = i;
            out[i++] = header[c];
        }
        return out;
    }

    /** Categorical columns keep {@code _RARE_} as the literal text (CONSTANT). */
    public static Encodings fit(TrainingTable table, boolean valueProtection, long seed) {
        return fit(table, valueProtection, CategoricalEncoding.RareReplacement.CONSTANT, seed);
    }

    /** Every column draws its random numbers (τ) from its own stream split off {@code seed}, in column order. */
    public static Encodings fit(TrainingTable table, boolean valueProtection,
            CategoricalEncoding.RareReplacement rare, long seed) {
        RawTable raw = table.raw();
        SplittableRandom root = new SplittableRandom(seed);
        int[] longitudeOf = new int[raw.columnCount()];
        java.util.Arrays.fill(longitudeOf, -1);
        boolean[] partOfPair = new boolean[raw.columnCount()];
        for (int[] pair : Positions.pairs(raw.header(), table.rules())) {
            longitudeOf[pair[0]] = pair[1];
            partOfPair[pair[1]] = true;
        }
        List<ColumnEncoding> enc = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < raw.columnCount(); c++) {
            SplittableRandom rng = root.split();
            if (partOfPair[c]) {
                continue; // a longitude: modelled with its latitude
            }
            names.add(raw.name(c));
            enc.add(fitColumn(table, c, longitudeOf[c], valueProtection, rare, rng));
        }
        return new Encodings(names.toArray(new String[0]), enc.toArray(new ColumnEncoding[0]), seed);
    }

    private static ColumnEncoding fitColumn(TrainingTable table, int c, int longitude, boolean valueProtection,
            CategoricalEncoding.RareReplacement rare, SplittableRandom rng) {
        RawTable raw = table.raw();
        MissingValues na = table.na(c); // the table's tokens and the column's own
        String[] values = raw.column(c);
        ColumnType type = table.columnType(c);
        ColumnKind kind = table.rules().kindOf(raw.name(c));
        if (longitude >= 0) {
            // one rule for the pair (kept in the encoding, which joins the cells again): both columns' own tokens
            MissingValues pair = table.rules().missingOf(raw.name(longitude), na);
            return LatLongEncoding.fit(joined(values, raw.column(longitude), pair), pair, raw.name(longitude),
                    longitude, valueProtection, rng);
        } else if (kind == ColumnKind.LAT_LONG) {
            return LatLongEncoding.fit(values, na, null, -1, valueProtection, rng);
        } else if (kind == ColumnKind.CHARACTER) {
            return CharacterEncoding.fit(values, na, valueProtection, rng);
        } else if (type == ColumnType.NUMERIC && allNumbers(values, na)) {
            String mode = table.rules().numericEncodingOf(raw.name(c));
            return NumericEncoding.fit(values, na, valueProtection,
                    mode == null ? NumericEncoding.Mode.AUTO : NumericEncoding.Mode.valueOf(mode), rng);
        } else if (type == ColumnType.DATETIME) {
            return DatetimeEncoding.fit(values, na, table.dateFormat(c), valueProtection, rng);
        }
        return CategoricalEncoding.fit(values, na, valueProtection, rare, rng);
    }

    /** A latitude and a longitude column as {@code "lat,long"} cells; missing where either is. */
    private static String[] joined(String[] lat, String[] lon, MissingValues na) {
        String[] out = new String[lat.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = na.isMissing(lat[r]) || na.isMissing(lon[r]) ? "" : lat[r].strip() + "," + lon[r].strip();
        }
        return out;
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
            case DatetimeEncoding.TAG_FORMATTED:
                return DatetimeEncoding.readFormatted(in);
            case ProtectedEncoding.TAG:
                return ProtectedEncoding.readFrom(in);
            case CharacterEncoding.TAG:
                return CharacterEncoding.readFrom(in);
            case LatLongEncoding.TAG:
                return LatLongEncoding.readFrom(in);
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

    /** Model columns (a position pair is one). */
    public int columnCount() {
        return encodings.length;
    }

    /** The columns rows decode to: the training table's, in its order. */
    public String[] outputHeader() {
        return outputHeader.clone();
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
            int[][] codes = encodeColumn(c, table, root.split());
            System.arraycopy(codes, 0, out, firstSub[c], codes.length);
        }
        return out;
    }

    /**
     * The codes {@code [sub-column of c][row]} of model column {@code c} in {@code table}, which holds its column
     * (both columns of a position pair); {@code rng} imputes the sub-columns of missing rows, as in {@link #encode}.
     */
    public int[][] encodeColumn(int c, RawTable table, SplittableRandom rng) {
        int tc = table.columnIndex(header[c]);
        if (tc < 0) {
            throw new IllegalArgumentException("table has no column " + header[c]);
        }
        String[] values = table.column(tc);
        if (encodings[c] instanceof LatLongEncoding g && g.partner() != null) {
            int lon = table.columnIndex(g.partner());
            if (lon < 0) {
                throw new IllegalArgumentException("table has no column " + g.partner());
            }
            values = joined(values, table.column(lon), g.missingValues());
        }
        return encodings[c].encode(values, rng);
    }

    /** The places in {@link #outputHeader} of model column {@code c}: one, or two for a position pair. */
    public int[] outputColumns(int c) {
        return encodings[c] instanceof LatLongEncoding g && g.partner() != null
                ? new int[] {outputPosition[c], g.partnerPosition()} : new int[] {outputPosition[c]};
    }

    /** See {@link ColumnEncoding#orderedFrom}, for sub-column {@code sub} of the whole table. */
    public int orderedFrom(int sub) {
        SubColumn sc = subColumns.get(sub);
        return encodings[sc.column()].orderedFrom(sub - firstSub[sc.column()]);
    }

    /**
     * One row's cell texts from its codes (one per sub-column, model order), in {@link #outputHeader} order; missing
     * is the empty string.
     */
    public String[] decodeRow(int[] codes, SplittableRandom rng) {
        if (outputHeader.length == encodings.length) {
            String[] row = new String[encodings.length];
            for (int c = 0; c < encodings.length; c++) {
                row[c] = encodings[c].decode(codes, firstSub[c], rng);
            }
            return row;
        }
        String[] row = new String[outputHeader.length];
        for (int c = 0; c < encodings.length; c++) {
            if (encodings[c] instanceof LatLongEncoding g && g.partner() != null) {
                String[] pair = g.decodePair(codes, firstSub[c]);
                row[outputPosition[c]] = pair[0];
                row[g.partnerPosition()] = pair[1];
            } else {
                row[outputPosition[c]] = encodings[c].decode(codes, firstSub[c], rng);
            }
        }
        return row;
    }
}
