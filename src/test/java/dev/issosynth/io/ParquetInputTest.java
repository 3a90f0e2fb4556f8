package dev.issosynth.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parquet files written by an independent writer (DuckDB) read as the text cells a CSV of the same table gives,
 * whatever the compression, without Hadoop on the class path (the tests run without it).
 */
class ParquetInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String select, String codec) throws Exception {
        return write(name, select, codec, "V1");
    }

    /** {@code version} V2 writes data pages of format version 2 (levels uncompressed, in front of the values). */
    private Path write(String name, String select, String codec, String version) throws Exception {
        Path out = dir.resolve(name);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + out + "' (FORMAT parquet, COMPRESSION " + codec
                    + ", ROW_GROUP_SIZE 3, PARQUET_VERSION " + version + ")");
        }
        return out;
    }

    private static final String TYPED = "SELECT * FROM (VALUES "
            + "(1, 2.5::DOUBLE, true, DATE '2024-02-29', TIMESTAMP '2024-03-01 10:20:30', 'Graz', 12.34::DECIMAL(9,2), 0.1::FLOAT),"
            + "(-7, 1e20::DOUBLE, false, DATE '1969-12-31', TIMESTAMP '1970-01-01 00:00:00.25', 'Linz, Upper Austria', -0.05::DECIMAL(9,2), 3::FLOAT),"
            + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + "(3, 'NaN'::DOUBLE, true, DATE '2000-01-01', TIMESTAMP '2000-01-01 23:59:59', '', 1::DECIMAL(9,2), 2.5::FLOAT))"
            + " AS t(n, x, flag, day, stamp, city, amount, f)";

    @Test
    void everyFlatTypeReadsAsTheTextOfItsValue() throws Exception {
        for (String variant : List.of("uncompressed V1", "snappy V1", "zstd V1", "gzip V1", "snappy V2", "zstd V2")) {
            String codec = variant.split(" ")[0];
            Path p = write("typed_" + variant.replace(' ', '_') + ".parquet", TYPED, codec, variant.split(" ")[1]);
            assertTrue(TableFiles.isParquet(p));
            RawTable t = TableFiles.read(p);
            assertArrayEquals(new String[] {"n", "x", "flag", "day", "stamp", "city", "amount", "f"}, t.header(), codec);
            assertEquals(4, t.rowCount(), codec);
            assertArrayEquals(new String[] {"1", "2.5", "True", "2024-02-29", "2024-03-01 10:20:30", "Graz", "12.34", "0.1"},
                    row(t, 0), codec);
            assertArrayEquals(new String[] {"-7", "100000000000000000000", "False", "1969-12-31", "1970-01-01 00:00:00.25",
                "Linz, Upper Austria", "-0.05", "3.0"}, row(t, 1), codec);
            assertArrayEquals(new String[] {"", "", "", "", "", "", "", ""}, row(t, 2), codec + ": nulls are empty cells");
            assertArrayEquals(new String[] {"3", "", "True", "2000-01-01", "2000-01-01 23:59:59", "", "1.00", "2.5"},
                    row(t, 3), codec + ": NaN is missing too");
        }
    }

    private static String[] row(RawTable t, int r) {
        String[] out = new String[t.columnCount()];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.cell(c, r);
        }
        return out;
    }

    @Test
    void streamingReordersSkipsAndChunksLikeTheCsvReader() throws Exception {
        Path p = write("many.parquet", "SELECT i AS a, i * 2 AS b, 'k' || i AS key FROM range(10) t(i)", "snappy");
        List<String> seen = new ArrayList<>();
        long rows = TableFiles.stream(p, new String[] {"b", "a"}, Set.of("key"), 4, (first, chunk, count) -> {
            for (int i = 0; i < count; i++) {
                seen.add(first + i + ":" + chunk[i][0] + "/" + chunk[i][1]);
            }
        }, null);
        assertEquals(10, rows);
        assertEquals("0:0/0", seen.get(0));
        assertEquals("9:18/9", seen.get(9));
        InputException other = assertThrows(InputException.class,
                () -> TableFiles.stream(p, new String[] {"a", "c"}, 4, (f, c, n) -> { }));
        assertTrue(other.getMessage().contains("missing [c], unexpected [b, key]"), other.getMessage());
    }

    @Test
    void theContentDecidesNotTheName() throws Exception {
        Path parquet = write("looks.csv", "SELECT 1 AS a, 'x' AS b", "snappy");
        assertEquals("x", TableFiles.read(parquet).cell(1, 0));
        Path csv = Files.writeString(dir.resolve("looks.parquet"), "a,b\n1,x\n");
        assertFalse(TableFiles.isParquet(csv));
        assertEquals("x", TableFiles.read(csv).cell(1, 0));
    }

    @Test
    void whatCannotBeReadIsOneLine() throws Exception {
        Path nested = write("nested.parquet", "SELECT [1, 2] AS xs", "snappy");
        InputException e = assertThrows(InputException.class, () -> TableFiles.read(nested));
        assertTrue(e.getMessage().endsWith("column xs is nested or repeated; only flat tables (one value per column"
                + " and row) are read"), e.getMessage());
        Path empty = write("empty.parquet", "SELECT 1 AS a WHERE false", "snappy");
        assertTrue(assertThrows(InputException.class, () -> TableFiles.read(empty)).getMessage()
                .endsWith("has a header but no data rows"));
        Path cut = dir.resolve("cut.parquet");
        byte[] whole = Files.readAllBytes(write("whole.parquet", TYPED, "snappy"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(cut + ": not a complete Parquet file (no footer; cut short?)",
                assertThrows(InputException.class, () -> TableFiles.read(cut)).getMessage());
    }
}
