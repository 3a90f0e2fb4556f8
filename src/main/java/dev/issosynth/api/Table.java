package dev.issosynth.api;

import dev.issosynth.schema.TrainingTable;

import java.nio.file.Path;
import java.util.List;

/** A training table read once (CSV, plain or gzip): what a generator learns from and a selection matches. */
public final class Table {
    private final TrainingTable table;

    private Table(TrainingTable table) {
        this.table = table;
    }

    public static Table read(Path csv) {
        return read(csv, TableOptions.defaults());
    }

    public static Table read(Path csv, TableOptions options) {
        return IssosynthException.wrap(() -> {
            TrainingTable t = TrainingTable.read(csv, options.missingValues(), options.columnRules());
            t.schema(); // types checked now, not at the first use
            return new Table(t);
        });
    }

    public int rowCount() {
        return table.rowCount();
    }

    /** The modelled columns (keys and ignored columns left out), in file order. */
    public List<String> columns() {
        return List.of(table.header());
    }

    /** The key columns: not modelled; a result gets fresh ones. */
    public List<String> keys() {
        return table.keys().names();
    }

    TrainingTable training() {
        return table;
    }
}
