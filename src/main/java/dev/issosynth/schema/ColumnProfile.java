package dev.issosynth.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code inspect} says of one column of a training table: the kind every stage will use (declared or
 * inferred, keys found), distinct and missing counts, a few example values and a note where a user may want to
 * decide otherwise (leading zeros in numbers, identifier-like text).
 */
public record ColumnProfile(String name, ColumnKind kind, int distinct, int missing, List<String> examples,
                            String note) {
    private static final int EXAMPLES = 3;

    /** Every column of the table as read (keys included), in file order. */
    public static List<ColumnProfile> of(TrainingTable table) {
        List<ColumnProfile> out = new ArrayList<>();
        var full = table.full();
        var raw = table.raw();
        for (int c = 0; c < full.columnCount(); c++) {
            String name = full.name(c);
            MissingValues na = table.na(name);
            String[] values = full.column(c);
            Set<String> seen = new LinkedHashSet<>();
            int missing = 0;
            for (String v : values) {
                if (na.isMissing(v)) {
                    missing++;
                } else {
                    seen.add(v);
                }
            }
            List<String> examples = seen.stream().limit(EXAMPLES).toList();
            ColumnKind kind;
            String note = "";
            if (table.keys().isKey(name)) {
                kind = ColumnKind.KEY;
                note = table.rules().kindOf(name) == ColumnKind.KEY ? "declared key"
                        : "key: all values distinct; the result gets fresh ones (set another type to model it)";
            } else {
                ColumnType type = table.columnType(raw.columnIndex(name));
                ColumnKind declared = table.rules().kindOf(name);
                kind = declared != null ? declared : refine(type, values, na);
                String zeros = leadingZero(type, values, na);
                if (zeros != null) {
                    note = "leading zeros (e.g. " + zeros + ") are lost as a number: categorical keeps them";
                } else if (type == ColumnType.CATEGORICAL && seen.size() >= 0.9 * (values.length - missing)
                        && values.length - missing >= KeyColumns.MIN_ROWS) {
                    note = "nearly every value distinct: identifier-like (a key? then type key)";
                } else if (declared == null && type == ColumnType.NUMERIC && coordinate(name) != null) {
                    note = "a " + coordinate(name) + "? numeric scored better on the tables measured; types latitude and"
                            + " longitude model the pair as one position";
                }
                if (table.rules().kindOf(name) != null) {
                    note = note.isEmpty() ? "declared" : "declared; " + note;
                }
            }
            out.add(new ColumnProfile(name, kind, seen.size(), missing, examples, note));
        }
        return out;
    }

    /** integer for whole numbers, date for dates without a time; the column's type otherwise. */
    private static ColumnKind refine(ColumnType type, String[] values, MissingValues na) {
        switch (type) {
            case NUMERIC -> {
                for (String v : values) {
                    if (!na.isMissing(v)) {
                        double d = Numbers.parse(v);
                        if (Double.isNaN(d) || d != Math.rint(d)) {
                            return ColumnKind.NUMERIC;
                        }
                    }
                }
                return ColumnKind.INTEGER;
            }
            case DATETIME -> {
                for (String v : values) {
                    if (!na.isMissing(v) && v.strip().length() != 10) {
                        return ColumnKind.DATETIME;
                    }
                }
                return ColumnKind.DATE;
            }
            default -> {
                return ColumnKind.CATEGORICAL;
            }
        }
    }

    /** "latitude" or "longitude" for a column named like one ({@code lat}, {@code pickup_longitude}, {@code lng}), else null. */
    static String coordinate(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", " ").strip();
        String last = n.isEmpty() ? "" : n.substring(n.lastIndexOf(' ') + 1);
        if (last.equals("lat") || last.endsWith("latitude")) {
            return "latitude";
        }
        if (last.equals("lon") || last.equals("lng") || last.equals("long") || last.endsWith("longitude")) {
            return "longitude";
        }
        return null;
    }

    /** A numeric value written with a leading zero ({@code 01234}; not {@code 0} or {@code 0.5}), or null. */
    private static String leadingZero(ColumnType type, String[] values, MissingValues na) {
        if (type != ColumnType.NUMERIC) {
            return null;
        }
        for (String v : values) {
            if (!na.isMissing(v) && v.length() > 1 && v.charAt(0) == '0' && Character.isDigit(v.charAt(1))) {
                return v;
            }
        }
        return null;
    }

    /** The share of missing cells, for printing. */
    public String missingShare(int rows) {
        return rows == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * missing / rows);
    }
}
