package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DATETIME: sub-columns {@code nan} (if missing values occurred), {@code decade} (if the years span at least
 * {@link #DECADE_MIN_YEARS}), {@code year}, {@code month}, {@code day}, and {@code hour}, {@code minute},
 * {@code second} if any training value has a time of day other than midnight. Each part is encoded as part − (its
 * smallest value), clamped to the observed range; the year range comes from the protected min/max. The decade is
 * (year code) / 10, decoded from the year alone: it gives the heads after it a coarse era of ~10 codes, learnt from
 * ten times the rows of a year code (baseball's birth and death dates over 180 years: the era decides missing
 * weights, heights and death dates, which a model seeing only year codes blurred; bench/argn_quality.md). Values
 * are clipped to the protected [min, max] before encoding and after decoding; on decoding the day is clamped to the
 * month's length (leap years included).
 *
 * <p>Values are read as ISO dates/date-times; a zone or offset is applied (UTC), fractions of a second are
 * dropped (the engine's millisecond sub-columns are not implemented). Output keeps the training format: a date
 * column gives {@code yyyy-MM-dd}; a date-time column gives {@code yyyy-MM-dd}, its separator ({@code T} or
 * space, as in the first date-time cell), {@code HH:mm}, and {@code :ss} if any training cell had seconds.
 *
 * <p>A column declared with a date format ({@link DateFormat}, e.g. {@code dd/MM/yyyy}) is read in that format and
 * written back in it, so the pool looks like the training file; its model file entry has its own tag
 * ({@link #TAG_FORMATTED}), so files of ISO columns stay as they were.
 */
public final class DatetimeEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 5;
    /** Model file type tag of a column with a date format: the pattern (string), then the fields of {@link #TAG}. */
    static final byte TAG_FORMATTED = 9;

    private static final String[] PARTS = {"year", "month", "day", "hour", "minute", "second"};
    /** Years from the smallest to the largest (protected) year from which a decade sub-column precedes the year. */
    static final int DECADE_MIN_YEARS = 30;
    /** The values each part can take, which a model file is checked against. */
    private static final int[] PART_MIN = {Year.MIN_VALUE, 1, 1, 0, 0, 0};
    private static final int[] PART_MAX = {Year.MAX_VALUE, 12, 31, 23, 59, 59};

    private final boolean hasNull;
    private final int decade; // 1 with a decade sub-column, else 0
    private final int parts; // 3 or 6
    private final int[] pmin;
    private final int[] pmax;
    private final long lo;
    private final long hi;
    private final boolean dateOnly;
    private final char separator;
    private final boolean seconds;
    private final MissingValues na;
    private final DateFormat dateFormat;
    private final List<String> names = new ArrayList<>();

    private DatetimeEncoding(boolean hasNull, boolean decade, int parts, int[] pmin, int[] pmax, long lo, long hi,
            boolean dateOnly, char separator, boolean seconds, MissingValues na, DateFormat dateFormat) {
        this.hasNull = hasNull;
        this.decade = decade ? 1 : 0;
        this.parts = parts;
        this.pmin = pmin;
        this.pmax = pmax;
        this.lo = lo;
        this.hi = hi;
        this.dateOnly = dateOnly;
        this.separator = separator;
        this.seconds = seconds;
        this.na = na;
        this.dateFormat = dateFormat;
        if (hasNull) {
            names.add("nan");
        }
        if (decade) {
            names.add("decade");
        }
        for (int k = 0; k < parts; k++) {
            names.add(PARTS[k]);
        }
    }

    /** A {@link DatetimeEncoding}, or a {@link ProtectedEncoding} if value protection releases no min/max. */
    public static ColumnEncoding fit(String[] values, MissingValues na, boolean valueProtection,
            SplittableRandom rng) {
        return fit(values, na, DateFormat.ISO, valueProtection, rng);
    }

    /** As {@link #fit(String[], MissingValues, boolean, SplittableRandom)} for cells written in {@code format}. */
    public static ColumnEncoding fit(String[] values, MissingValues na, DateFormat format, boolean valueProtection,
            SplittableRandom rng) {
        int n = values.length;
        double[] t = epochSeconds(values, na, format);
        boolean hasNull = false;
        boolean dateOnly = true;
        boolean secs = false;
        boolean anyTime = false;
        char sep = 'T';
        boolean sepSeen = false;
        for (int r = 0; r < n; r++) {
            if (Double.isNaN(t[r])) {
                hasNull = true;
                continue;
            }
            String s = values[r].strip();
            if (s.length() > 10) {
                dateOnly = false;
                if (!sepSeen) {
                    sep = s.charAt(10);
                    sepSeen = true;
                }
                secs |= s.length() >= 19 && s.charAt(16) == ':';
            }
            anyTime |= Math.floorMod((long) Math.floor(t[r]), 86400L) != 0;
        }
        double[] range = ValueProtection.range(t, valueProtection, rng);
        if (range == null) {
            return new ProtectedEncoding("year");
        }
        long lo = (long) Math.floor(range[0]);
        long hi = (long) Math.floor(range[1]);
        int parts = anyTime ? 6 : 3;
        int[] pmin = new int[parts];
        int[] pmax = new int[parts];
        java.util.Arrays.fill(pmin, Integer.MAX_VALUE);
        java.util.Arrays.fill(pmax, Integer.MIN_VALUE);
        for (int r = 0; r < n; r++) {
            if (!Double.isNaN(t[r])) {
                int[] p = parts(clip((long) Math.floor(t[r]), lo, hi));
                for (int k = 0; k < parts; k++) {
                    pmin[k] = Math.min(pmin[k], p[k]);
                    pmax[k] = Math.max(pmax[k], p[k]);
                }
            }
        }
        pmin[0] = parts(lo)[0];
        pmax[0] = parts(hi)[0];
        boolean decade = pmax[0] - pmin[0] >= DECADE_MIN_YEARS;
        return new DatetimeEncoding(hasNull, decade, parts, pmin, pmax, lo, hi, dateOnly, sep, secs, na, format);
    }

    /**
     * Tag, missing-value tokens, hasNull (boolean), decade (boolean), per part (3: date, 6: date and time) its
     * smallest and largest value (ints each), lo and hi (epoch seconds, longs), dateOnly (boolean), separator
     * (char), seconds (boolean). A column with a date format: {@link #TAG_FORMATTED}, the pattern (string), then
     * the same fields after the tag.
     */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        if (dateFormat.isIso()) {
            out.writeByte(TAG);
        } else {
            out.writeByte(TAG_FORMATTED);
            out.writeString(dateFormat.pattern());
        }
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeBoolean(decade == 1);
        out.writeInts(pmin);
        out.writeInts(pmax);
        out.writeLong(lo);
        out.writeLong(hi);
        out.writeBoolean(dateOnly);
        out.writeChar(separator);
        out.writeBoolean(seconds);
    }

    /** Reads what {@link #writeTo} wrote after {@link #TAG_FORMATTED}. */
    static DatetimeEncoding readFormatted(BinaryReader in) throws CorruptDataException {
        String pattern = in.readString();
        DateFormat format;
        try {
            format = DateFormat.of(pattern);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("bad date format");
        }
        BinaryReader.require(!format.isIso(), "bad date format");
        return readFrom(in, format);
    }

    /** Reads what {@link #writeTo} wrote after {@link #TAG}. */
    static DatetimeEncoding readFrom(BinaryReader in) throws CorruptDataException {
        return readFrom(in, DateFormat.ISO);
    }

    private static DatetimeEncoding readFrom(BinaryReader in, DateFormat format) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        boolean decade = in.readBoolean();
        int[] pmin = in.readInts();
        int[] pmax = in.readInts();
        int parts = pmin.length;
        BinaryReader.require((parts == 3 || parts == 6) && pmax.length == parts, "bad date part count");
        for (int k = 0; k < parts; k++) {
            BinaryReader.require(PART_MIN[k] <= pmin[k] && pmin[k] <= pmax[k] && pmax[k] <= PART_MAX[k],
                    "bad " + PARTS[k] + " range");
        }
        long lo = in.readLong();
        long hi = in.readLong();
        BinaryReader.require(LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC) <= lo && lo <= hi
                && hi <= LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC), "bad date range");
        boolean dateOnly = in.readBoolean();
        char separator = in.readChar();
        return new DatetimeEncoding(hasNull, decade, parts, pmin, pmax, lo, hi, dateOnly, separator, in.readBoolean(),
                na, format);
    }

    private static double[] epochSeconds(String[] values, MissingValues na, DateFormat format) {
        double[] t = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            t[r] = na.isMissing(values[r]) ? Double.NaN : format.parseEpochSeconds(values[r]);
        }
        return t;
    }

    private static long clip(long v, long lo, long hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    private static int[] parts(long epochSecond) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute(),
            d.getSecond()};
    }

    /** The protected {@code {min, max}} in epoch seconds. */
    public long[] range() {
        return new long[] {lo, hi};
    }

    @Override
    public String kind() {
        return "datetime";
    }

    @Override
    public int subColumns() {
        return names.size();
    }

    @Override
    public int orderedFrom(int s) {
        return "nan".equals(names.get(s)) ? -1 : 0; // parts are encoded as part − min
    }

    @Override
    public String subColumnName(int s) {
        return names.get(s);
    }

    @Override
    public int cardinality(int s) {
        names.get(s);
        int k = s - (hasNull ? 1 : 0) - decade;
        if (k == -1 && decade == 1) {
            return (pmax[0] - pmin[0]) / 10 + 1;
        }
        return k < 0 ? 2 : pmax[k] - pmin[k] + 1;
    }

    @Override
    public int[][] encode(String[] values, SplittableRandom rng) {
        int n = values.length;
        double[] t = epochSeconds(values, na, dateFormat);
        boolean[] present = new boolean[n];
        int[][] codes = new int[subColumns()][n];
        int off = (hasNull ? 1 : 0) + decade; // the first part (year)
        for (int r = 0; r < n; r++) {
            if (Double.isNaN(t[r])) {
                if (hasNull) {
                    codes[0][r] = 1;
                }
                continue;
            }
            present[r] = true;
            int[] p = parts(clip((long) Math.floor(t[r]), lo, hi));
            for (int k = 0; k < parts; k++) {
                codes[off + k][r] = Math.max(0, Math.min(pmax[k] - pmin[k], p[k] - pmin[k]));
            }
        }
        Imputation.impute(codes, present, off, rng);
        if (decade == 1) {
            for (int r = 0; r < n; r++) {
                codes[off - 1][r] = codes[off][r] / 10; // after imputation: a missing row's decade is its year's
            }
        }
        return codes;
    }

    @Override
    public String decode(int[] c, int offset, SplittableRandom rng) {
        if (hasNull && c[offset] == 1) {
            return "";
        }
        int off = offset + (hasNull ? 1 : 0) + decade; // the decade is implied by the year
        int[] p = new int[6];
        for (int k = 0; k < parts; k++) {
            p[k] = c[off + k] + pmin[k];
        }
        int month = Math.max(1, Math.min(12, p[1]));
        int day = Math.max(1, Math.min(YearMonth.of(p[0], month).lengthOfMonth(), p[2]));
        LocalDateTime d = LocalDateTime.of(p[0], month, day, Math.min(23, p[3]), Math.min(59, p[4]),
                Math.min(59, p[5]));
        long e = clip(d.toEpochSecond(ZoneOffset.UTC), lo, hi);
        LocalDateTime t = LocalDateTime.ofEpochSecond(e, 0, ZoneOffset.UTC);
        return dateFormat.isIso() ? format(t) : dateFormat.format(t);
    }

    private String format(LocalDateTime d) {
        StringBuilder b = new StringBuilder(19);
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2);
        if (!dateOnly) {
            b.append(separator);
            pad(b, d.getHour(), 2).append(':');
            pad(b, d.getMinute(), 2);
            if (seconds) {
                b.append(':');
                pad(b, d.getSecond(), 2);
            }
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    @Override
    public boolean suppressed(int s, int code) {
        names.get(s);
        return false;
    }
}
