package dev.issosynth.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatetimeBinningTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final double DAY = 86400;

    private static double day(String iso) {
        return LocalDate.parse(iso).toEpochDay() * DAY;
    }

    @Test
    void oneDistinctDateIsOneBin() {
        DatetimeBinning b = DatetimeBinning.fit(new String[] {"2019-05-21", "2019-05-21", ""}, NA);
        assertArrayEquals(new double[] {day("2019-05-21"), day("2019-05-22")}, b.breaks());
        assertEquals(2, b.binCount());
        assertEquals(0, b.code("2030-01-01"));
        assertEquals(1, b.code(""));
        assertEquals(1, b.code("not a date"));
    }

    @Test
    void searchWithoutTheTenValueRuleAndWithoutRounding() {
        // 3 distinct dates: no one-bin-per-value rule; the search (only i = 10 since n + 1 < 11) picks
        // positions 0..2 of the sorted values → breaks = the 3 dates → 2 bins, last one closed.
        DatetimeBinning b = DatetimeBinning.fit(new String[] {"2020-01-01", "2020-01-03", "2020-01-02"}, NA);
        assertArrayEquals(new double[] {day("2020-01-01"), day("2020-01-02"), day("2020-01-03")}, b.breaks());
        assertEquals(3, b.binCount());
        assertEquals(0, b.code("2020-01-01T23:59:59"));
        assertEquals(1, b.code("2020-01-02"));
        assertEquals(1, b.code("2020-01-03 12:00"), "clipped into the closed last bin");
        assertEquals(0, b.code("1999-01-01"));
        assertEquals("[2020-01-01, 2020-01-02)", b.label(0));
    }

    @Test
    void twentyDaysGiveTenBins() {
        // 20 consecutive days; as in the numeric example i = 11 picks positions 0,1,3,...,17,19.
        String[] v = new String[20];
        for (int j = 0; j < 20; j++) {
            v[j] = LocalDate.of(2021, 3, 1).plusDays(j) + " 06:30:00";
        }
        DatetimeBinning b = DatetimeBinning.fit(v, NA);
        double[] br = b.breaks();
        assertEquals(11, br.length);
        assertEquals(day("2021-03-01") + 6.5 * 3600, br[0], "no rounding");
        assertEquals(day("2021-03-02") + 6.5 * 3600, br[1]);
        assertEquals(day("2021-03-20") + 6.5 * 3600, br[10]);
        assertEquals(11, b.binCount());
    }
}
