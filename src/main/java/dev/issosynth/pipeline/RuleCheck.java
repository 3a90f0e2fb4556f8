package dev.issosynth.pipeline;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.Steering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a {@link Steering} checked on rows of text in the training table's modelled column order (pool
 * chunks, the result): an inequality between two numeric or two datetime columns, and fixed combinations (only the
 * value combinations the training data has). Pool rows that break a rule are flagged while the pool is binned, so the
 * selection never chooses them; the counts per rule say how often the generator broke each.
 */
final class RuleCheck {
    private static final char SEPARATOR = '\u0001';

    private final List<Steering.Rule> rules;
    private final int[][] columns;
    private final boolean[] datetime;
    private final List<Set<String>> combinations;
    /** Per column: its missing rule (the table's and its own tokens) and its date format. */
    private final MissingValues[] na;
    private final DateFormat[] formats;
    private final long[] poolBreaks;
    private long poolRows;

    private RuleCheck(List<Steering.Rule> rules, int[][] columns, boolean[] datetime, List<Set<String>> combinations,
            MissingValues[] na, DateFormat[] formats) {
        this.rules = rules;
        this.columns = columns;
        this.datetime = datetime;
        this.combinations = combinations;
        this.na = na;
        this.formats = formats;
        this.poolBreaks = new long[rules.size()];
    }

    /** Null when there are no rules; InputException for a column the table lacks or an inequality of the wrong types. */
    static RuleCheck of(List<Steering.Rule> rules, TrainingTable train) {
        if (rules.isEmpty()) {
            return null;
        }
        RawTable raw = train.raw();
        MissingValues[] na = new MissingValues[raw.columnCount()];
        DateFormat[] formats = new DateFormat[raw.columnCount()];
        for (int c = 0; c < na.length; c++) {
            na[c] = train.na(c);
            formats[c] = train.dateFormat(c);
        }
        int[][] columns = new int[rules.size()][];
        boolean[] datetime = new boolean[rules.size()];
        List<Set<String>> combinations = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Steering.Rule rule = rules.get(i);
            if (rule instanceof Steering.Inequality q) {
                int lo = column(train, q.low(), q);
                int hi = column(train, q.high(), q);
                ColumnType a = train.columnType(lo);
                ColumnType b = train.columnType(hi);
                if (a != b || a == ColumnType.CATEGORICAL) {
                    throw new InputException("--rule " + q + ": both columns must be numeric or both datetime ("
                            + q.low() + " is " + label(a) + ", " + q.high() + " is " + label(b) + ")");
                }
                columns[i] = new int[] {lo, hi};
                datetime[i] = a == ColumnType.DATETIME;
                combinations.add(null);
            } else if (rule instanceof Steering.FixedCombinations f) {
                columns[i] = f.columns().stream().mapToInt(c -> column(train, c, f)).toArray();
                Set<String> seen = new HashSet<>();
                String[] row = new String[raw.columnCount()];
                for (int r = 0; r < raw.rowCount(); r++) {
                    for (int c : columns[i]) {
                        row[c] = raw.cell(c, r);
                    }
                    seen.add(combination(row, columns[i], na));
                }
                combinations.add(seen);
            }
        }
        return new RuleCheck(List.copyOf(rules), columns, datetime, combinations, na, formats);
    }

    private static String label(ColumnType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int column(TrainingTable train, String name, Steering.Rule rule) {
        int c = train.raw().columnIndex(name);
        if (c < 0) {
            throw new InputException((rule instanceof Steering.Inequality ? "--rule " : "--fixed-combinations ")
                    + rule + ": no column " + name + " in the training data (columns: "
                    + String.join(", ", train.header()) + ")");
        }
        return c;
    }

    private static String combination(String[] row, int[] cols, MissingValues[] na) {
        StringBuilder b = new StringBuilder();
        for (int c : cols) {
            String v = row[c];
            b.append(na[c].isMissing(v) ? "" : v.strip()).append(SEPARATOR);
        }
        return b.toString();
    }

    /** The first rule {@code row} breaks, or -1. */
    int broken(String[] row) {
        for (int i = 0; i < rules.size(); i++) {
            if (combinations.get(i) != null) {
                if (!combinations.get(i).contains(combination(row, columns[i], na))) {
                    return i;
                }
            } else {
                int l = columns[i][0];
                int h = columns[i][1];
                String lo = row[l];
                String hi = row[h];
                if (na[l].isMissing(lo) || na[h].isMissing(hi)) {
                    continue;
                }
                double a = datetime[i] ? formats[l].parseEpochSeconds(lo) : Numbers.parse(lo);
                double b = datetime[i] ? formats[h].parseEpochSeconds(hi) : Numbers.parse(hi);
                boolean strict = ((Steering.Inequality) rules.get(i)).strict();
                if (a == a && b == b && (strict ? a >= b : a > b)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Flags {@code flags[at + i] = 1} for the chunk's rows that break a rule, and counts them per rule. */
    void screen(String[][] chunk, int count, byte[] flags, int at) {
        for (int i = 0; i < count; i++) {
            int b = broken(chunk[i]);
            if (b >= 0) {
                flags[at + i] = 1;
                poolBreaks[b]++;
            }
        }
        poolRows += count;
    }

    /** Rows of {@code table} (the modelled columns in training order) that break a rule. */
    long breaks(RawTable table) {
        long n = 0;
        String[] row = new String[table.columnCount()];
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = table.cell(c, r);
            }
            n += broken(row) >= 0 ? 1 : 0;
        }
        return n;
    }

    /** Per rule, what the pool broke (first broken rule of a row counts), for the log. */
    List<String> poolLines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(String.format(java.util.Locale.ROOT, "rule %s: %,d of %,d pool rows break it (%.2f%%)",
                    rules.get(i), poolBreaks[i], poolRows, poolRows == 0 ? 0 : 100.0 * poolBreaks[i] / poolRows));
        }
        return out;
    }

    long poolBreaks() {
        long n = 0;
        for (long b : poolBreaks) {
            n += b;
        }
        return n;
    }
}
