package dev.issosynth.schema;

import java.util.Locale;

/**
 * What the user says a column is ({@code --columns FILE}). INTEGER and DATE are NUMERIC and DATETIME to every stage
 * (the distinction documents the data); CHARACTER is categorical text that the embedded generator models character
 * by character (short codes such as licence plates); LAT_LONG ({@code "lat, long"} text) and a LATITUDE with a
 * LONGITUDE column are positions, which the embedded generator models as one value ({@link Positions}); KEY columns are keys ({@link KeyColumns}); IGNORE columns are dropped on
 * reading and absent from the result.
 */
public enum ColumnKind {
    CATEGORICAL, NUMERIC, INTEGER, DATETIME, DATE, CHARACTER, LAT_LONG, LATITUDE, LONGITUDE, KEY, IGNORE;

    /** The binning/modelling type; null for KEY and IGNORE. */
    public ColumnType type() {
        return switch (this) {
            case CATEGORICAL, CHARACTER, LAT_LONG -> ColumnType.CATEGORICAL;
            case NUMERIC, INTEGER, LATITUDE, LONGITUDE -> ColumnType.NUMERIC;
            case DATETIME, DATE -> ColumnType.DATETIME;
            case KEY, IGNORE -> null;
        };
    }

    /** The name as the column file spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A kind by its label (any case), or null. */
    public static ColumnKind parse(String label) {
        for (ColumnKind k : values()) {
            if (k.label().equalsIgnoreCase(label.trim())) {
                return k;
            }
        }
        return null;
    }

    /**
     * A MOSTLY AI {@code model_encoding_type}: {@code TABULAR_CATEGORICAL}, {@code TABULAR_NUMERIC_*},
     * {@code TABULAR_DATETIME}, {@code TABULAR_CHARACTER} or {@code TABULAR_LAT_LONG}; {@code AUTO} = null
     * (inferred).
     * Null for anything else too; the caller reports it.
     */
    public static ColumnKind fromMostlyEncoding(String encoding) {
        String e = encoding.trim().toUpperCase(Locale.ROOT);
        if (e.equals("AUTO")) {
            return null;
        }
        if (e.startsWith("TABULAR_NUMERIC_")) {
            return NUMERIC;
        }
        return switch (e) {
            case "TABULAR_CATEGORICAL" -> CATEGORICAL;
            case "TABULAR_LAT_LONG" -> LAT_LONG;
            case "TABULAR_CHARACTER" -> CHARACTER;
            case "TABULAR_DATETIME", "TABULAR_DATETIME_RELATIVE" -> DATETIME;
            default -> null;
        };
    }
}
