package dev.issosynth.quality;

import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueOverlapTest {
    private static final double LN2 = Math.log(2);
    private static final double LN4 = Math.log(4);
    private static final double LN43 = Math.log(4 / 3.0);
    /** Rarities are rounded to 1/1024 of a unit. */
    private static final double ROUNDING = 3 * 0.5 / ValueOverlap.SCALE;

    /**
     * Four reference rows over three compact columns:
     * <pre>
     *   row 0: 1 1 1
     *   row 1: 1 2 2
     *   row 2: 2 2 3
     *   row 3: 3 2 4
     * </pre>
     * Rarities ln(4 / count): col 0 value 1 ln 2, values 2 and 3 ln 4; col 1 value 1 ln 4, value 2 ln(4/3); col 2 ln 4.
     */
    private static CompactCells reference() {
        return CompactCells.of(new char[][] {{1, 1, 2, 3}, {1, 2, 2, 2}, {1, 2, 3, 4}});
    }

    private static double[] scores(ValueOverlap o, char[][] query, int threads) {
        int n = query[0].length;
        int[] ids = new int[n];
        java.util.Arrays.setAll(ids, i -> i);
        double[] out = new double[n];
        try (Parallel par = new Parallel(threads)) {
            o.scores(CompactCells.of(query), ids, n, out, par);
        }
        return out;
    }

    @Test
    void theOverlapIsTheRarestSumOfCellsSharedWithOneRow() {
        ValueOverlap o;
        try (Parallel par = new Parallel(1)) {
            o = ValueOverlap.of(reference(), 4, par);
        }
        // (1,2,9): row 0 shares col 0 (ln 2), row 1 cols 0 and 1 (ln 2 + ln 4/3), rows 2 and 3 col 1 only
        // (1,1,4): row 0 cols 0 and 1 (ln 2 + ln 4), row 3 col 2 (ln 4): the best is row 0
        // (3,2,4): row 3 itself: every cell (ln 4 + ln 4/3 + ln 4)
        // (9,9,9): nothing shared
        double[] s = scores(o, new char[][] {{1, 1, 3, 9}, {2, 1, 2, 9}, {9, 4, 4, 9}}, 1);
        assertArrayEquals(new double[] {LN2 + LN43, LN2 + LN4, 2 * LN4 + LN43, 0}, s, ROUNDING);
    }

    @Test
    void theCapsAreTheLeaveOneOutOverlapsOfTheReferenceWithRaritiesAmongTheOtherRows() {
        ValueOverlap o;
        try (Parallel par = new Parallel(1)) {
            o = ValueOverlap.of(reference(), 4, par);
        }
        // leave-one-out, each row against the other 3, rarities ln(3 / (count - 1)): col 0 value 1 (rows 0 and 1) ln 3,
        // col 1 value 2 (rows 1 to 3) ln(3/2), every other value held by no other row. Rows 0 and 1 share col 0 (ln 3),
        // rows 2 and 3 col 1 with the others (ln 3/2); negated and sorted: -ln3, -ln3, -ln1.5, -ln1.5: the edges at
        // levels up to 0.2 are all -ln 3 (one edge), the median halfway between; bin 0 holds the two ln 3 rows, the
        // middle bin none, the free bin two
        double ln3 = Math.log(3);
        double ln15 = Math.log(1.5);
        assertEquals(3, o.bins());
        assertArrayEquals(new double[] {0.5, 0, 0.5}, o.shares(), 1e-12);
        assertArrayEquals(new boolean[] {true, true, false}, o.capped());
        assertEquals(0, o.bin(ln3 + ROUNDING)); // the edge is ln 3 as rounded to 1/1024
        assertEquals(0, o.bin(5));
        assertEquals(1, o.bin((ln3 + ln15) / 2 + 0.01));
        assertEquals(2, o.bin(ln15));
        assertEquals(2, o.bin(0));
        // a new row holding row 0's col 0 value weighs ln 2 there (2 of 4 rows), as the first test reads
        assertEquals(2, o.bin(LN2));
    }

    @Test
    void theSearchIsExactAndTheSameOnAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(3);
        int m = 300;
        int cols = 6;
        char[][] ref = new char[cols][m];
        char[][] query = new char[cols][500];
        for (int k = 0; k < cols; k++) {
            int alphabet = 2 + 3 * k; // from common values to rare ones
            for (int r = 0; r < m; r++) {
                ref[k][r] = (char) rnd.nextInt(alphabet);
            }
            for (int r = 0; r < query[k].length; r++) {
                query[k][r] = (char) rnd.nextInt(alphabet + 2); // some values no reference row has
            }
        }
        ValueOverlap o;
        try (Parallel par = new Parallel(2)) {
            o = ValueOverlap.of(CompactCells.of(ref), m, par);
        }
        double[] one = scores(o, query, 1);
        assertArrayEquals(one, scores(o, query, 2));
        for (int i = 0; i < query[0].length; i++) {
            double best = 0;
            for (int r = 0; r < m; r++) {
                double s = 0;
                for (int k = 0; k < cols; k++) {
                    if (ref[k][r] == query[k][i]) {
                        int count = 0;
                        for (int t = 0; t < m; t++) {
                            count += ref[k][t] == query[k][i] ? 1 : 0;
                        }
                        s += Math.log(m / (double) count);
                    }
                }
                best = Math.max(best, s);
            }
            assertEquals(best, one[i], cols * 0.5 / ValueOverlap.SCALE, "query " + i);
        }
    }

    @Test
    void moreThanRealRecordsIsABinOverItsShareOrTheBinsAboveTheMedianTogether() {
        ValueOverlap o;
        try (Parallel par = new Parallel(1)) {
            o = ValueOverlap.of(reference(), 4, par);
        }
        // real shares [0.5, 0, 0.5]: bin 0 may reach 0.5 + 0.25 + 0.005, bin 1 0.005, the two together 0.55
        assertEquals(0.5, o.cappedShare(o.shares()), 1e-12);
        assertFalse(o.inExcess(new double[] {0.5, 0, 0.5}));
        assertFalse(o.inExcess(new double[] {0.545, 0.004, 0.451}));
        assertTrue(o.inExcess(new double[] {0.5, 0.006, 0.494}), "bin 1 over 0.005");
        assertTrue(o.inExcess(new double[] {0.552, 0, 0.448}), "above the median by more than 0.05");
        // bin 0 from ln 3, bin 1 from (ln 3 + ln 1.5) / 2 to ln 3, the free bin below
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, o.binShares(new double[] {5, 2, 0.9, 0}),
                1e-12);
    }

    @Test
    void theLeaveOneOutBudgetCutsOnlyWideOrLargeReferences() {
        // rows² × columns within 1.75e9: 70 columns allow 5,000 rows, 15 columns 10,801
        assertEquals(5_000, ValueOverlap.affordableRows(8_000, 70));
        assertEquals(10_801, ValueOverlap.affordableRows(25_000, 15));
        assertEquals(9_939, ValueOverlap.affordableRows(9_939, 10), "baseball's whole reference");
        assertEquals(654, ValueOverlap.affordableRows(654, 8));
        assertEquals(2, ValueOverlap.affordableRows(2, 1_000_000_000), "never below 2 rows");
    }

    @Test
    void aReferenceNeedsTwoRows() {
        try (Parallel par = new Parallel(1)) {
            assertThrows(IllegalArgumentException.class, () -> ValueOverlap.of(reference(), 1, par));
        }
    }
}
