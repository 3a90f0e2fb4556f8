package dev.issosynth.quality;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyGuardTest {
    static final MissingValues NA = MissingValues.defaults();

    private static RawTable table(String[] header, String[]... rows) {
        String[][] cols = new String[header.length][rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < header.length; c++) {
                cols[c][r] = rows[r][c];
            }
        }
        return new RawTable(header, cols);
    }

    /** The even (0) or odd (1) rows of the 2,000-row census fixture. */
    private static RawTable censusHalf(int parity) {
        RawTable all = CsvReader.read(Path.of("src/test/resources/fixtures/census_2000.csv.gz"));
        int[] rows = new int[all.rowCount() / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 2 * i + parity;
        }
        return all.selectRows(rows);
    }

    private static PrivacyGuard guard(RawTable train, int cap, long seed) {
        return PrivacyGuard.calibrate(Schema.fit(train, NA), NA, train, cap, seed, null);
    }

    @Test
    void exactCopiesAreFlaggedByCellTextInAnyColumnOrder() {
        RawTable train = table(new String[]{"a", "b"}, new String[]{"x", "1"}, new String[]{"y", "2"},
                new String[]{"x", "3"}, new String[]{"z", "1"});
        PrivacyGuard g = guard(train, 100, 1);
        // pool with the columns swapped: row 0 and 3 copy training rows; row 1 mixes two rows; row 2 differs
        // only in text ("1.0" is the number 1, but not the same cell)
        RawTable pool = table(new String[]{"b", "a"}, new String[]{"1", "x"}, new String[]{"2", "x"},
                new String[]{"1.0", "x"}, new String[]{"3", "x"});
        byte[] v = g.screen(pool, null);
        assertEquals(PrivacyGuard.EXACT_COPY, v[0]);
        assertTrue(v[1] != PrivacyGuard.EXACT_COPY);
        assertTrue(v[2] != PrivacyGuard.EXACT_COPY, "different text is no exact copy");
        assertEquals(PrivacyGuard.EXACT_COPY, v[3]);
    }

    @Test
    void missingCellsAreComparedAsTheirText() {
        RawTable train = table(new String[]{"a", "b"}, new String[]{"", "1"}, new String[]{"NA", "2"});
        PrivacyGuard g = guard(train, 100, 1);
        byte[] v = g.screen(table(new String[]{"a", "b"}, new String[]{"", "1"}, new String[]{"", "2"}), null);
        assertEquals(PrivacyGuard.EXACT_COPY, v[0]);
        assertTrue(v[1] != PrivacyGuard.EXACT_COPY);
    }

    /** 16 rows with 16 distinct values of one column: every cross-half distance is sqrt(2), so is the threshold. */
    @Test
    void calibrationOnDistinctCategoriesGivesTheirDistance() {
        String[][] rows = new String[16][];
        for (int i = 0; i < 16; i++) {
            rows[i] = new String[]{"v" + i};
        }
        RawTable train = table(new String[]{"c"}, rows);
        PrivacyGuard g = guard(train, 100, 5);
        assertEquals(Math.sqrt(2), g.threshold(), 1e-6, "float vectors");
        assertEquals(8, g.calibrationRows());
        assertEquals(8, g.referenceRows());
        // an unseen value is at distance sqrt(2) from every row: not strictly closer, kept
        byte[] v = g.screen(table(new String[]{"c"}, new String[]{"new"}, new String[]{"v3"}), null);
        assertArrayEquals(new byte[]{PrivacyGuard.KEEP, PrivacyGuard.EXACT_COPY}, v);
    }

    /** Every row has an identical twin: half-to-half distances are mostly 0, the threshold is 0, nothing is "too close". */
    @Test
    void calibrationOnDuplicatedRowsGivesZeroAndTheDistanceRuleNeverFires() {
        String[][] rows = new String[200][];
        for (int i = 0; i < 200; i++) {
            rows[i] = new String[]{i % 2 == 0 ? "a" : "b", String.valueOf(i % 3)};
        }
        RawTable train = table(new String[]{"c", "n"}, rows);
        PrivacyGuard g = guard(train, 1000, 2);
        assertEquals(0.0, g.threshold());
        byte[] v = g.screen(table(new String[]{"c", "n"}, new String[]{"a", "0"}, new String[]{"a", "1.0"},
                new String[]{"c", "7"}), null);
        assertArrayEquals(new byte[]{PrivacyGuard.EXACT_COPY, PrivacyGuard.KEEP, PrivacyGuard.KEEP}, v);
    }

    @Test
    void calibrationQuantileMatchesABruteForceRecomputation() {
        // numeric pairs on a grid: distances between the halves vary; the threshold must be the 1% quantile
        String[][] rows = new String[300][];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            rows[i] = new String[]{String.valueOf(rnd.nextInt(1000)), String.valueOf(rnd.nextInt(1000)),
                    rnd.nextBoolean() ? "p" : "q"};
        }
        RawTable train = table(new String[]{"x", "y", "k"}, rows);
        PrivacyGuard g = guard(train, 1000, 4);
        assertEquals(150, g.calibrationRows());
        assertTrue(g.threshold() > 0 && g.threshold() < 0.2, "threshold " + g.threshold());
        // a fresh draw from the same distribution: about 1 % of its rows are closer than the threshold
        int close = 0;
        int n = 20_000;
        String[][] fresh = new String[n][];
        for (int i = 0; i < n; i++) {
            fresh[i] = new String[]{String.valueOf(rnd.nextInt(1000)), String.valueOf(rnd.nextInt(1000)),
                    rnd.nextBoolean() ? "p" : "q"};
        }
        byte[] v = g.screen(table(new String[]{"x", "y", "k"}, fresh), null);
        for (byte b : v) {
            close += b == PrivacyGuard.TOO_CLOSE ? 1 : 0;
        }
        double share = (double) close / n;
        assertTrue(share > 0.002 && share < 0.04, "share too close " + share);
    }

    @Test
    void sameSeedSameVerdictsForAnyThreadCountAndSampleCapApplies() {
        RawTable train = censusHalf(0);
        RawTable pool = censusHalf(1);
        MissingValues na = NA.withExtra(List.of("?"));
        Schema schema = Schema.fit(train, na);
        PrivacyGuard g1 = PrivacyGuard.calibrate(schema, na, train, 300, 11, null);
        byte[] v1 = g1.screen(pool, null);
        byte[] v2;
        double t2;
        try (Parallel par = new Parallel(2)) {
            PrivacyGuard g2 = PrivacyGuard.calibrate(schema, na, train, 300, 11, par);
            v2 = g2.screen(pool, par);
            t2 = g2.threshold();
        }
        assertEquals(g1.threshold(), t2);
        assertArrayEquals(v1, v2);
        assertEquals(300, g1.calibrationRows());
        assertEquals(300, g1.referenceRows());
        // pool rows equal to training rows in value but not in text ("39" -> "39.0") are no exact copies, but
        // those whose source is in the reference sample are at distance 0 < threshold: too close
        String[][] cols = new String[train.columnCount()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = train.column(c).clone();
        }
        int age = train.columnIndex("age");
        for (int r = 0; r < cols[age].length; r++) {
            cols[age][r] = cols[age][r] + ".0";
        }
        PrivacyGuard full = PrivacyGuard.calibrate(schema, na, train, 100_000, 11, null);
        assertEquals(500, full.referenceRows());
        assertTrue(full.threshold() > 0, "census rows are not duplicated at the 1% level");
        byte[] v = full.screen(new RawTable(train.header(), cols), null);
        int close = 0;
        for (byte b : v) {
            assertTrue(b != PrivacyGuard.EXACT_COPY);
            close += b == PrivacyGuard.TOO_CLOSE ? 1 : 0;
        }
        assertTrue(close >= 500, "too close: " + close);
    }

    /** The keyed fast path gives exactly the verdicts of the full exact search. */
    @Test
    void keyedSearchAgreesWithTheFullSearch() {
        RawTable train = censusHalf(0);
        MissingValues na = NA.withExtra(List.of("?"));
        // the pool: the other half, plus training rows with one numeric cell nudged (near copies)
        RawTable other = censusHalf(1);
        String[][] cols = new String[train.columnCount()][2000];
        int fnlwgt = train.columnIndex("fnlwgt");
        for (int c = 0; c < cols.length; c++) {
            for (int r = 0; r < 1000; r++) {
                cols[c][r] = other.cell(c, r);
                cols[c][1000 + r] = c == fnlwgt ? String.valueOf(Long.parseLong(train.cell(c, r)) + 1) : train.cell(c, r);
            }
        }
        RawTable pool = new RawTable(train.header(), cols);
        PrivacyGuard g = PrivacyGuard.calibrate(Schema.fit(train, na), na, train, 100_000, 3, null);
        assertTrue(g.bucketed(), "census threshold " + g.threshold() + " is below the key bound");
        byte[] keyed = g.screen(pool, null);
        byte[] full = g.screenUnbucketed(pool, null);
        assertArrayEquals(full, keyed);
        int close = 0;
        for (byte b : keyed) {
            close += b == PrivacyGuard.TOO_CLOSE ? 1 : 0;
        }
        assertTrue(close > 300, "near copies of reference rows are too close: " + close);
    }
}
