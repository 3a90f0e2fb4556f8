package dev.issosynth.schema;

import static dev.issosynth.io.TestFiles.assertInputError;
import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    private static final MissingValues NA = MissingValues.defaults();

    @TempDir
    Path dir;

    private static RawTable reference() {
        return columns("n", "d", "c")
                .row("1", "2020-01-01", "x")
                .row("2", "2020-01-02", "x")
                .row("3", "2020-01-03", "x")
                .row("", "NA", "x")
                .build();
    }

    @Test
    void fitsTypesAndBinnings() {
        Schema s = Schema.fit(reference(), NA);
        assertArrayEquals(new String[] {"n", "d", "c"}, s.names());
        assertEquals(3, s.columns());
        assertEquals(ColumnType.NUMERIC, s.type(0));
        assertEquals(ColumnType.DATETIME, s.type(1));
        assertEquals(ColumnType.CATEGORICAL, s.type(2));
        // n: 3 distinct → 3 bins + (n/a); d: 2 intervals + (n/a); c: 'x' has 4 < 5 → only the 4 specials
        assertArrayEquals(new int[] {4, 3, 4}, s.cardinalities());
    }

    @Test
    void encodeAcceptsAnyColumnOrderAndOutputsSchemaOrder() {
        Schema s = Schema.fit(reference(), NA);
        RawTable other = columns("c", "n", "d")
                .row("x", "3", "2019-01-01")
                .row("y", "NA", "2020-01-03")
                .build();
        dev.issosynth.schema.CodeTable t = s.encode(other);
        assertEquals(2, t.rows());
        assertArrayEquals(new int[] {2, 3}, new int[] {t.code(0, 0), t.code(0, 1)});
        assertArrayEquals(new int[] {0, 1}, new int[] {t.code(1, 0), t.code(1, 1)});
        assertArrayEquals(new int[] {1, 1}, new int[] {t.code(2, 0), t.code(2, 1)}, "x and y → (other)");
        assertArrayEquals(s.cardinalities(), t.cardinalities());
    }

    @Test
    void encodeRejectsDifferentColumns() {
        Schema s = Schema.fit(reference(), NA);
        RawTable other = columns("n", "d", "zz").row("1", "2", "3").build();
        assertInputError(() -> s.encode(other), "missing [c]", "unexpected [zz]");
        assertInputError(() -> s.encode(other, "syn.csv"), "syn.csv");
    }

    @Test
    void streamedPoolWithOtherColumnOrderEncodesIntoPreallocatedArrays() {
        Schema s = Schema.fit(reference(), NA);
        Path pool = columns("d", "c", "n")
                .row("2020-01-03", "x", "1")
                .row("", "q", "9")
                .row("bad", "x", "abc")
                .writeCsv(dir, "pool.csv");
        byte[][] dest = new byte[3][5];
        long rows = CsvReader.stream(pool, s.names(), 2,
                (first, chunk, count) -> s.encodeRows(chunk, count, dest, 1 + (int) first));
        assertEquals(3, rows);
        assertArrayEquals(new byte[] {0, 0, 2, 3, 0}, dest[0]);
        assertArrayEquals(new byte[] {0, 1, 2, 2, 0}, dest[1]);
        assertArrayEquals(new byte[] {0, 1, 1, 1, 0}, dest[2]);
    }

    private static int[] histogram(Schema s, RawTable t, String column) {
        int c = s.columnIndex(column);
        dev.issosynth.schema.CodeTable codes = s.encode(t);
        int[] h = new int[s.cardinalities()[c]];
        for (int r = 0; r < codes.rows(); r++) {
            h[codes.code(c, r)]++;
        }
        return h;
    }

    /** Expected breaks and counts computed independently with numpy (linspace/floor) on the same cuts. */
    @Test
    void titanicMatchesIndependentComputation() {
        RawTable t = fixture("titanic.csv");
        Schema s = Schema.fit(t, NA);
        for (int c = 0; c < s.columns(); c++) {
            boolean cat = s.names()[c].equals("sex") || s.names()[c].equals("embarked");
            assertEquals(cat ? ColumnType.CATEGORICAL : ColumnType.NUMERIC, s.type(c), s.names()[c]);
        }
        NumericBinning age = (NumericBinning) s.binning(s.columnIndex("age"));
        assertArrayEquals(new double[] {0.0, 14.0, 19.0, 22.0, 25.0, 28.0, 31.0, 36.0, 42.0, 50.0, 80.0}, age.breaks());
        assertArrayEquals(new int[] {99, 97, 94, 119, 95, 107, 113, 109, 103, 110, 263}, histogram(s, t, "age"));
        NumericBinning fare = (NumericBinning) s.binning(s.columnIndex("fare"));
        assertArrayEquals(new double[] {0.0, 7.0, 8.0, 10.0, 13.0, 16.0, 26.0, 29.0, 50.0, 80.0, 512.0}, fare.breaks());
        assertArrayEquals(new int[] {28, 94, 349, 86, 132, 137, 116, 121, 125, 120, 1}, histogram(s, t, "fare"));
        // pclass: 3 distinct → one bin per value + (n/a)
        assertArrayEquals(new double[] {1, 2, 3, 4}, ((NumericBinning) s.binning(s.columnIndex("pclass"))).breaks());
    }

    @Test
    void creditcardScientificNotationAndAirbnbDecimals() {
        RawTable cc = fixture("creditcard_1000.csv.gz");
        Schema s = Schema.fit(cc, NA);
        assertEquals(ColumnType.NUMERIC, s.type(s.columnIndex("limit_bal")));
        assertArrayEquals(new double[] {10000, 30000, 50000, 70000, 100000, 140000, 180000, 210000, 270000,
            360000, 700000}, ((NumericBinning) s.binning(s.columnIndex("limit_bal"))).breaks());
        assertArrayEquals(new int[] {72, 67, 159, 92, 97, 98, 95, 116, 87, 117, 0}, histogram(s, cc, "limit_bal"));
        assertArrayEquals(new double[] {-14386, 95, 1399, 5841, 13141, 21075, 34423, 49941, 78331, 141223, 507726},
                ((NumericBinning) s.binning(s.columnIndex("bill_amt1"))).breaks());

        RawTable ab = fixture("airbnb_2000.csv");
        Schema a = Schema.fit(ab, NA);
        assertEquals(ColumnType.DATETIME, a.type(a.columnIndex("last_review")));
        assertEquals(ColumnType.CATEGORICAL, a.type(a.columnIndex("neighbourhood")));
        assertArrayEquals(new double[] {0.01, 0.06, 0.14, 0.23, 0.4, 0.68, 1.0, 1.67, 2.41, 3.42, 11.14},
                ((NumericBinning) a.binning(a.columnIndex("reviews_per_month"))).breaks());
        assertArrayEquals(new int[] {145, 158, 157, 167, 165, 126, 188, 161, 158, 160, 415},
                histogram(a, ab, "reviews_per_month"));
        assertArrayEquals(new double[] {40.5, 40.67, 40.68, 40.69, 40.71, 40.72, 40.74, 40.75, 40.77, 40.8, 40.90734},
                ((NumericBinning) a.binning(a.columnIndex("latitude"))).breaks());
    }

    @Test
    void censusQuestionMarkAsExtraNaToken() {
        RawTable t = fixture("census_2000.csv.gz");
        MissingValues na = NA.withExtra(List.of("?"));
        Schema s = Schema.fit(t, na);
        assertEquals(ColumnType.NUMERIC, s.type(s.columnIndex("age")));
        assertArrayEquals(new double[] {19302, 66614, 107306, 130408, 160943, 179436, 196584, 221196, 263431, 328447,
            1033222}, ((NumericBinning) s.binning(s.columnIndex("fnlwgt"))).breaks());
        int wc = s.columnIndex("workclass");
        ColumnBinning b = s.binning(wc);
        int[] h = histogram(s, t, "workclass");
        long questionMarks = java.util.Arrays.stream(t.column(t.columnIndex("workclass"))).filter("?"::equals).count();
        assertEquals(questionMarks, h[b.naCode()]);
        assertEquals(b.naCode(), b.code("?"));
        Schema plain = Schema.fit(t, NA);
        ColumnBinning pw = plain.binning(wc);
        assertEquals("?", pw.label(pw.code("?")), "without the token '?' is an ordinary category");
    }
}
