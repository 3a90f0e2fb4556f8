package dev.issosynth.api;

import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnRules;
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
 */
public record TableOptions(List<String> naValues, String keys, Map<String, String> columnTypes) {

    public TableOptions {
        naValues = List.copyOf(naValues);
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        for (Map.Entry<String, String> e : columnTypes.entrySet()) {
            if (ColumnKind.parse(e.getValue()) == null) {
                throw new IllegalArgumentException("column " + e.getKey() + ": unknown type '" + e.getValue() + "'");
            }
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
        return ColumnRules.of(KeyRule.parse(keys)).withKinds(kinds);
    }

    /** Named setters over the defaults. */
    public static final class Builder {
        private final List<String> naValues = new ArrayList<>();
        private String keys = "auto";
        private final Map<String, String> columnTypes = new LinkedHashMap<>();

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

        public TableOptions build() {
            return new TableOptions(naValues, keys, columnTypes);
        }
    }
}
