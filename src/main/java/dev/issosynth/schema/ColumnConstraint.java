package dev.issosynth.schema;

import java.util.List;

/**
 * A constraint of a column file ({@code constraints}, as a MOSTLY AI generator configuration lists them): an
 * inequality {@code columns[0] <= columns[1]} (MOSTLY AI's {@code Inequality}, low and high column) or fixed
 * combinations of the columns (its {@code FixedCombinations}). The selection keeps every result row within them.
 */
public record ColumnConstraint(boolean inequality, List<String> columns) {
    public ColumnConstraint {
        columns = List.copyOf(columns);
    }
}
