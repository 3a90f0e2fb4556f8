package dev.issosynth.generator.argn.encoding;

import java.util.Locale;

/**
 * Positions as quadtree keys: latitude and longitude in steps of 1e-5 degree (about a metre), shifted to be
 * non-negative, each {@value #BITS} bits, interleaved from the most significant bit into {@value #BITS} base-4 digits
 * (digit = 2 · latitude bit + longitude bit). A prefix of k digits names a cell of the map; one more digit splits it
 * in four. So nearby places share long prefixes, and a model that writes the digits one after the other draws first
 * the region, then the district, then the street.
 */
final class QuadKeys {
    /** Bits per coordinate: 180e5 and 360e5 steps both fit in 2^26. */
    static final int BITS = 26;
    static final double STEPS_PER_DEGREE = 1e5;
    /** Decimals of a degree that the steps resolve. */
    static final int MAX_DECIMALS = 5;

    private QuadKeys() {
    }

    /** The key of a position, or -1 if it is not on the globe (NaN, |lat| > 90, |long| > 180). */
    static long key(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return -1;
        }
        long y = Math.round((lat + 90) * STEPS_PER_DEGREE);
        long x = Math.round((lon + 180) * STEPS_PER_DEGREE);
        long key = 0;
        for (int b = BITS - 1; b >= 0; b--) {
            key = (key << 2) | (((y >>> b) & 1) << 1) | ((x >>> b) & 1);
        }
        return key;
    }

    /** Digit {@code p} (0 = the coarsest) of a key. */
    static int digit(long key, int p) {
        return (int) ((key >>> (2 * (BITS - 1 - p))) & 3);
    }

    /** The first {@code k} digits of a key: the cell of level k. */
    static long prefix(long key, int k) {
        return k == 0 ? 0 : key >>> (2 * (BITS - k));
    }

    /** Latitude in degrees of a key. */
    static double latitude(long key) {
        return Math.min(90, coordinate(key, 1) / STEPS_PER_DEGREE - 90);
    }

    /** Longitude in degrees of a key. */
    static double longitude(long key) {
        return Math.min(180, coordinate(key, 0) / STEPS_PER_DEGREE - 180);
    }

    private static long coordinate(long key, int shift) {
        long v = 0;
        for (int b = BITS - 1; b >= 0; b--) {
            v = (v << 1) | ((key >>> (2 * b + shift)) & 1);
        }
        return v;
    }

    /** Digits after the decimal point of a number's text, at most {@value #MAX_DECIMALS}. */
    static int decimals(String number) {
        String s = number.strip();
        int dot = s.indexOf('.');
        if (dot < 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return 0;
        }
        int d = 0;
        while (dot + 1 + d < s.length() && Character.isDigit(s.charAt(dot + 1 + d))) {
            d++;
        }
        return Math.min(MAX_DECIMALS, d);
    }

    /** A coordinate with this many decimals (locale-independent). */
    static String format(double degrees, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", degrees);
        return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
    }
}
