package dev.issosynth.schema;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;

import java.nio.file.Path;

/**
 * The training data as every stage of a job receives it: read once, with its missing-value rule, and typed and
 * binned once on first use ({@link #schema()}, {@link #codes()}). Generators use the text and the rule; the
 * selection, the evaluation and the report use the schema and the codes, so all of them see the same bins.
 */
public final class TrainingTable {
    private final RawTable full;
    private final KeyColumns keys;
    private final RawTable raw;
    private final MissingValues na;
    private final String source;
    private Schema schema;
    private CodeTable codes;

    private TrainingTable(RawTable full, MissingValues na, KeyRule rule, String source) {
        this.full = full;
        this.keys = KeyColumns.of(full, na, rule, source);
        this.raw = keys.drop(full);
        this.na = na;
        this.source = source;
    }

    /** Reads the file (plain or gzip), keys detected; {@code source} in messages is its file name. */
    public static TrainingTable read(Path path, MissingValues na) {
        return read(path, na, KeyRule.auto());
    }

    /** Reads the file (plain or gzip), keys as {@code keys} says. */
    public static TrainingTable read(Path path, MissingValues na, KeyRule keys) {
        return new TrainingTable(CsvReader.read(path), na, keys, path.getFileName().toString());
    }

    /** A table already in memory, keys detected; messages name it "table". */
    public static TrainingTable of(RawTable raw, MissingValues na) {
        return of(raw, na, KeyRule.auto());
    }

    /** A table already in memory, keys as {@code keys} says. */
    public static TrainingTable of(RawTable raw, MissingValues na, KeyRule keys) {
        return new TrainingTable(raw, na, keys, "table");
    }

    /** The table every stage models, bins and compares: the file without its key columns. */
    public RawTable raw() {
        return raw;
    }

    /** The table as read, keys included. */
    public RawTable full() {
        return full;
    }

    /** The key columns (none, for most tables); the result gets fresh ones in their place. */
    public KeyColumns keys() {
        return keys;
    }

    /** {@code other} (a holdout, a synthetic table) without this table's key columns, where it has them. */
    public RawTable withoutKeys(RawTable other) {
        return keys.drop(other);
    }

    public MissingValues na() {
        return na;
    }

    /** The name used in error messages (the file name when read from a file). */
    public String source() {
        return source;
    }

    public int rowCount() {
        return raw.rowCount();
    }

    public int columnCount() {
        return raw.columnCount();
    }

    /** A copy of the modelled column names (keys left out), in file order. */
    public String[] header() {
        return raw.header();
    }

    /** Types inferred and bins fitted on this table (once; a generate-only job never pays for it). */
    public synchronized Schema schema() {
        if (schema == null) {
            schema = Schema.fit(raw, na);
        }
        return schema;
    }

    /** This table binned with its own schema, columns in schema order. */
    public synchronized CodeTable codes() {
        if (codes == null) {
            codes = schema().encode(raw, source);
        }
        return codes;
    }

    /** Another table with these columns (any order) binned with this table's schema; {@code source} for messages. */
    public CodeTable encode(RawTable other, String otherSource) {
        return schema().encode(other, otherSource);
    }
}
