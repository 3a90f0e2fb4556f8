package dev.issosynth.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Datetime bins as the metric fits them: the greedy order-statistic cut points on the timestamps (no
 * per-value rule, no rounding); one distinct value → one bin of one day.
 */
public final class DatetimeBinning extends IntervalBinning {
    private static final double DAY = 86400;

    private final DateFormat format;

    private DatetimeBinning(double[] breaks, MissingValues na, String[] labels, DateFormat format) {
        super(breaks, na, labels);
        this.format = format;
    }

    /** Fits on reference cells; missing cells and text that is not an ISO date(-time) are ignored. */
    public static DatetimeBinning fit(String[] referenceValues, MissingValues na) {
        return fit(referenceValues, na, DateFormat.ISO);
    }

    /**
     * As {@link #fit(String[], MissingValues)} for cells written in {@code format}; the bins (and their ISO labels)
     * are those of the same dates written in ISO.
     */
    public static DatetimeBinning fit(String[] referenceValues, MissingValues na, DateFormat format) {
        // a token may be a date in the column's own format ("01/01/1900"), which hasParsableToken cannot know
        double[] sorted = sortedValues(referenceValues, format::parseEpochSeconds, na,
                na.hasParsableToken() || !format.isIso());
        double[] distinct = distinctSorted(sorted);
        double[] breaks;
        if (distinct.length == 0) {
            // the metric's fallback: 1700-01-01 .. 2200-01-01
            breaks = new double[] {-8_520_336_000.0, 7_258_118_400.0};
        } else if (distinct.length == 1) {
            breaks = new double[] {distinct[0], distinct[0] + DAY};
        } else {
            breaks = searchBreaks(sorted);
        }
        boolean dates = true;
        for (double b : breaks) {
            dates &= b % DAY == 0;
        }
        String[] labels = new String[breaks.length - 1];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = "[" + format(breaks[k], dates) + ", " + format(breaks[k + 1], dates)
                    + (k == labels.length - 1 ? "]" : ")");
        }
        return new DatetimeBinning(breaks, na, labels, format);
    }

    private static String format(double epochSeconds, boolean dateOnly) {
        long s = (long) Math.floor(epochSeconds);
        int nanos = (int) Math.round((epochSeconds - s) * 1e9);
        Instant t = Instant.ofEpochSecond(s, Math.min(nanos, 999_999_999));
        return (dateOnly ? DateTimeFormatter.ISO_LOCAL_DATE : DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .format(t.atOffset(ZoneOffset.UTC));
    }

    @Override
    double parse(String cell) {
        return format.parseEpochSeconds(cell);
    }

    @Override
    boolean tokensParse() {
        return na.hasParsableToken() || !format.isIso();
    }

    @Override
    public ColumnType type() {
        return ColumnType.DATETIME;
    }
}
