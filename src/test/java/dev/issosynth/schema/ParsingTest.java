package dev.issosynth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers, IsoDateTimes and MissingValues. */
class ParsingTest {
    @Test
    void numbersAcceptPlainDecimals() {
        assertEquals(12.0, Numbers.parse("12"));
        assertEquals(-3.5, Numbers.parse("-3.5"));
        assertEquals(0.5, Numbers.parse(".5"));
        assertEquals(1.0, Numbers.parse("1."));
        assertEquals(7.0, Numbers.parse("+7"));
        assertEquals(100000.0, Numbers.parse("1e+05"));
        assertEquals(-0.035, Numbers.parse("-3.5E-2"));
        assertEquals(42.0, Numbers.parse(" 42 "));
        assertEquals(0.1, Numbers.parse("0.1"));
        assertEquals(0.3, Numbers.parse("0.30"));
        assertEquals(123456789.123456789, Numbers.parse("123456789.123456789"));
        assertEquals(1.7976931348623157E308, Numbers.parse("1.7976931348623157E308"));
    }

    @Test
    void fastPathAgreesWithParseDouble() {
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 20000; i++) {
            String s = (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(1_000_000) + "." + rnd.nextInt(100000)
                    + (rnd.nextInt(4) == 0 ? "e" + (rnd.nextInt(40) - 20) : "");
            assertEquals(Double.parseDouble(s), Numbers.parse(s), s);
        }
    }

    @Test
    void numbersRejectOtherText() {
        for (String s : new String[] {"", " ", "inf", "-inf", "Infinity", "NaN", "nan", "0x1F", "1,000", "1e",
            "e5", ".", "-", "+", "1.2.3", "704616e4x", "a1b2c3d4", "12abc", "1_000", "1d", "1f", "True"}) {
            assertTrue(Double.isNaN(Numbers.parse(s)), s);
        }
        assertEquals(7.04616e9, Numbers.parse("704616e4"), "on its own a hex id can look numeric");
    }

    @Test
    void booleans() {
        assertEquals(1.0, Numbers.parseBoolean("True"));
        assertEquals(0.0, Numbers.parseBoolean("false"));
        assertTrue(Double.isNaN(Numbers.parseBoolean("yes")));
    }

    @Test
    void isoDatesAndDateTimes() {
        assertEquals(0.0, IsoDateTimes.parseEpochSeconds("1970-01-01"));
        assertEquals(86400.0, IsoDateTimes.parseEpochSeconds("1970-01-02"));
        assertEquals(1562544000.0, IsoDateTimes.parseEpochSeconds("2019-07-08"));
        assertEquals(-4716489600.0, IsoDateTimes.parseEpochSeconds("1820-07-17"));
        assertEquals(3723.0, IsoDateTimes.parseEpochSeconds("1970-01-01T01:02:03"));
        assertEquals(3723.0, IsoDateTimes.parseEpochSeconds("1970-01-01 01:02:03"));
        assertEquals(3720.0, IsoDateTimes.parseEpochSeconds("1970-01-01 01:02"));
        assertEquals(3723.25, IsoDateTimes.parseEpochSeconds("1970-01-01T01:02:03.25"), 1e-9);
        assertEquals(3723.0, IsoDateTimes.parseEpochSeconds("1970-01-01T01:02:03Z"));
        assertEquals(0.0, IsoDateTimes.parseEpochSeconds("1970-01-01T01:00:00+01:00"));
        assertEquals(7200.0, IsoDateTimes.parseEpochSeconds("1970-01-01T00:30:00-0130"));
    }

    @Test
    void notIsoDates() {
        for (String s : new String[] {"2019-02-30", "2019-13-01", "2019/01/01", "01.02.2019", "2019-1-1",
            "2019-01-01T25:00", "2019-01-01T10", "2019-01-01X", "20190101", "2019-01-01T10:00:61", "", "NA"}) {
            assertTrue(Double.isNaN(IsoDateTimes.parseEpochSeconds(s)), s);
        }
    }

    @Test
    void missingValueDefaultsAreWhatPandasReadsAsNa() {
        MissingValues na = MissingValues.defaults();
        for (String s : new String[] {null, "", "  ", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None",
            "#N/A", "<NA>", "-NaN", "-nan", "#NA", "1.#QNAN", "-1.#IND", " NA "}) {
            assertTrue(na.isMissing(s), String.valueOf(s));
        }
        for (String s : new String[] {"?", "0", "none", "na", "Na", "-"}) {
            assertTrue(!na.isMissing(s), s);
        }
        assertTrue(!na.hasParsableToken());
    }

    @Test
    void extraTokens() {
        MissingValues na = MissingValues.defaults().withExtra(List.of("?", " -1 "));
        assertTrue(na.isMissing("?"));
        assertTrue(na.isMissing("-1"));
        assertTrue(na.isMissing("NA"), "defaults kept");
        assertTrue(na.hasParsableToken());
        assertTrue(!MissingValues.defaults().isMissing("?"), "defaults unchanged");
    }
}
