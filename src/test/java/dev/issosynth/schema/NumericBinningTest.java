package dev.issosynth.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumericBinningTest {
    private static final MissingValues NA = MissingValues.defaults();

    /**
     * 20 values 0.05, 0.15, ..., 1.95 (sorted, n = 20).
     * i = 10: step 19/9 = 2.11..; positions 0,2,4,6,8,10,12,14,16,19 → 10 distinct, fewer than 11.
     * i = 11: step 19/10 = 1.9; positions trunc(k*1.9) = 0,1,3,5,7,9,11,13,15,17 and 19
     *         → 0.05 0.15 0.35 0.55 0.75 0.95 1.15 1.35 1.55 1.75 1.95: 11 distinct, stop.
     * Floor all but the last: p = 0 gives 0,0,.. (not distinct); p = 1 gives
     *         0.0 0.1 0.3 0.5 0.7 0.9 1.1 1.3 1.5 1.7, distinct; the last stays 1.95.
     * Bins [0,0.1) [0.1,0.3) [0.3,0.5) ... [1.5,1.7) [1.7,1.95] plus (n/a) = 11 codes.
     */
    @Test
    void handComputedTwentyValues() {
        String[] values = new String[20];
        for (int j = 0; j < 20; j++) {
            values[j] = String.format(java.util.Locale.ROOT, "%.2f", 0.05 + 0.1 * j);
        }
        NumericBinning b = NumericBinning.fit(values, NA);
        assertArrayEquals(new double[] {0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.7, 1.95}, b.breaks());
        assertEquals(11, b.binCount());
        assertEquals(10, b.naCode());
        int[] expected = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9};
        for (int j = 0; j < 20; j++) {
            assertEquals(expected[j], b.code(values[j]), values[j]);
        }
        assertEquals(1, b.code("0.1"), "left-closed");
        assertEquals(2, b.code("0.3"));
        assertEquals(9, b.code("1.95"), "last interval closed");
        assertEquals("[0, 0.1)", b.label(0));
        assertEquals("[1.7, 1.95]", b.label(9));
        assertEquals("(n/a)", b.label(10));
    }

    @Test
    void poolValuesOutsideTheRangeAreClippedToTheEndBins() {
        String[] values = new String[20];
        for (int j = 0; j < 20; j++) {
            values[j] = Integer.toString(10 + j);
        }
        NumericBinning b = NumericBinning.fit(values, NA);
        assertEquals(0, b.code("-1e9"));
        assertEquals(0, b.code("9.99"));
        assertEquals(9, b.code("1e9"));
        assertEquals(9, b.code("29.5"));
    }

    @Test
    void missingAndNonNumbersGoToNa() {
        NumericBinning b = NumericBinning.fit(new String[] {"1", "2", "NA", ""}, NA);
        int na = b.naCode();
        assertEquals(na, b.binCount() - 1);
        assertEquals(na, b.code(""));
        assertEquals(na, b.code("NaN"));
        assertEquals(na, b.code("abc"));
        assertEquals(na, b.code(null));
    }

    @Test
    void atMostTenDistinctValuesOneBinEach() {
        NumericBinning b = NumericBinning.fit(new String[] {"3", "1", "2", "2", "1e+01", "NA"}, NA);
        // distinct 1,2,3,10 → breaks 1,2,3,10,11 → bins {1},{2},{3},{10} + (n/a)
        assertArrayEquals(new double[] {1, 2, 3, 10, 11}, b.breaks());
        assertEquals(5, b.binCount());
        assertEquals(0, b.code("1"));
        assertEquals(1, b.code("2.5"));
        assertEquals(3, b.code("10"));
        assertEquals(3, b.code("100"));
        assertEquals(0, b.code("-5"));
        assertEquals(4, b.code("NA"));
        assertEquals("10", b.label(3));
    }

    @Test
    void fewDistinctDecimalsAreFlooredToo() {
        // breaks 0.5, 1.5, 2.5 (= max + 1): floored at p = 0 → 0, 1, and the last stays 2.5
        NumericBinning b = NumericBinning.fit(new String[] {"0.5", "1.5"}, NA);
        assertArrayEquals(new double[] {0, 1, 2.5}, b.breaks());
    }

    @Test
    void constantColumnHasOneBinPlusNa() {
        NumericBinning b = NumericBinning.fit(new String[] {"7", "7", "7"}, NA);
        assertArrayEquals(new double[] {7, 8}, b.breaks());
        assertEquals(2, b.binCount());
        assertEquals(0, b.code("7"));
        assertEquals(0, b.code("100"));
        assertEquals(1, b.code(""));
    }

    @Test
    void allMissingFallsBackToWideRange() {
        NumericBinning b = NumericBinning.fit(new String[] {"", "NA"}, NA);
        assertEquals(2, b.binCount());
        assertEquals(0, b.code("5"));
        assertEquals(1, b.code(""));
    }

    @Test
    void heavyTiesMakeTheSearchGoOn() {
        // 0..9 once, 100 x19, 200 once (n = 30, 12 distinct). Small i hit 100 at most positions; the first
        // i with 11 distinct cut points is 25 (step 29/24): positions 0,1,2,3,4,6,7,8,9,... → 5 is skipped.
        String[] v = new String[30];
        for (int j = 0; j < 30; j++) {
            v[j] = j < 10 ? Integer.toString(j) : "100";
        }
        v[29] = "200";
        NumericBinning b = NumericBinning.fit(v, NA);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 6, 7, 8, 9, 100, 200}, b.breaks());
        assertEquals(11, b.binCount());
        assertEquals(4, b.code("5"));
    }

    @Test
    void extraNumericNaTokenIsMissing() {
        MissingValues na = NA.withExtra(List.of("-1"));
        NumericBinning b = NumericBinning.fit(new String[] {"-1", "3", "4"}, na);
        assertArrayEquals(new double[] {3, 4, 5}, b.breaks());
        assertEquals(b.naCode(), b.code("-1"));
        assertEquals(0, b.code("-2"));
    }

    @Test
    void booleanTokens() {
        NumericBinning b = NumericBinning.fit(new String[] {"True", "False", "True"}, NA);
        assertArrayEquals(new double[] {0, 1, 2}, b.breaks());
        assertEquals(1, b.code("True"));
        assertEquals(0, b.code("0"));
    }
}
