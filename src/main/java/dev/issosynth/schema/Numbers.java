package dev.issosynth.schema;

/**
 * Strict, fast decimal number parsing: {@code 12}, {@code -3.5}, {@code .5}, {@code 1e+05}, {@code -3.5E-2},
 * leading {@code +}, surrounding white space. Not {@code inf}, {@code nan}, hex or {@code 1,000}.
 */
public final class Numbers {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Numbers() {
    }

    /** The value, or NaN if {@code s} is not a plain decimal number. */
    public static double parse(String s) {
        // One long method on purpose: one pass over the characters for every cell binned, NaN without an
        // exception, Double.parseDouble only where the fast path below cannot be exact.
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
        if (i == end) {
            return Double.NaN;
        }
        int start = i;
        boolean negative = false;
        char ch = s.charAt(i);
        if (ch == '+' || ch == '-') {
            negative = ch == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0; // digits after leading zeros, counted to know when the fast path is exact
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        for (; i < end; i++) {
            ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits++;
                if (dot) {
                    fraction++;
                }
                if (significant > 0 || ch != '0') {
                    significant++;
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + (ch - '0');
                    }
                }
            } else if (ch == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end) {
            ch = s.charAt(i);
            if (ch != 'e' && ch != 'E') {
                return Double.NaN;
            }
            i++;
            boolean expNegative = false;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            if (i == end) {
                return Double.NaN;
            }
            for (; i < end; i++) {
                ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    return Double.NaN;
                }
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (ch - '0');
                }
            }
            if (expNegative) {
                exponent = -exponent;
            }
        }
        int scale = exponent - fraction;
        // Fast path: an exact mantissa (< 2^53) times or divided by an exact power of ten is one correctly
        // rounded operation, so it equals Double.parseDouble.
        if (significant <= 15 && scale >= -22 && scale <= 22) {
            double v = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
            return negative ? -v : v;
        }
        return Double.parseDouble(s.substring(start, end));
    }

    /** {@code True}/{@code False} (as pandas reads booleans: 1/0), else NaN. */
    public static double parseBoolean(String s) {
        switch (s == null ? "" : s.strip()) {
            case "True": case "TRUE": case "true":
                return 1;
            case "False": case "FALSE": case "false":
                return 0;
            default:
                return Double.NaN;
        }
    }
}
