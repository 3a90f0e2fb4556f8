package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatetimeEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    /** {@code n} consecutive days from 2020-01-01. */
    private static List<String> days(int n) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(START.plusDays(i).toString());
        }
        return v;
    }

    private static ColumnEncoding fit(List<String> v, boolean protect, long seed) {
        return DatetimeEncoding.fit(v.toArray(new String[0]), NA, protect, new SplittableRandom(seed));
    }

    @Test
    void datesRoundTripClippedToProtectedRange() {
        List<String> v = days(400);
        v.addAll(Codes.times("", 5));
        String[] values = v.toArray(new String[0]);
        for (long seed = 0; seed < 5; seed++) {
            DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class, fit(v, true, seed));
            assertEquals(List.of("nan", "year", "month", "day"), NumericEncodingTest.names(e));
            LocalDate lo = LocalDate.ofEpochDay(e.range()[0] / 86400);
            LocalDate hi = LocalDate.ofEpochDay(e.range()[1] / 86400);
            // τ-th (5..7, 0-based) smallest and largest of the 400 days
            assertTrue(!lo.isBefore(START.plusDays(5)) && !lo.isAfter(START.plusDays(7)), lo.toString());
            assertTrue(!hi.isBefore(START.plusDays(399 - 7)) && !hi.isAfter(START.plusDays(399 - 5)), hi.toString());
            String[] out = Codes.roundTrip(e, values, seed);
            for (int r = 0; r < values.length; r++) {
                if (values[r].isEmpty()) {
                    assertEquals("", out[r]);
                } else {
                    LocalDate d = LocalDate.parse(values[r]);
                    LocalDate expected = d.isBefore(lo) ? lo : (d.isAfter(hi) ? hi : d);
                    assertEquals(expected.toString(), out[r]);
                }
            }
        }
        assertArrayEquals(values, Codes.roundTrip(fit(v, false, 1), values, 1));
    }

    @Test
    void everyCodeDecodesToAValidDateInsideTheRangeAndOutlierIsClipped() {
        List<String> v = days(400);
        v.add("2999-12-31");
        DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class, fit(v, true, 2));
        LocalDate lo = LocalDate.ofEpochDay(e.range()[0] / 86400);
        LocalDate hi = LocalDate.ofEpochDay(e.range()[1] / 86400);
        assertTrue(hi.getYear() == 2021, hi.toString());
        for (int[] c : Codes.allowed(e)) {
            String s = e.decode(c, 0, null);
            assertTrue(s.matches("\\d{4}-\\d{2}-\\d{2}"), s);
            LocalDate d = LocalDate.parse(s); // throws on an invalid day such as 02-30
            assertTrue(!d.isBefore(lo) && !d.isAfter(hi), s);
        }
        DatetimeEncoding open = assertInstanceOf(DatetimeEncoding.class, fit(v, false, 2));
        assertEquals(LocalDate.of(2999, 12, 31).toEpochDay() * 86400, open.range()[1]);
    }

    @Test
    void dayIsClampedToTheMonthLeapAware() {
        // 2020-01-01 .. 2021-12-31 without protection: year codes 0/1, month 0..11, day 0..30
        DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class, fit(days(731), false, 1));
        assertEquals(31, e.cardinality(2));
        assertEquals("2020-02-29", e.decode(new int[] {0, 1, 30}, 0, null));
        assertEquals("2021-02-28", e.decode(new int[] {1, 1, 30}, 0, null));
        assertEquals("2021-04-30", e.decode(new int[] {1, 3, 30}, 0, null));
        assertEquals("2021-05-31", e.decode(new int[] {1, 4, 30}, 0, null));
    }

    @Test
    void dateTimesKeepSeparatorAndSecondsPresence() {
        for (String sep : List.of("T", " ")) {
            for (boolean seconds : List.of(true, false)) {
                List<String> v = new ArrayList<>();
                LocalDateTime t = LocalDateTime.of(2021, 3, 4, 5, 6, seconds ? 7 : 0);
                for (int i = 0; i < 50; i++) {
                    LocalDateTime x = t.plusMinutes(37L * i).plusSeconds(seconds ? i : 0);
                    String s = x.toLocalDate() + sep + String.format(java.util.Locale.ROOT, "%02d:%02d",
                            x.getHour(), x.getMinute()) + (seconds
                            ? String.format(java.util.Locale.ROOT, ":%02d", x.getSecond()) : "");
                    v.add(s);
                }
                String[] values = v.toArray(new String[0]);
                ColumnEncoding e = fit(v, false, 1);
                assertEquals(List.of("year", "month", "day", "hour", "minute", "second"),
                        NumericEncodingTest.names(e));
                assertArrayEquals(values, Codes.roundTrip(e, values, 1), "sep '" + sep + "' seconds " + seconds);
            }
        }
    }

    @Test
    void midnightDateTimesHaveNoTimeSubColumnsButKeepTheirFormat() {
        List<String> v = new ArrayList<>();
        for (String d : days(30)) {
            v.add(d + " 00:00:00");
        }
        String[] values = v.toArray(new String[0]);
        ColumnEncoding e = fit(v, true, 1);
        assertEquals(List.of("year", "month", "day"), NumericEncodingTest.names(e));
        for (String s : Codes.roundTrip(e, values, 1)) {
            assertTrue(s.matches("\\d{4}-\\d{2}-\\d{2} 00:00:00"), s);
        }
    }

    @Test
    void fewerThanTwentyDatesAreAllProtected() {
        List<String> v = days(19);
        ColumnEncoding e = fit(v, true, 1);
        assertInstanceOf(ProtectedEncoding.class, e);
        for (String s : Codes.roundTrip(e, v.toArray(new String[0]), 1)) {
            assertEquals("", s);
        }
    }

    @Test
    void datesSpanningThirtyYearsGetADecadeBeforeTheYear() {
        // births 1850..1989 every 7th month, and two missing: the decade is the year code / 10, also where imputed
        List<String> v = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1850, 1, 15); d.getYear() < 1990; d = d.plusMonths(7)) {
            v.add(d.toString());
        }
        v.add("");
        v.add("");
        String[] values = v.toArray(new String[0]);
        DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class, fit(v, false, 3));
        assertEquals(List.of("nan", "decade", "year", "month", "day"), NumericEncodingTest.names(e));
        assertEquals(1989 - 1850 + 1, e.cardinality(2));
        assertEquals((1989 - 1850) / 10 + 1, e.cardinality(1), "14 decades counted from 1850");
        assertEquals(0, e.orderedFrom(1), "decades are ordered");
        int[][] codes = e.encode(values, new SplittableRandom(1));
        for (int r = 0; r < values.length; r++) {
            assertEquals(codes[2][r] / 10, codes[1][r], "row " + r);
            if (!values[r].isEmpty()) {
                assertEquals(LocalDate.parse(values[r]).getYear() - 1850, codes[2][r], "row " + r);
                assertEquals((LocalDate.parse(values[r]).getYear() - 1850) / 10, codes[1][r], "row " + r);
            }
        }
        assertArrayEquals(values, Codes.roundTrip(e, values, 1));
        // the decade is implied by the year: a decade code that disagrees with it does not change the date
        int[] row = {0, 0, 1979 - 1850, 6 - 1, 30 - 1};
        assertEquals("1979-06-30", e.decode(row, 0, new SplittableRandom(1)));
        // 29 years: no decade
        List<String> short29 = List.of("1950-01-01", "1979-12-31", "1960-05-05");
        assertEquals(List.of("year", "month", "day"), NumericEncodingTest.names(fit(short29, false, 1)));
        List<String> long30 = List.of("1950-01-01", "1980-12-31", "1960-05-05");
        assertEquals(List.of("decade", "year", "month", "day"), NumericEncodingTest.names(fit(long30, false, 1)));
    }

    @Test
    void aFormattedColumnIsReadAndWrittenInItsFormat() throws Exception {
        DateFormat format = DateFormat.of("%d/%m/%Y %H:%M");
        java.time.format.DateTimeFormatter writer = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            v.add(writer.format(LocalDateTime.of(2019, 11, 20, 8, 15).plusMinutes(997L * i)));
        }
        v.addAll(Codes.times("", 3));
        String[] values = v.toArray(new String[0]);
        DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class,
                DatetimeEncoding.fit(values, NA, format, false, new SplittableRandom(1)));
        assertEquals(List.of("nan", "year", "month", "day", "hour", "minute", "second"), NumericEncodingTest.names(e));
        assertArrayEquals(values, Codes.roundTrip(e, values, 1), "unprotected: every value back as written");
        for (int[] c : Codes.allowed(e)) {
            String s = e.decode(c, 0, null);
            assertTrue(s.isEmpty() || s.matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"), s);
            assertTrue(s.isEmpty() || !Double.isNaN(format.parseEpochSeconds(s)), s);
        }
        // its model file entry has its own tag and keeps the pattern; an ISO column's entry is as before
        assertEquals(DatetimeEncoding.TAG_FORMATTED, Codes.modelFileBytes(e)[0]);
        assertEquals(DatetimeEncoding.TAG, Codes.modelFileBytes(fit(days(40), false, 1))[0]);
        DatetimeEncoding back = Codes.viaModelFile(e);
        assertArrayEquals(values, Codes.roundTrip(back, values, 1));
        assertArrayEquals(e.encode(values, new SplittableRandom(2)), back.encode(values, new SplittableRandom(2)));
    }

    /** An entry as model files of earlier versions hold it (tag 5, no pattern), written field by field. */
    @Test
    void anIsoEntryInTheEarlierLayoutStillReads() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        BinaryWriter out = new BinaryWriter(new java.io.DataOutputStream(bytes));
        out.writeByte(5);
        out.writeStrings(List.of("NA", "?"));
        out.writeBoolean(true); // hasNull
        out.writeBoolean(false); // no decade
        out.writeInts(new int[] {2020, 1, 1});
        out.writeInts(new int[] {2021, 12, 31});
        out.writeLong(LocalDate.of(2020, 1, 1).toEpochDay() * 86400);
        out.writeLong(LocalDate.of(2021, 12, 31).toEpochDay() * 86400);
        out.writeBoolean(true); // dateOnly
        out.writeChar('T');
        out.writeBoolean(false); // seconds
        BinaryReader in = new BinaryReader(bytes.toByteArray());
        DatetimeEncoding e = assertInstanceOf(DatetimeEncoding.class, Encodings.readEncoding(in));
        assertEquals(0, in.remaining());
        assertEquals(List.of("nan", "year", "month", "day"), NumericEncodingTest.names(e));
        assertEquals("2021-03-04", e.decode(new int[] {0, 1, 2, 3}, 0, null));
        assertEquals("", e.decode(new int[] {1, 0, 0, 0}, 0, null));
        // "?" is missing (its tokens were read): nan 1, the parts imputed with the one present row's
        assertArrayEquals(new int[][] {{0, 1}, {1, 1}, {11, 11}, {30, 30}}, e.encode(new String[] {"2021-12-31", "?"},
                new SplittableRandom(1)));
    }
}
