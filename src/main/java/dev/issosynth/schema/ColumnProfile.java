package dev.issosynth.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code inspect} says of one column of a training table: the kind every stage will use (declared or
 * inferred, keys found), distinct and missing counts, a few example values and a note where a user may want to
 * decide otherwise (leading zeros in numbers, identifier-like text, dates not in ISO). {@code format} is the
 * column's date format: declared, or for a text column whose every value is a date in one of a few common
 * patterns ({@link #COMMON_FORMATS}), that pattern, so {@code inspect --json} offers it (ISO otherwise).
 */
public record ColumnProfile(String name, ColumnKind kind, int distinct, int missing, List<String> examples,
                            String note, DateFormat format) {
    private static final int EXAMPLES = 3;
    /** Patterns tried on text columns, day first before month first (an ambiguous column is said to be). */
    static final List<String> COMMON_FORMATS = List.of("dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy",
            "yyyy/MM/dd", "dd/MM/yyyy HH:mm", "MM/dd/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm:ss",
            "dd.MM.yyyy HH:mm", "yyyy/MM/dd HH:mm:ss");

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
            DateFormat format = table.rules().formatOf(name);
            if (table.keys().isKey(name)) {
                kind = ColumnKind.KEY;
                note = table.rules().kindOf(name) == ColumnKind.KEY ? "declared key"
                        : "key: all values distinct; the result gets fresh ones (set another type to model it)";
            } else {
                ColumnType type = table.columnType(raw.columnIndex(name));
                ColumnKind declared = table.rules().kindOf(name);
                kind = declared != null ? declared : refine(type, values, na);
                String zeros = leadingZero(type, values, na);
                DateFormat found = declared == null && type == ColumnType.CATEGORICAL ? commonFormat(seen) : null;
                if (found != null) {
                    format = found;
                    kind = found.hasTime() ? ColumnKind.DATETIME : ColumnKind.DATE;
                    note = "dates in " + found.pattern() + (ambiguous(found, seen)
                            ? " (or month first: check)" : "") + "; text unless --columns says so (--json does)";
                } else if (zeros != null) {
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
            out.add(new ColumnProfile(name, kind, seen.size(), missing, examples, note, format));
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

    /** The first of {@link #COMMON_FORMATS} that reads every one of {@code values} (at least one), or null. */
    private static DateFormat commonFormat(Set<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        for (String pattern : COMMON_FORMATS) {
            DateFormat f = DateFormat.of(pattern);
            if (values.stream().allMatch(v -> !Double.isNaN(f.parseEpochSeconds(v)))) {
                return f;
            }
        }
        return null;
    }

    /** Whether the values read as dates with day and month swapped too (no day above 12). */
    private static boolean ambiguous(DateFormat found, Set<String> values) {
        String p = found.pattern();
        String swapped = p.contains("dd/MM") ? p.replace("dd/MM", "MM/dd") : p.replace("MM/dd", "dd/MM");
        if (swapped.equals(p)) {
            return false;
        }
        DateFormat other = DateFormat.of(swapped);
        return values.stream().allMatch(v -> !Double.isNaN(other.parseEpochSeconds(v)));
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
