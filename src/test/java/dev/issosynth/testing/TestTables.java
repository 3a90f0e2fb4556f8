package dev.issosynth.testing;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.RawTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Hand-made tables for tests, written row by row because that is how a reader checks a table by eye:
 *
 * <pre>{@code
 * RawTable t = TestTables.columns("age", "city")
 *         .row("31", "Graz")
 *         .row("", "Linz")
 *         .build();
 * Path csv = TestTables.columns("age", "city").row("31", "Graz").writeCsv(dir, "train.csv");
 * }</pre>
 *
 * Larger synthetic tables come from a function of the row index, either a whole row at a time
 * ({@link RowBuilder#rows(int, IntFunction)}, which keeps the order of random draws of a row-by-row loop) or a column
 * at a time ({@link #rows(int)} then {@link ColumnBuilder#column(String, IntFunction)}). Functions are called at once,
 * in row order, exactly once per row. Plus the committed fixtures under {@code src/test/resources/fixtures}
 * ({@link #fixture(String)}).
 */
public final class TestTables {
    /** The committed fixtures (see the README there); tests run with the project folder as working directory. */
    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private TestTables() {
    }

    /** A table with these column names (distinct, at least one); add its rows with {@link RowBuilder#row}. */
    public static RowBuilder columns(String... names) {
        return new RowBuilder(names);
    }

    /** A table of {@code n} rows whose columns are computed from the row index 0..n-1. */
    public static ColumnBuilder rows(int n) {
        return new ColumnBuilder(n);
    }

    /** The committed fixture {@code src/test/resources/fixtures/<name>}, read with the tool's own {@link CsvReader}. */
    public static RawTable fixture(String name) {
        return CsvReader.read(fixturePath(name));
    }

    /** The path of a committed fixture; fails the test if it is missing. */
    public static Path fixturePath(String name) {
        Path p = FIXTURES.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("fixture missing: " + p);
        }
        return p;
    }

    /** Rows {@code offset}, {@code offset + step}, {@code offset + 2·step}, ... of {@code t}, in that order. */
    public static RawTable everyNthRow(RawTable t, int step, int offset) {
        if (step < 1 || offset < 0 || offset >= step) {
            throw new IllegalArgumentException("need step >= 1 and 0 <= offset < step: " + step + ", " + offset);
        }
        int n = Math.max(0, (t.rowCount() - offset + step - 1) / step);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = offset + i * step;
        }
        return t.selectRows(rows);
    }

    /** The rows of {@code t}, each as its cells in column order (handy to compare with expected rows). */
    public static List<List<String>> rowsOf(RawTable t) {
        List<List<String>> out = new ArrayList<>(t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>(t.columnCount());
            for (int c = 0; c < t.columnCount(); c++) {
                row.add(t.cell(c, r));
            }
            out.add(List.copyOf(row));
        }
        return List.copyOf(out);
    }

    /**
     * Writes {@code t} as {@code dir/name} with the tool's own {@link CsvWriter}: header line, comma, LF, cell text
     * exactly as given, quotes only where CSV needs them (a comma, quote, CR or LF in the cell, and an empty first
     * cell, so that a one-column row never reads as a blank line); gzip when the name ends in {@code .gz}. Missing
     * folders are created; an existing file is replaced.
     *
     * @return the written file
     */
    public static Path writeCsv(RawTable t, Path dir, String name) {
        Path out = dir.resolve(name);
        CsvWriter.write(t, out);
        return out;
    }

    private static void checkNames(String[] names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            Objects.requireNonNull(n, "column name");
            if (!seen.add(n)) {
                throw new IllegalArgumentException("duplicate column name: " + n);
            }
        }
    }

    /** Builds a table row by row. */
    public static final class RowBuilder {
        private final String[] names;
        private final List<String[]> rows = new ArrayList<>();

        private RowBuilder(String[] names) {
            checkNames(names);
            this.names = names.clone();
        }

        /** Appends one row: exactly one (non-null) cell per column, in column order. */
        public RowBuilder row(String... cells) {
            if (cells.length != names.length) {
                throw new IllegalArgumentException("row " + rows.size() + " has " + cells.length + " cells "
                        + Arrays.toString(cells) + ", the table has " + names.length + " columns "
                        + Arrays.toString(names));
            }
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] == null) {
                    throw new IllegalArgumentException("row " + rows.size() + ": null cell in column " + names[c]);
                }
            }
            rows.add(cells.clone());
            return this;
        }

        /** Appends {@code n} rows, row {@code i} (0-based, counted from this call) being {@code row.apply(i)}. */
        public RowBuilder rows(int n, IntFunction<String[]> row) {
            if (n < 0) {
                throw new IllegalArgumentException("negative row count: " + n);
            }
            for (int i = 0; i < n; i++) {
                row(row.apply(i));
            }
            return this;
        }

        /** The table so far (a new one on each call; later rows do not change it). */
        public RawTable build() {
            String[][] cols = new String[names.length][rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                for (int c = 0; c < names.length; c++) {
                    cols[c][r] = row[c];
                }
            }
            return new RawTable(names, cols);
        }

        /** {@link TestTables#writeCsv(RawTable, Path, String)} of {@link #build()}. */
        public Path writeCsv(Path dir, String name) {
            return TestTables.writeCsv(build(), dir, name);
        }
    }

    /** Builds a table of a fixed number of rows column by column, each cell a function of its row index. */
    public static final class ColumnBuilder {
        private final int rows;
        private final List<String> names = new ArrayList<>();
        private final List<String[]> columns = new ArrayList<>();

        private ColumnBuilder(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("negative row count: " + rows);
            }
            this.rows = rows;
        }

        /** Appends a column whose cell in row {@code i} is {@code cell.apply(i)}, computed now for i = 0..n-1. */
        public ColumnBuilder column(String name, IntFunction<String> cell) {
            Objects.requireNonNull(name, "column name");
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate column name: " + name);
            }
            String[] cells = new String[rows];
            for (int i = 0; i < rows; i++) {
                cells[i] = cell.apply(i);
                if (cells[i] == null) {
                    throw new IllegalArgumentException("row " + i + ": null cell in column " + name);
                }
            }
            names.add(name);
            columns.add(cells);
            return this;
        }

        /** The table (a new one on each call). */
        public RawTable build() {
            String[] header = names.toArray(String[]::new);
            checkNames(header);
            String[][] cols = new String[header.length][];
            for (int c = 0; c < cols.length; c++) {
                cols[c] = columns.get(c).clone();
            }
            return new RawTable(header, cols);
        }

        /** {@link TestTables#writeCsv(RawTable, Path, String)} of {@link #build()}. */
        public Path writeCsv(Path dir, String name) {
            return TestTables.writeCsv(build(), dir, name);
        }
    }
}
