package dev.issosynth.schema;

/** How a column is binned: see {@link ColumnBinning}. */
public enum ColumnType {
    NUMERIC, DATETIME, CATEGORICAL
}
