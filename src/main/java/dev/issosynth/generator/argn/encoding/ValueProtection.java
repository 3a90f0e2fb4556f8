package dev.issosynth.generator.argn.encoding;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The engine's value protection: the stochastic rare threshold and the protected min/max. */
public final class ValueProtection {
    /** At most this many extreme values are looked at for min and max each. */
    static final int MIN_MAX_TOP_N = 1000;
    /** Fewer non-missing values than this: every value is protected (no min/max is released). */
    static final int MIN_MAX_MIN_VALUES = 20;

    private ValueProtection() {
    }

    /** {@code 5 + floor(3U)}, U uniform in [0,1): 5, 6 or 7; drawn anew at every use. */
    public static int rareThreshold(SplittableRandom rng) {
        return 5 + (int) Math.floor(3 * rng.nextDouble());
    }

    /**
     * {@code {min, max}} of the values (NaN ignored). With protection: the value at 0-based index τ among the
     * (at most 1,000) smallest, likewise for the largest, each with its own τ; {@code null} if there are fewer
     * than 20 values (everything protected). Without protection: the true min/max ({@code null} if no values).
     */
    public static double[] range(double[] values, boolean valueProtection, SplittableRandom rng) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return null;
        }
        if (!valueProtection) {
            return new double[] {v[0], v[n - 1]};
        }
        if (n < MIN_MAX_MIN_VALUES) {
            return null;
        }
        // τ ≤ 7 < 20 ≤ n, and τ < 1,000, so the index lies inside the 1,000 extremes.
        int lo = rareThreshold(rng);
        int hi = rareThreshold(rng);
        return new double[] {v[lo], v[n - 1 - hi]};
    }
}
