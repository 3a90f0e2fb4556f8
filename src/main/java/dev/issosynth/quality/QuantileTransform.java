package dev.issosynth.quality;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The numeric part of the privacy encoding: scikit-learn's uniform {@code QuantileTransformer} as
 * {@link EmbeddingEncoder} fits and applies it (levels, quantiles of a seeded subsample, numpy's interpolation in
 * both directions).
 */
final class QuantileTransform {
    private QuantileTransform() {
    }

    /** {@code m} evenly spaced levels on [0, 1] as numpy's linspace makes them (the last exactly 1). */
    static double[] levels(int m) {
        double[] l = new double[m];
        if (m == 1) {
            return l;
        }
        double step = 1.0 / (m - 1);
        for (int i = 0; i < m; i++) {
            l[i] = i * step;
        }
        l[m - 1] = 1;
        return l;
    }

    /** At most {@code max} of the values, a seeded draw without replacement (all of them, in order, when fewer). */
    static double[] subsample(double[] v, int max, SplittableRandom rnd) {
        int n = v.length;
        if (n <= max) {
            return v;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] out = new double[max];
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = v[idx[i]];
        }
        return out;
    }

    /**
     * numpy's {@code nanpercentile} (linear method) of the non-missing values at the given levels, made
     * non-decreasing; null when every value is missing.
     */
    static double[] quantiles(double[] values, double[] levels) {
        double[] v = Arrays.stream(values).filter(x -> x == x).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return null;
        }
        double[] q = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            double p = levels[i] * 100 / 100;
            double pos = (n - 1) * p;
            if (pos >= n - 1) {
                q[i] = v[n - 1];
                continue;
            }
            int lo = (int) Math.floor(pos);
            double t = pos - lo;
            double a = v[lo];
            double b = v[lo + 1];
            double diff = b - a;
            q[i] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
        }
        for (int i = 1; i < q.length; i++) {
            q[i] = Math.max(q[i], q[i - 1]);
        }
        return q;
    }

    /**
     * scikit-learn's forward quantile transform of a non-missing value onto [0, 1]: the mean of numpy's
     * {@code interp} upwards and downwards, then exactly 1 at the highest quantile and 0 at the lowest.
     */
    static double transform(double[] q, double[] levels, double x) {
        int m = q.length;
        double y = 0.5 * (interp(x, q, levels, false) - interp(-x, q, levels, true));
        if (x == q[m - 1]) {
            y = 1;
        }
        if (x == q[0]) {
            y = 0;
        }
        return y;
    }

    /**
     * {@link #transform} with one search: strictly inside a segment of distinct quantiles both of its interpolations
     * are that segment's line (equal up to rounding far below the compact cells' step); elsewhere (on a quantile, out
     * of range, in a run of equal ones) the full rule.
     */
    static double transformFast(double[] q, double[] levels, double x) {
        int m = q.length;
        if (m < 2 || !(x > q[0] && x < q[m - 1])) {
            return transform(q, levels, x);
        }
        int lo = 0;
        int hi = m - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (!(q[lo] < x)) {
            return transform(q, levels, x);
        }
        return levels[lo] + (x - q[lo]) * (levels[lo + 1] - levels[lo]) / (q[lo + 1] - q[lo]);
    }

    /**
     * numpy's {@code interp(x, xp, fp)} on ascending xp; {@code negated}: on xp = −q reversed, fp = −levels reversed,
     * without building them.
     */
    private static double interp(double x, double[] q, double[] levels, boolean negated) {
        int m = q.length;
        if (m == 1) {
            return fp(levels, 0, negated); // a single point: its value on both sides
        }
        double first = xp(q, 0, negated);
        double last = xp(q, m - 1, negated);
        if (x < first) {
            return fp(levels, 0, negated);
        }
        if (x >= last) {
            return fp(levels, m - 1, negated);
        }
        // last j with xp[j] <= x (so xp[j] <= x < xp[j + 1])
        int lo = 0;
        int hi = m - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xp(q, mid, negated) <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int j = lo;
        double x0 = xp(q, j, negated);
        double x1 = xp(q, j + 1, negated);
        double f0 = fp(levels, j, negated);
        double f1 = fp(levels, j + 1, negated);
        double slope = (f1 - f0) / (x1 - x0);
        double r = slope * (x - x0) + f0;
        if (r != r) {
            r = slope * (x - x1) + f1;
            if (r != r && f0 == f1) {
                r = f0;
            }
        }
        return r;
    }

    private static double xp(double[] q, int i, boolean negated) {
        return negated ? -q[q.length - 1 - i] : q[i];
    }

    private static double fp(double[] levels, int i, boolean negated) {
        return negated ? -levels[levels.length - 1 - i] : levels[i];
    }
}
