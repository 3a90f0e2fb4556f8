package dev.issosynth.schema;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * How the cells of one datetime column are written: ISO (the default: {@link IsoDateTimes}, hand-written for speed)
 * or a pattern from the column file ({@code "format": "dd/MM/yyyy"}), a Java {@link DateTimeFormatter} pattern or a
 * Python strftime pattern (any {@code %}: {@code %Y %m %d %H %M %S %y %b %B %I %p %f %%}). Cells keep the user's
 * text everywhere; only parsing (to epoch seconds, UTC) and formatting (generated values) know the pattern.
 * Immutable and thread-safe.
 */
public final class DateFormat {
    /** ISO dates and date-times. */
    public static final DateFormat ISO = new DateFormat(null, null, false);

    /** A sample that every usable pattern must write and read back (every field distinct, hour past noon). */
    private static final LocalDateTime PROBE = LocalDateTime.of(2001, 2, 3, 16, 5, 6, 789_000_000);

    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean hasTime;

    private DateFormat(String pattern, DateTimeFormatter formatter, boolean hasTime) {
        this.pattern = pattern;
        this.formatter = formatter;
        this.hasTime = hasTime;
    }

    /**
     * The format of {@code pattern} (strftime when it holds a {@code %}, else a Java pattern); null or blank is ISO.
     *
     * @throws IllegalArgumentException with a one-line reason when the pattern is malformed, uses an unsupported
     *                                  strftime directive, or cannot read back a full date it wrote
     */
    public static DateFormat of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return ISO;
        }
        String java = pattern.indexOf('%') >= 0 ? fromStrftime(pattern) : pattern;
        DateTimeFormatter f;
        try {
            // STRICT refuses 31/02; the era default lets yyyy (year of era) resolve under STRICT
            f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(java)
                    .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad date format '" + pattern + "': " + e.getMessage(), e);
        }
        DateFormat format = new DateFormat(pattern, f, false);
        String probe;
        try {
            probe = format.format(PROBE);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad date format '" + pattern + "': " + e.getMessage(), e);
        }
        double back = format.parseEpochSeconds(probe);
        if (Double.isNaN(back)) {
            throw new IllegalArgumentException("date format '" + pattern + "' cannot read back what it writes ('"
                    + probe + "'): it needs a year, a month and a day");
        }
        boolean hasTime = Math.floorMod((long) Math.floor(back), 86_400L) != 0;
        return new DateFormat(pattern, f, hasTime);
    }

    /**
     * The Java pattern of a strftime pattern: directives translated, other text quoted.
     *
     * @throws IllegalArgumentException for a directive without a translation
     */
    static String fromStrftime(String p) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch != '%') {
                literal.append(ch);
                continue;
            }
            if (i + 1 == p.length()) {
                throw new IllegalArgumentException("bad date format '" + p + "': a '%' at the end");
            }
            char d = p.charAt(++i);
            if (d == '%') {
                literal.append('%');
                continue;
            }
            String java = switch (d) {
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'm' -> "MM";
                case 'd' -> "dd";
                case 'H' -> "HH";
                case 'I' -> "hh";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'f' -> "SSSSSS";
                case 'p' -> "a";
                case 'b' -> "MMM";
                case 'B' -> "MMMM";
                default -> throw new IllegalArgumentException("bad date format '" + p + "': strftime directive %" + d
                        + " is not supported (%Y %y %m %d %H %I %M %S %f %p %b %B %%)");
            };
            quote(out, literal);
            out.append(java);
        }
        quote(out, literal);
        return out.toString();
    }

    /** Appends pending literal text quoted (a quote doubled), and clears it. */
    private static void quote(StringBuilder out, StringBuilder literal) {
        if (literal.length() > 0) {
            out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }

    public boolean isIso() {
        return formatter == null;
    }

    /** The pattern as the user wrote it; null for ISO. */
    public String pattern() {
        return pattern;
    }

    /** Whether the pattern writes a time of day (false for ISO: its cells decide). */
    public boolean hasTime() {
        return hasTime;
    }

    /** Epoch seconds (UTC, with fraction) of a cell, or NaN when it is not a date in this format. */
    public double parseEpochSeconds(String s) {
        if (formatter == null) {
            return IsoDateTimes.parseEpochSeconds(s);
        }
        if (s == null) {
            return Double.NaN;
        }
        TemporalAccessor t;
        try {
            t = formatter.parse(s.strip());
        } catch (DateTimeException e) {
            return Double.NaN;
        }
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            return Double.NaN;
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        LocalDateTime at = time == null ? date.atStartOfDay() : date.atTime(time);
        ZoneId zone = t.query(TemporalQueries.zone()); // an offset or a region, when the pattern has one
        long seconds = zone == null ? at.toEpochSecond(ZoneOffset.UTC) : at.atZone(zone).toEpochSecond();
        return seconds + at.getNano() / 1e9;
    }

    /**
     * The cell as ISO text ({@code yyyy-MM-dd}, or {@code yyyy-MM-dd HH:mm:ss} when the pattern has a time of day),
     * for a reader that knows only ISO; null when the cell is no date in this format.
     */
    public String isoText(String cell) {
        double t = parseEpochSeconds(cell);
        if (Double.isNaN(t)) {
            return null;
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond((long) Math.floor(t), 0, ZoneOffset.UTC);
        return hasTime ? d.toLocalDate() + " " + ISO_TIME.format(d) : d.toLocalDate().toString();
    }

    /** The text of a date-time in this format (ISO: {@code yyyy-MM-ddTHH:mm:ss}); a zone in the pattern is UTC. */
    public String format(LocalDateTime t) {
        return formatter == null ? t.toString() : formatter.format(ZonedDateTime.of(t, ZoneOffset.UTC));
    }

    @Override
    public String toString() {
        return formatter == null ? "ISO" : pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DateFormat f && java.util.Objects.equals(pattern, f.pattern);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(pattern);
    }
}
