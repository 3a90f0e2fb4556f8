package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user decided about the columns: the key rule ({@code --keys}) and, from a column file
 * ({@code --columns}, {@link ColumnFile}), per named column a kind, a date format (a datetime column not in ISO)
 * and missing-value tokens of its own (in addition to the table's). Columns the file gives no kind keep the
 * inferred type, and under {@code --keys auto} may still be found to be keys.
 */
public record ColumnRules(KeyRule keys, Map<String, ColumnKind> kinds, Map<String, DateFormat> formats,
                          Map<String, List<String>> missing, Map<String, String> numericEncodings) {

    public ColumnRules {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        formats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formats));
        Map<String, List<String>> m = new LinkedHashMap<>();
        missing.forEach((name, tokens) -> m.put(name, List.copyOf(tokens)));
        missing = java.util.Collections.unmodifiableMap(m);
        numericEncodings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numericEncodings));
    }

    /** Without numeric encodings chosen. */
    public ColumnRules(KeyRule keys, Map<String, ColumnKind> kinds, Map<String, DateFormat> formats,
                       Map<String, List<String>> missing) {
        this(keys, kinds, formats, missing, Map.of());
    }

    public ColumnRules(KeyRule keys, Map<String, ColumnKind> kinds) {
        this(keys, kinds, Map.of(), Map.of());
    }

    /** Keys detected, every type inferred: the default. */
    public static ColumnRules auto() {
        return new ColumnRules(KeyRule.auto(), Map.of());
    }

    public static ColumnRules of(KeyRule keys) {
        return new ColumnRules(keys, Map.of());
    }

    /** These rules with the kinds of a column file added (a later kind of the same column wins). */
    public ColumnRules withKinds(Map<String, ColumnKind> more) {
        Map<String, ColumnKind> all = new LinkedHashMap<>(kinds);
        all.putAll(more);
        return new ColumnRules(keys, all, formats, missing, numericEncodings);
    }

    /**
     * These rules with the date formats of a column file added (a later one wins). A column given a format and no
     * kind is a datetime column; ISO formats are dropped (the default).
     */
    public ColumnRules withFormats(Map<String, DateFormat> more) {
        Map<String, ColumnKind> k = new LinkedHashMap<>(kinds);
        Map<String, DateFormat> all = new LinkedHashMap<>(formats);
        more.forEach((name, format) -> {
            if (format.isIso()) {
                all.remove(name);
            } else {
                all.put(name, format);
                k.putIfAbsent(name, ColumnKind.DATETIME);
            }
        });
        return new ColumnRules(keys, k, all, missing, numericEncodings);
    }

    /** These rules with per-column missing tokens added (to the column's earlier ones). */
    public ColumnRules withMissing(Map<String, List<String>> more) {
        Map<String, List<String>> all = new LinkedHashMap<>(missing);
        more.forEach((name, tokens) -> {
            List<String> t = new ArrayList<>(all.getOrDefault(name, List.of()));
            t.addAll(tokens);
            all.put(name, t);
        });
        return new ColumnRules(keys, kinds, formats, all, numericEncodings);
    }

    /** These rules with everything {@code file} declares added (its key rule is not used). */
    public ColumnRules with(ColumnRules file) {
        ColumnRules r = withKinds(file.kinds).withFormats(file.formats).withMissing(file.missing);
        Map<String, String> enc = new LinkedHashMap<>(r.numericEncodings);
        enc.putAll(file.numericEncodings);
        return new ColumnRules(r.keys, r.kinds, r.formats, r.missing, enc);
    }

    /**
     * The embedded generator's encoding of a numeric column as the file chose it ({@code DISCRETE}, {@code DIGIT}
     * or {@code BINNED}, from MOSTLY AI's {@code TABULAR_NUMERIC_*}), or null for the engine's AUTO heuristic.
     */
    public String numericEncodingOf(String column) {
        return numericEncodings.get(column);
    }

    /** The declared kind of a column, or null. */
    public ColumnKind kindOf(String column) {
        return kinds.get(column);
    }

    /** The declared date format of a column; ISO when none. */
    public DateFormat formatOf(String column) {
        return formats.getOrDefault(column, DateFormat.ISO);
    }

    /** The missing-value rule of a column: {@code na}, plus the column's own tokens when it has some. */
    public MissingValues missingOf(String column, MissingValues na) {
        List<String> extra = missing.get(column);
        return extra == null || extra.isEmpty() ? na : na.withExtra(extra);
    }

    /** Every named column must exist in {@code table}; the ignored ones are dropped. */
    RawTable dropIgnored(RawTable table, String source) {
        java.util.Set<String> named = new java.util.LinkedHashSet<>(kinds.keySet());
        named.addAll(formats.keySet());
        named.addAll(missing.keySet());
        List<String> unknown = new ArrayList<>();
        for (String name : named) {
            if (table.columnIndex(name) < 0) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InputException(source + ": --columns names columns the table does not have: "
                    + String.join(", ", unknown));
        }
        return drop(table, ColumnKind.IGNORE);
    }

    /** {@code table} without the columns declared {@code kind} (the same table when it has none). */
    RawTable drop(RawTable table, ColumnKind kind) {
        return table.withoutColumns(name -> kinds.get(name) == kind);
    }


    /**
     * The key rule the table is read with: the declared keys, plus those {@code --keys} names, plus under
     * {@code --keys auto} the detected ones among the columns the file gives no kind.
     */
    KeyRule effectiveKeys(RawTable table, MissingValues na) {
        List<String> declared = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            if (kind == ColumnKind.KEY) {
                declared.add(name);
            }
        });
        if (declared.isEmpty() && kinds.isEmpty()) {
            return keys;
        }
        List<String> all = new ArrayList<>(declared);
        if (keys.detect()) {
            for (int c = 0; c < table.columnCount(); c++) {
                String name = table.name(c);
                if (!kinds.containsKey(name) && KeyColumns.looksLikeKey(name, table.column(c), missingOf(name, na))) {
                    all.add(name);
                }
            }
        } else {
            for (String name : keys.names()) {
                if (!all.contains(name)) {
                    all.add(name);
                }
            }
        }
        return KeyRule.named(all);
    }
}
