package dev.issosynth.io;

/** Makes an output row from a source row, e.g. adding columns the source does not have (fresh keys). */
public interface RowExpander {
    /** The output's column names. */
    String[] header();

    /** The output row for {@code row} (cells in the source's expected column order); called once per row, in order. */
    String[] expand(String[] row);
}
