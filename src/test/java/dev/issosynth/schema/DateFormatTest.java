package dev.issosynth.schema;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A column's date format: Java and strftime patterns read and write the dates ISO would, and bad ones are named. */
class DateFormatTest {
    private static double day(int y, int m, int d) {
        return LocalDate.of(y, m, d).toEpochDay() * 86400.0;
    }

    @Test
    void isoIsTheDefaultAndReadsWhatIsoDateTimesReads() {
        assertSame(DateFormat.ISO, DateFormat.of(null));
        assertSame(DateFormat.ISO, DateFormat.of("  "));
        assertTrue(DateFormat.ISO.isIso());
        assertEquals(day(2020, 4, 3), DateFormat.ISO.parseEpochSeconds("2020-04-03"));
        assertEquals(day(2020, 4, 3) + 3600 * 10 + 60 * 30, DateFormat.ISO.parseEpochSeconds("2020-04-03T10:30"));
        assertTrue(Double.isNaN(DateFormat.ISO.parseEpochSeconds("03/04/2020")));
    }

    @Test
    void aJavaPatternReadsDayMonthYearAndRefusesWhatIsNoDateInIt() {
        DateFormat f = DateFormat.of("dd/MM/yyyy");
        assertFalse(f.isIso());
        assertFalse(f.hasTime());
        assertEquals("dd/MM/yyyy", f.pattern());
        assertEquals(day(2020, 4, 3), f.parseEpochSeconds("03/04/2020"), "day first");
        assertEquals(day(2020, 4, 3), f.parseEpochSeconds(" 03/04/2020 "), "surrounding space ignored");
        assertEquals(day(1899, 12, 31), f.parseEpochSeconds("31/12/1899"));
        assertTrue(Double.isNaN(f.parseEpochSeconds("31/02/2020")), "no 31 February");
        assertTrue(Double.isNaN(f.parseEpochSeconds("2020-04-03")), "ISO is not this format");
        assertTrue(Double.isNaN(f.parseEpochSeconds("03/04/20")));
        assertTrue(Double.isNaN(f.parseEpochSeconds("")));
        assertTrue(Double.isNaN(f.parseEpochSeconds(null)));
        assertEquals("03/04/2020", f.format(LocalDateTime.of(2020, 4, 3, 17, 45)), "a date pattern drops the time");
        assertEquals("2020-04-03", f.isoText("03/04/2020"));
        assertNull(f.isoText("x"));
    }

    @Test
    void aPatternWithATimeReadsAndWritesIt() {
        DateFormat f = DateFormat.of("MM/dd/yyyy HH:mm");
        assertTrue(f.hasTime());
        assertEquals(day(2021, 12, 5) + 23 * 3600 + 59 * 60, f.parseEpochSeconds("12/05/2021 23:59"));
        assertEquals("12/05/2021 07:08", f.format(LocalDateTime.of(2021, 12, 5, 7, 8, 9)));
        assertEquals("2021-12-05 23:59:00", f.isoText("12/05/2021 23:59"));
        DateFormat zoned = DateFormat.of("yyyy-MM-dd HH:mm XXX");
        assertEquals(day(2021, 12, 5) + 8 * 3600, zoned.parseEpochSeconds("2021-12-05 10:00 +02:00"), "to UTC");
    }

    @Test
    void strftimePatternsAreTranslated() {
        assertEquals("dd'/'MM'/'yyyy", DateFormat.fromStrftime("%d/%m/%Y"));
        assertEquals("yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'SSSSSS", DateFormat.fromStrftime("%Y-%m-%d %H:%M:%S.%f"));
        assertEquals("hh':'mm' 'a", DateFormat.fromStrftime("%I:%M %p"));
        assertEquals("dd' 'MMM' 'yy", DateFormat.fromStrftime("%d %b %y"));
        assertEquals("MMMM' 'dd', '''yyyy' 100%'", DateFormat.fromStrftime("%B %d, '%Y 100%%"));

        DateFormat f = DateFormat.of("%d/%m/%Y");
        assertEquals("%d/%m/%Y", f.pattern(), "the pattern as the user wrote it");
        assertEquals(day(2020, 4, 3), f.parseEpochSeconds("03/04/2020"));
        assertEquals("03/04/2020", f.format(LocalDateTime.of(2020, 4, 3, 0, 0)));
        DateFormat named = DateFormat.of("%d %b %Y %I:%M %p");
        assertEquals(day(2019, 1, 7) + 13 * 3600 + 5 * 60, named.parseEpochSeconds("07 Jan 2019 01:05 PM"));
        assertEquals(day(2019, 1, 7) + 13 * 3600 + 5 * 60, named.parseEpochSeconds("07 JAN 2019 01:05 pm"),
                "names in any case, as strptime reads them");
        assertEquals("07 Jan 2019 01:05 PM", named.format(LocalDateTime.of(2019, 1, 7, 13, 5)));
        DateFormat month = DateFormat.of("%B %d, %Y");
        assertEquals(day(2019, 9, 30), month.parseEpochSeconds("September 30, 2019"));
        DateFormat fraction = DateFormat.of("%Y%m%d %H%M%S.%f");
        assertEquals(day(2019, 9, 30) + 1 + 0.25, fraction.parseEpochSeconds("20190930 000001.250000"), 1e-6);
        DateFormat shortYear = DateFormat.of("%d.%m.%y");
        assertEquals(day(2024, 2, 29), shortYear.parseEpochSeconds("29.02.24"));
    }

    @Test
    void aPatternThatCannotBeUsedSaysWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DateFormat.of("%d/%m/%Y %j")).getMessage()
                .contains("strftime directive %j is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DateFormat.of("%Y-%m-%")).getMessage()
                .contains("a '%' at the end"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DateFormat.of("dd/MM/yyyy{")).getMessage()
                .startsWith("bad date format 'dd/MM/yyyy{': "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DateFormat.of("HH:mm")).getMessage()
                .contains("it needs a year, a month and a day"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DateFormat.of("MM/yyyy")).getMessage()
                .contains("it needs a year, a month and a day"));
    }

    @Test
    void formatsAreEqualByPattern() {
        assertEquals(DateFormat.of("dd/MM/yyyy"), DateFormat.of("dd/MM/yyyy"));
        assertFalse(DateFormat.of("dd/MM/yyyy").equals(DateFormat.of("MM/dd/yyyy")));
        assertFalse(DateFormat.ISO.equals(DateFormat.of("dd/MM/yyyy")));
    }
}
