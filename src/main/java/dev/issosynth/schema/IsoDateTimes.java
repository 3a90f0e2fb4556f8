package dev.issosynth.schema;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses ISO dates {@code yyyy-MM-dd} and date-times {@code yyyy-MM-dd[T ]HH:mm[:ss[.fraction]]} with an
 * optional {@code Z} or offset ({@code +HH}, {@code +HHMM}, {@code +HH:MM}) to epoch seconds (UTC).
 * Hand-written because it runs on every pool cell of a datetime column.
 */
public final class IsoDateTimes {
    private IsoDateTimes() {
    }

    /** Epoch seconds (with fraction), or NaN if {@code s} is not an ISO date or date-time. */
    public static double parseEpochSeconds(String s) {
        // One long method on purpose: a single pass over the characters, no allocation, run for every cell binned.
        if (s == null) {
            return Double.NaN;
        }
        int end = s.length();
        int i = 0;
        while (i < end && s.charAt(i) <= ' ') {
            i++;
        }
        while (end > i && s.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - i < 10 || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-') {
            return Double.NaN;
        }
        int year = digits(s, i, 4);
        int month = digits(s, i + 5, 2);
        int day = digits(s, i + 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return Double.NaN;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Double.NaN;
        }
        double seconds = epochDay * 86400.0;
        i += 10;
        if (i == end) {
            return seconds;
        }
        char sep = s.charAt(i);
        if ((sep != 'T' && sep != ' ') || end - i < 6 || s.charAt(i + 3) != ':') {
            return Double.NaN;
        }
        int hour = digits(s, i + 1, 2);
        int minute = digits(s, i + 4, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return Double.NaN;
        }
        double time = hour * 3600 + minute * 60;
        i += 6;
        if (i < end && s.charAt(i) == ':') {
            int second = end - i >= 3 ? digits(s, i + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return Double.NaN;
            }
            time += second;
            i += 3;
            if (i < end && s.charAt(i) == '.') {
                i++;
                int from = i;
                double scale = 0.1;
                double frac = 0;
                while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    frac += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == from) {
                    return Double.NaN;
                }
                time += frac;
            }
        }
        if (i < end) {
            char z = s.charAt(i);
            if (z == 'Z' && i + 1 == end) {
                i++;
            } else if (z == '+' || z == '-') {
                int offset = offsetSeconds(s, i + 1, end);
                if (offset < 0) {
                    return Double.NaN;
                }
                time -= z == '+' ? offset : -offset;
                i = end;
            } else {
                return Double.NaN;
            }
        }
        return seconds + time;
    }

    /** {@code HH}, {@code HHMM} or {@code HH:MM} from {@code from} to {@code end}; -1 if malformed. */
    private static int offsetSeconds(String s, int from, int end) {
        int len = end - from;
        int h = len >= 2 ? digits(s, from, 2) : -1;
        int m;
        if (len == 2) {
            m = 0;
        } else if (len == 4) {
            m = digits(s, from + 2, 2);
        } else if (len == 5 && s.charAt(from + 2) == ':') {
            m = digits(s, from + 3, 2);
        } else {
            return -1;
        }
        if (h < 0 || h > 23 || m < 0 || m > 59) {
            return -1;
        }
        return h * 3600 + m * 60;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char ch = s.charAt(k);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
