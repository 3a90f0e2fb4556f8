package dev.issosynth.schema;

/** Fits the binning that belongs to a column type. */
public final class Binnings {
    private Binnings() {
    }

    public static ColumnBinning fit(String[] referenceValues, ColumnType type, MissingValues na) {
        switch (type) {
            case NUMERIC:
                return NumericBinning.fit(referenceValues, na);
            case DATETIME:
                return DatetimeBinning.fit(referenceValues, na);
            case CATEGORICAL:
                return CategoricalBinning.fit(referenceValues, na);
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
