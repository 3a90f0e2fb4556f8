package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user decided about the columns: the key rule ({@code --keys}) and, from a column file
 * ({@code --columns}, {@link ColumnFile}), a kind per named column. Columns the file does not name keep the
 * inferred type, and under {@code --keys auto} may still be found to be keys.
 */
public record ColumnRules(KeyRule keys, Map<String, ColumnKind> kinds) {

    public ColumnRules {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
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
        return new ColumnRules(keys, all);
    }

    /** The declared kind of a column, or null. */
    public ColumnKind kindOf(String column) {
        return kinds.get(column);
    }

    /** Every named column must exist in {@code table}; the ignored ones are dropped. */
    RawTable dropIgnored(RawTable table, String source) {
        List<String> unknown = new ArrayList<>();
        for (String name : kinds.keySet()) {
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
                if (!kinds.containsKey(name) && KeyColumns.looksLikeKey(name, table.column(c), na)) {
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
