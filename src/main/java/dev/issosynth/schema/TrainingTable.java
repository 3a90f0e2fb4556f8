package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.TableFiles;
import dev.issosynth.io.RawTable;

import java.nio.file.Path;

/**
 * The training data as every stage of a job receives it: read once, with its missing-value rule, and typed and
 * binned once on first use ({@link #schema()}, {@link #codes()}). Generators use the text and the rule; the
 * selection, the evaluation and the report use the schema and the codes, so all of them see the same bins.
 */
public final class TrainingTable {
    private final ColumnRules rules;
    private final RawTable full;
    private final KeyColumns keys;
    private final RawTable raw;
    private final ColumnType[] types;
    private final MissingValues na;
    /** Per modelled column: {@link #na} itself, or it with the column's own tokens. */
    private final MissingValues[] naOf;
    private final DateFormat[] formats;
    private final String source;
    private final Path file;
    private Schema schema;
    private CodeTable codes;

    private TrainingTable(RawTable asRead, MissingValues na, ColumnRules rules, String source, Path file) {
        this.file = file;
        this.rules = rules;
        this.full = rules.dropIgnored(asRead, source);
        this.keys = KeyColumns.of(full, name -> rules.missingOf(name, na), rules.effectiveKeys(full, na), source);
        this.raw = keys.drop(full);
        this.na = na;
        this.source = source;
        this.types = new ColumnType[raw.columnCount()];
        this.naOf = new MissingValues[types.length];
        this.formats = new DateFormat[types.length];
        for (int c = 0; c < types.length; c++) {
            String name = raw.name(c);
            ColumnKind kind = rules.kindOf(name);
            naOf[c] = rules.missingOf(name, na);
            formats[c] = rules.formatOf(name);
            if (!formats[c].isIso() && (kind == null || kind.type() != ColumnType.DATETIME)) {
                throw new InputException(source + ": column " + name + " has a date format in --columns but is "
                        + (kind == null ? "not declared datetime" : "declared " + kind.label())
                        + "; a format is for datetime and date columns");
            }
            types[c] = kind == null ? TypeInference.infer(raw.column(c), naOf[c])
                    : TypeInference.require(raw.column(c), kind.type(), naOf[c], formats[c], name, source);
        }
        Positions.check(raw, rules, na, source);
    }

    /** Reads the file (plain or gzip), keys detected; {@code source} in messages is its file name. */
    public static TrainingTable read(Path path, MissingValues na) {
        return read(path, na, ColumnRules.auto());
    }

    /** Reads the file (plain or gzip), keys and types as {@code rules} say. */
    public static TrainingTable read(Path path, MissingValues na, ColumnRules rules) {
        return read(path, na, rules, null);
    }

    /** As {@link #read(Path, MissingValues, ColumnRules)}, reporting the share of the file read. */
    public static TrainingTable read(Path path, MissingValues na, ColumnRules rules,
                                     java.util.function.DoubleConsumer progress) {
        return new TrainingTable(TableFiles.read(path, progress), na, rules, path.getFileName().toString(), path);
    }

    /** A table already in memory, keys detected; messages name it "table". */
    public static TrainingTable of(RawTable raw, MissingValues na) {
        return of(raw, na, ColumnRules.auto());
    }

    /** A table already in memory, keys and types as {@code rules} say. */
    public static TrainingTable of(RawTable raw, MissingValues na, ColumnRules rules) {
        return new TrainingTable(raw, na, rules, "table", null);
    }

    /** The table every stage models, bins and compares: the file without its key columns. */
    public RawTable raw() {
        return raw;
    }

    /** The table as read, keys included (columns the column file ignores left out). */
    public RawTable full() {
        return full;
    }

    /** The key columns (none, for most tables); the result gets fresh ones in their place. */
    public KeyColumns keys() {
        return keys;
    }

    /**
     * {@code other} (a holdout, a synthetic table) with only the modelled columns: without this table's key
     * columns and ignored columns, where it has them.
     */
    public RawTable modelledPart(RawTable other) {
        return keys.drop(rules.drop(other, ColumnKind.IGNORE));
    }

    /** The columns a pool or a synthetic file may hold besides the modelled ones (keys, ignored), skipped there. */
    public java.util.Set<String> skippedColumns() {
        java.util.Set<String> s = new java.util.HashSet<>(keys.names());
        rules.kinds().forEach((name, kind) -> {
            if (kind == ColumnKind.IGNORE) {
                s.add(name);
            }
        });
        return java.util.Set.copyOf(s);
    }

    /** The type of modelled column {@code c} (in {@link #raw()} order): declared in the column file, else inferred. */
    public ColumnType columnType(int c) {
        return types[c];
    }

    /** The file the table was read from; null for a table made in memory. */
    public Path file() {
        return file;
    }

    /** The rules the table was read with. */
    public ColumnRules rules() {
        return rules;
    }

    /** The table-wide missing-value rule (pandas' tokens and {@code --na-values}). */
    public MissingValues na() {
        return na;
    }

    /** The missing-value rule of modelled column {@code c}: {@link #na()} plus the column's own tokens. */
    public MissingValues na(int c) {
        return naOf[c];
    }

    /** The missing-value rule of the named column (of {@link #full()}: keys too). */
    public MissingValues na(String column) {
        int c = raw.columnIndex(column);
        return c >= 0 ? naOf[c] : rules.missingOf(column, na);
    }

    /** How the cells of modelled column {@code c} are written when it is a datetime column (ISO unless declared). */
    public DateFormat dateFormat(int c) {
        return formats[c];
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
            schema = Schema.fit(raw, naOf, types, formats);
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
