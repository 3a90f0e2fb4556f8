package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.everyNthRow;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyGuardTest {
    static final MissingValues NA = MissingValues.defaults();

    /** The even (0) or odd (1) rows of the 2,000-row census fixture. */
    private static RawTable censusHalf(int parity) {
        return everyNthRow(fixture("census_2000.csv.gz"), 2, parity);
    }

    private static PrivacyGuard guard(RawTable train, int cap, long seed) {
        return PrivacyGuard.calibrate(TrainingTable.of(train, NA), cap, seed, null);
    }

    @Test
    void exactCopiesAreFlaggedByCellTextInAnyColumnOrder() {
        RawTable train = columns("a", "b")
                .row("x", "1")
                .row("y", "2")
                .row("x", "3")
                .row("z", "1")
                .build();
        PrivacyGuard g = guard(train, 100, 1);
        // pool with the columns swapped: row 0 and 3 copy training rows; row 1 mixes two rows; row 2 differs
        // only in text ("1.0" is the number 1, but not the same cell)
        RawTable pool = columns("b", "a")
                .row("1", "x")
                .row("2", "x")
                .row("1.0", "x")
                .row("3", "x")
                .build();
        byte[] v = g.screen(pool, null);
        assertEquals(PrivacyGuard.EXACT_COPY, v[0]);
        assertTrue(v[1] != PrivacyGuard.EXACT_COPY);
        assertTrue(v[2] != PrivacyGuard.EXACT_COPY, "different text is no exact copy");
        assertEquals(PrivacyGuard.EXACT_COPY, v[3]);
    }

    @Test
    void missingCellsAreComparedAsTheirText() {
        RawTable train = columns("a", "b").row("", "1").row("NA", "2").build();
        PrivacyGuard g = guard(train, 100, 1);
        byte[] v = g.screen(columns("a", "b").row("", "1").row("", "2").build(), null);
        assertEquals(PrivacyGuard.EXACT_COPY, v[0]);
        assertTrue(v[1] != PrivacyGuard.EXACT_COPY);
    }

    /** 16 rows with 16 distinct values of one column: every cross-half distance is sqrt(2), so is the threshold. */
    @Test
    void calibrationOnDistinctCategoriesGivesTheirDistance() {
        RawTable train = rows(16).column("c", i -> "v" + i).build();
        PrivacyGuard g = guard(train, 100, 5);
        assertEquals(Math.sqrt(2), g.threshold(), 1e-6, "float vectors");
        assertEquals(8, g.calibrationRows());
        assertEquals(8, g.referenceRows());
        // an unseen value is at distance sqrt(2) from every row: not strictly closer, kept
        byte[] v = g.screen(columns("c").row("new").row("v3").build(), null);
        assertArrayEquals(new byte[]{PrivacyGuard.KEEP, PrivacyGuard.EXACT_COPY}, v);
    }

    /** Every row has an identical twin: half-to-half distances are mostly 0, the threshold is 0, nothing is "too close". */
    @Test
    void calibrationOnDuplicatedRowsGivesZeroAndTheDistanceRuleNeverFires() {
        RawTable train = rows(200)
                .column("c", i -> i % 2 == 0 ? "a" : "b")
                .column("n", i -> String.valueOf(i % 3))
                .build();
        PrivacyGuard g = guard(train, 1000, 2);
        assertEquals(0.0, g.threshold());
        byte[] v = g.screen(columns("c", "n").row("a", "0").row("a", "1.0").row("c", "7").build(), null);
        assertArrayEquals(new byte[]{PrivacyGuard.EXACT_COPY, PrivacyGuard.KEEP, PrivacyGuard.KEEP}, v);
    }

    @Test
    void calibrationQuantileMatchesABruteForceRecomputation() {
        // numeric pairs on a grid: distances between the halves vary; the threshold must be the 1% quantile
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        java.util.function.IntFunction<String[]> draw = i -> new String[]{String.valueOf(rnd.nextInt(1000)),
                String.valueOf(rnd.nextInt(1000)), rnd.nextBoolean() ? "p" : "q"};
        RawTable train = columns("x", "y", "k").rows(300, draw).build();
        PrivacyGuard g = guard(train, 1000, 4);
        assertEquals(150, g.calibrationRows());
        assertTrue(g.threshold() > 0 && g.threshold() < 0.2, "threshold " + g.threshold());
        // a fresh draw from the same distribution: about 1 % of its rows are closer than the threshold
        int close = 0;
        int n = 20_000;
        byte[] v = g.screen(columns("x", "y", "k").rows(n, draw).build(), null);
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
        PrivacyGuard g1 = PrivacyGuard.calibrate(TrainingTable.of(train, na), 300, 11, null);
        byte[] v1 = g1.screen(pool, null);
        byte[] v2;
        double t2;
        try (Parallel par = new Parallel(2)) {
            PrivacyGuard g2 = PrivacyGuard.calibrate(TrainingTable.of(train, na), 300, 11, par);
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
        PrivacyGuard full = PrivacyGuard.calibrate(TrainingTable.of(train, na), 100_000, 11, null);
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
        PrivacyGuard g = PrivacyGuard.calibrate(TrainingTable.of(train, na), 100_000, 3, null);
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
