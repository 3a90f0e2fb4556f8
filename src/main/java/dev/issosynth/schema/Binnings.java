package dev.issosynth.schema;

/** Fits the binning that belongs to a column type. */
public final class Binnings {
    private Binnings() {
    }

    public static ColumnBinning fit(String[] referenceValues, ColumnType type, MissingValues na) {
        return fit(referenceValues, type, na, DateFormat.ISO);
    }

    /** As {@link #fit(String[], ColumnType, MissingValues)}; a DATETIME column's cells in {@code format}. */
    public static ColumnBinning fit(String[] referenceValues, ColumnType type, MissingValues na, DateFormat format) {
        switch (type) {
            case NUMERIC:
                return NumericBinning.fit(referenceValues, na);
            case DATETIME:
                return DatetimeBinning.fit(referenceValues, na, format);
            case CATEGORICAL:
                return CategoricalBinning.fit(referenceValues, na);
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
