package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowExpander;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key columns of a training table (unique per row, e.g. a customer id). Keys are neither modelled nor binned
 * nor compared: every stage works on the table without them, and the result gets fresh keys in their place
 * ({@link FreshKeys}), so no training key is ever copied.
 */
public final class KeyColumns {
    /** Fewer rows than this and "all values distinct" says nothing. */
    static final int MIN_ROWS = 20;
    private static final Pattern ID_NAME = Pattern.compile(
            "(?i:id|key|uuid|guid)|.*[_ .-](?i:id|key|uuid|guid)|.*[a-z0-9](Id|ID|Key|KEY|Uuid|UUID)");
    /** A token with a digit and no white space, e.g. {@code milletr01}, {@code C-10442}, a uuid. */
    private static final Pattern ID_TOKEN = Pattern.compile("\\S*\\d\\S*");

    private final String[] header;
    private final int[] positions;

    private KeyColumns(String[] header, int[] positions) {
        this.header = header;
        this.positions = positions;
    }

    /** The keys of {@code table} under {@code rule}; a named key that is missing or not unique is an input error. */
    public static KeyColumns of(RawTable table, MissingValues na, KeyRule rule, String source) {
        return of(table, name -> na, rule, source);
    }

    /** As {@link #of(RawTable, MissingValues, KeyRule, String)}, each column with its own missing-value rule. */
    public static KeyColumns of(RawTable table, java.util.function.Function<String, MissingValues> naOf, KeyRule rule,
                                String source) {
        List<Integer> found = new ArrayList<>();
        if (rule.detect()) {
            for (int c = 0; c < table.columnCount(); c++) {
                if (looksLikeKey(table.name(c), table.column(c), naOf.apply(table.name(c)))) {
                    found.add(c);
                }
            }
        } else {
            for (String name : rule.names()) {
                int c = table.columnIndex(name);
                if (c < 0) {
                    throw new InputException(source + ": --keys names a column it does not have: " + name);
                }
                String clash = firstRepeat(table.column(c), naOf.apply(name));
                if (clash != null) {
                    throw new InputException(source + ": key column " + name + " is not unique per row ("
                            + (clash.isEmpty() ? "a value is missing" : "'" + clash + "' repeats")
                            + "); use --keys none or name other columns");
                }
                if (!found.contains(c)) {
                    found.add(c);
                }
            }
        }
        if (found.size() == table.columnCount() && !found.isEmpty()) {
            throw new InputException(source + ": every column is a key (" + String.join(", ", names(table, found))
                    + "), which leaves nothing to model; name the keys with --keys, or --keys none");
        }
        int[] positions = found.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new KeyColumns(table.header(), positions);
    }

    /**
     * An obvious key: at least {@value #MIN_ROWS} rows, none missing, all distinct, and either an id-like name
     * ({@code id}, {@code customer_id}, {@code PassengerId}, {@code key}, {@code uuid}) with values that are whole
     * numbers or tokens, or values that are all tokens with a digit and no white space and not all numbers (a
     * unique measurement or time stamp is no key, nor is a unique free text).
     */
    static boolean looksLikeKey(String name, String[] values, MissingValues na) {
        if (values.length < MIN_ROWS || firstRepeat(values, na) != null) {
            return false;
        }
        boolean tokens = true;
        boolean wholeNumbers = true;
        for (String v : values) {
            tokens &= ID_TOKEN.matcher(v).matches();
            wholeNumbers &= isWholeNumber(v);
            if (!tokens && !wholeNumbers) {
                return false;
            }
        }
        if (ID_NAME.matcher(name.trim()).matches()) {
            return true;
        }
        return tokens && !wholeNumbers && !allParse(values);
    }

    /** The first value seen twice, "" for a missing value, or null when every value is present and distinct. */
    private static String firstRepeat(String[] values, MissingValues na) {
        Set<String> seen = new HashSet<>(values.length * 2);
        for (String v : values) {
            if (na.isMissing(v)) {
                return "";
            }
            if (!seen.add(v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean isWholeNumber(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return false;
        }
        int start = v.charAt(0) == '-' ? 1 : 0;
        if (start == v.length()) {
            return false;
        }
        for (int i = start; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every value a number, or every value a date: a unique measurement or time stamp, not a key. */
    private static boolean allParse(String[] values) {
        boolean numbers = true;
        boolean dates = true;
        for (String v : values) {
            numbers &= !Double.isNaN(Numbers.parse(v));
            dates &= !Double.isNaN(IsoDateTimes.parseEpochSeconds(v));
            if (!numbers && !dates) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(RawTable table, List<Integer> columns) {
        List<String> out = new ArrayList<>();
        for (int c : columns) {
            out.add(table.name(c));
        }
        return out;
    }

    public boolean isEmpty() {
        return positions.length == 0;
    }

    /** The key columns' names, in file order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (int p : positions) {
            out.add(header[p]);
        }
        return out;
    }

    public boolean isKey(String column) {
        for (int p : positions) {
            if (header[p].equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** The full header (keys included), as the training file has it. */
    public String[] header() {
        return header.clone();
    }

    /** {@code table} without the key columns it has (a table without them is returned as it is). */
    public RawTable drop(RawTable table) {
        return positions.length == 0 ? table : table.withoutColumns(this::isKey);
    }


    /**
     * Makes full rows (keys at their places, fresh ones) from rows of the other columns in {@code header()}
     * order without the keys; fresh keys shaped like {@code training}'s ({@link FreshKeys}), seeded.
     */
    public RowExpander expander(RawTable training, long seed) {
        String[] full = header;
        FreshKeys[] fresh = new FreshKeys[full.length];
        for (int i = 0; i < positions.length; i++) {
            int c = training.columnIndex(full[positions[i]]);
            // each key column its own stream, so adding a key column leaves the others' keys as they were
            fresh[positions[i]] = FreshKeys.fit(training.column(c), seed + 0x9E3779B97F4A7C15L * (i + 1));
        }
        return new RowExpander() {
            @Override
            public String[] header() {
                return full.clone();
            }

            @Override
            public String[] expand(String[] row) {
                String[] out = new String[full.length];
                int j = 0;
                for (int c = 0; c < full.length; c++) {
                    out[c] = fresh[c] != null ? fresh[c].next() : row[j++];
                }
                return out;
            }
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "keys %s", names());
    }
}
