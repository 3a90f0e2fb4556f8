package dev.issosynth.generator.mostly;

import dev.issosynth.schema.TrainingTable;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The upload file, read back by an independent reader: DuckDB's own Parquet reader (C++, not parquet-java). */
class ParquetTableTest {
    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryColumnWithItsTypeValuesAndNulls() throws Exception {
        MissingValues na = MissingValues.defaults().withExtra(Set.of("?"));
        RawTable t = columns("age", "price", "flag", "day", "at", "job")
                .row("39", "1.5", "True", "2020-01-31", "2020-01-31 10:00:00", " Private")
                .row("1e+05", "-2.25", "False", "1969-12-31", "2020-02-01T11:30:15.5", "a,b \"q\"")
                .row("?", "", "True", "", "?", "?")
                .build();
        Path file = dir.resolve("t.parquet");
        ParquetTable.write(TrainingTable.of(t, na), file);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            List<String> types = columnTypes(st, file);
            assertEquals(List.of("age:BIGINT", "price:DOUBLE", "flag:BOOLEAN", "day:DATE", "at:TIMESTAMP",
                    "job:VARCHAR"), types);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT age, price, flag, CAST(\"day\" AS VARCHAR), CAST(\"at\" AS VARCHAR), job "
                    + "FROM read_parquet('" + file + "')")) {
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 1; c <= 6; c++) {
                        cells.add(String.valueOf(rs.getString(c)));
                    }
                    rows.add(String.join("|", cells));
                }
            }
            assertEquals(List.of(
                    "39|1.5|true|2020-01-31|2020-01-31 10:00:00| Private",
                    "100000|-2.25|false|1969-12-31|2020-02-01 11:30:15.5|a,b \"q\"",
                    "null|null|true|null|null|null"), rows);
        }
    }

    @Test
    void aFormattedDateColumnIsUploadedAsDatesAndAColumnsOwnTokensAsNulls() throws Exception {
        RawTable t = columns("day", "at", "score", "level")
                .row("31/01/2020", "01/31/2020 10:05", "-1", "-1")
                .row("29/02/2024", "12/01/1999 23:59", "7", "7")
                .row("", "", "3", "3")
                .build();
        TrainingTable train = TrainingTable.of(t, MissingValues.defaults(), dev.issosynth.schema.ColumnRules.auto()
                .withFormats(java.util.Map.of("day", dev.issosynth.schema.DateFormat.of("%d/%m/%Y"),
                        "at", dev.issosynth.schema.DateFormat.of("MM/dd/yyyy HH:mm")))
                .withMissing(java.util.Map.of("score", List.of("-1"))));
        Path file = dir.resolve("f.parquet");
        ParquetTable.write(train, file);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            List<String> types = columnTypes(st, file);
            assertEquals(List.of("day:DATE", "at:TIMESTAMP", "score:BIGINT", "level:BIGINT"), types);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT CAST(\"day\" AS VARCHAR), CAST(\"at\" AS VARCHAR), score, level"
                    + " FROM read_parquet('" + file + "')")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
            assertEquals(List.of("2020-01-31|2020-01-31 10:05:00|null|-1", "2024-02-29|1999-12-01 23:59:00|7|7",
                    "null|null|3|3"), rows);
        }
    }

    @Test
    void chosenKindsFollowTheWholeColumn() {
        MissingValues na = MissingValues.defaults();
        assertEquals(ParquetTable.Kind.INT64, ParquetTable.kindOf(new String[] {"1", "", "1e+05"}, na));
        assertEquals(ParquetTable.Kind.DOUBLE, ParquetTable.kindOf(new String[] {"1", "2.5"}, na));
        assertEquals(ParquetTable.Kind.STRING, ParquetTable.kindOf(new String[] {"1", "x"}, na));
        assertEquals(ParquetTable.Kind.STRING, ParquetTable.kindOf(new String[] {"True", ""}, na),
                "booleans with gaps are read as text by pandas too");
        assertEquals(ParquetTable.Kind.TIMESTAMP, ParquetTable.kindOf(new String[] {"2020-01-01", "2020-01-01 10:00"}, na));
    }

    @Test
    void aDuckDbTableIsNotAParquetFile() {
        // guards the test itself: DuckDB refuses a file that is not Parquet, so the check above is a real one
        assertThrows(java.sql.SQLException.class, () -> {
            Path bogus = java.nio.file.Files.writeString(dir.resolve("x.parquet"), "age\n1\n");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                 Statement st = db.createStatement()) {
                st.executeQuery("SELECT * FROM read_parquet('" + bogus + "')").close();
            }
        });
    }

    /** DuckDB's name:type of every column of a Parquet file. */
    private static List<String> columnTypes(Statement st, Path file) throws java.sql.SQLException {
        List<String> types = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.add(rs.getString("column_name") + ":" + rs.getString("column_type"));
            }
        }
        return types;
    }
}
