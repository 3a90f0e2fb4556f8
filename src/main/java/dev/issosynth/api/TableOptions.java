package dev.issosynth.api;

import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.KeyRule;
import dev.issosynth.schema.MissingValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a table is read: extra missing-value tokens, which columns are keys, and declared column types (the
 * command line's {@code --na-values}, {@code --keys} and {@code --columns}). Immutable; {@link #builder()}.
 *
 * @param naValues    extra cell values that mean missing (empty cells, NA, NaN, null, ... always do)
 * @param keys        {@code auto} (obvious keys found), {@code none}, or column names separated by commas
 * @param columnTypes declared types by column: categorical, numeric, integer, datetime, date, character,
 *        lat_long, latitude, longitude, key, ignore
 * @param columnFormats date formats by column, for datetime columns not written in ISO: a Java pattern
 *                      ({@code dd/MM/yyyy}) or a Python strftime pattern ({@code %d/%m/%Y}); such a column is a
 *                      datetime column even without a declared type
 * @param columnMissing by column, cell texts that mean missing in that column only (in addition to {@code naValues})
 */
public record TableOptions(List<String> naValues, String keys, Map<String, String> columnTypes,
                           Map<String, String> columnFormats, Map<String, List<String>> columnMissing) {

    public TableOptions {
        naValues = List.copyOf(naValues);
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        columnFormats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnFormats));
        Map<String, List<String>> missing = new LinkedHashMap<>();
        columnMissing.forEach((name, tokens) -> missing.put(name, List.copyOf(tokens)));
        columnMissing = java.util.Collections.unmodifiableMap(missing);
        for (Map.Entry<String, String> e : columnTypes.entrySet()) {
            if (ColumnKind.parse(e.getValue()) == null) {
                throw new IllegalArgumentException("column " + e.getKey() + ": unknown type '" + e.getValue() + "'");
            }
        }
        columnFormats.forEach(TableOptions::dateFormat);
    }

    /** Types only, no formats or column missing tokens. */
    public TableOptions(List<String> naValues, String keys, Map<String, String> columnTypes) {
        this(naValues, keys, columnTypes, Map.of(), Map.of());
    }

    private static DateFormat dateFormat(String column, String pattern) {
        try {
            return DateFormat.of(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column + ": " + e.getMessage(), e);
        }
    }

    /** No extra missing tokens, keys found automatically, every type inferred. */
    public static TableOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    MissingValues missingValues() {
        return naValues.isEmpty() ? MissingValues.defaults() : MissingValues.defaults().withExtra(naValues);
    }

    ColumnRules columnRules() {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        columnTypes.forEach((name, type) -> kinds.put(name, ColumnKind.parse(type)));
        Map<String, DateFormat> formats = new LinkedHashMap<>();
        columnFormats.forEach((name, pattern) -> formats.put(name, dateFormat(name, pattern)));
        return ColumnRules.of(KeyRule.parse(keys)).withKinds(kinds).withFormats(formats).withMissing(columnMissing);
    }

    /** Named setters over the defaults. */
    public static final class Builder {
        private final List<String> naValues = new ArrayList<>();
        private String keys = "auto";
        private final Map<String, String> columnTypes = new LinkedHashMap<>();
        private final Map<String, String> columnFormats = new LinkedHashMap<>();
        private final Map<String, List<String>> columnMissing = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder naValues(String... tokens) {
            naValues.addAll(List.of(tokens));
            return this;
        }

        public Builder keys(String rule) {
            keys = rule;
            return this;
        }

        public Builder columnType(String column, String type) {
            columnTypes.put(column, type);
            return this;
        }

        /** The date format of a datetime column not in ISO: {@code dd/MM/yyyy}, or strftime {@code %d/%m/%Y}. */
        public Builder columnFormat(String column, String pattern) {
            columnFormats.put(column, pattern);
            return this;
        }

        /** Cell texts that mean missing in this column only (added to the column's earlier ones). */
        public Builder columnMissing(String column, String... tokens) {
            columnMissing.computeIfAbsent(column, k -> new ArrayList<>()).addAll(List.of(tokens));
            return this;
        }

        public TableOptions build() {
            return new TableOptions(naValues, keys, columnTypes, columnFormats, columnMissing);
        }
    }
}
