package dev.issosynth.schema;

/**
 * Decides a column's type from ALL its values, never from single cells (ids like {@code 704616e4} look like
 * numbers on their own).
 */
public final class TypeInference {
    private TypeInference() {
    }

    /**
     * {@code declared}, checked: every non-missing value of a NUMERIC column must be a number (or True/False), of a
     * DATETIME column an ISO date or date-time; InputException naming the column and the first value that is not.
     */
    public static ColumnType require(String[] values, ColumnType declared, MissingValues na, String column,
                                     String source) {
        return require(values, declared, na, DateFormat.ISO, column, source);
    }

    /** As {@link #require(String[], ColumnType, MissingValues, String, String)}; DATETIME cells in {@code format}. */
    public static ColumnType require(String[] values, ColumnType declared, MissingValues na, DateFormat format,
                                     String column, String source) {
        for (int r = 0; r < values.length; r++) {
            String v = values[r];
            if (na.isMissing(v)) {
                continue;
            }
            boolean ok = switch (declared) {
                case NUMERIC -> !Double.isNaN(Numbers.parse(v)) || !Double.isNaN(Numbers.parseBoolean(v));
                case DATETIME -> !Double.isNaN(format.parseEpochSeconds(v));
                case CATEGORICAL -> true;
            };
            if (!ok) {
                throw new dev.issosynth.io.InputException(source + ": column " + column + " is declared "
                        + declared.name().toLowerCase(java.util.Locale.ROOT) + " in --columns, but row " + (r + 1)
                        + " holds '" + v + "'" + (declared != ColumnType.DATETIME ? ""
                        : format.isIso() ? " (ISO dates and date-times only)" : " (format " + format.pattern() + ")")
                        + "; declare it categorical, or mark such cells missing with --na-values");
            }
        }
        return declared;
    }

    /**
     * NUMERIC if every non-missing value is a number (or, with no missing values at all, every value is
     * True/False: pandas reads such a column as bool, which the metric treats as numeric); DATETIME if every
     * non-missing value is an ISO date or date-time; else CATEGORICAL (also when all values are missing).
     */
    public static ColumnType infer(String[] values, MissingValues na) {
        boolean numeric = true;
        boolean bool = true;
        boolean datetime = true;
        boolean anyMissing = false;
        int present = 0;
        for (String v : values) {
            if (na.isMissing(v)) {
                anyMissing = true;
                continue;
            }
            present++;
            if (numeric && Double.isNaN(Numbers.parse(v))) {
                numeric = false;
            }
            if (bool && Double.isNaN(Numbers.parseBoolean(v))) {
                bool = false;
            }
            if (datetime && Double.isNaN(IsoDateTimes.parseEpochSeconds(v))) {
                datetime = false;
            }
            if (!numeric && !bool && !datetime) {
                return ColumnType.CATEGORICAL;
            }
        }
        if (present == 0) {
            return ColumnType.CATEGORICAL;
        }
        if (numeric || (bool && !anyMissing)) {
            return ColumnType.NUMERIC;
        }
        return datetime ? ColumnType.DATETIME : ColumnType.CATEGORICAL;
    }
}
