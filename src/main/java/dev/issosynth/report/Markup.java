package dev.issosynth.report;

import java.util.Locale;

/** Escaping and number formatting shared by the HTML page and its SVG charts. */
final class Markup {
    private Markup() {
    }

    /** Text safe inside an HTML/SVG element or a double-quoted attribute: escapes {@code & < > " '}. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab/newline are not allowed in XML 1.0: show a replacement
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** At most {@code max} characters, with an ellipsis when cut (the full text goes into a tooltip). */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    /** Fixed-point with {@code decimals} digits, locale-independent; "-" for NaN. */
    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A coordinate: at most one decimal, no trailing ".0" (keeps the SVG small and deterministic). */
    static String px(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** A share as a percentage, e.g. {@code 12.3 %}. */
    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f\u00A0%%", share * 100);
    }

    /** {@code #rrggbb} between two colours, t in [0, 1]. */
    static String mix(int from, int to, double t) {
        t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        int r = channel(from >> 16, to >> 16, t);
        int g = channel(from >> 8, to >> 8, t);
        int bl = channel(from, to, t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    private static int channel(int a, int b, double t) {
        a &= 0xFF;
        b &= 0xFF;
        return (int) Math.round(a + (b - a) * t);
    }
}
