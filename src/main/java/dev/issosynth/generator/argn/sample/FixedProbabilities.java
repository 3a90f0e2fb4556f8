package dev.issosynth.generator.argn.sample;

import java.util.Arrays;

/**
 * Fixed-probability overrides for one sub-column: each listed code gets exactly the given probability, the other
 * codes share {@code 1 − Σfixed} in proportion to the model's (tempered, nucleus-filtered) probabilities. Probability
 * 0 means "never drawn" (used for {@code _RARE_}, {@code <<UNK>>} and imputed NULL codes). Immutable.
 */
public final class FixedProbabilities {
    private static final double SUM_TOLERANCE = 1e-9;

    private final int[] codes;
    private final double[] probs;
    private final double sum;

    private FixedProbabilities(int[] codes, double[] probs) {
        if (codes.length != probs.length) {
            throw new IllegalArgumentException("codes and probabilities differ in length");
        }
        double s = 0;
        int[] sorted = codes.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) {
                throw new IllegalArgumentException("negative code: " + sorted[i]);
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("code listed twice: " + sorted[i]);
            }
        }
        for (double p : probs) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability outside [0,1]: " + p);
            }
            s += p;
        }
        if (s > 1 + SUM_TOLERANCE) {
            throw new IllegalArgumentException("fixed probabilities sum to more than 1: " + s);
        }
        this.codes = codes.clone();
        this.probs = probs.clone();
        this.sum = s;
    }

    /** Codes with their fixed probabilities (parallel arrays, copied). */
    public static FixedProbabilities of(int[] codes, double[] probabilities) {
        return new FixedProbabilities(codes, probabilities);
    }

    /** The given codes with probability 0 (never drawn). */
    public static FixedProbabilities suppress(int... codes) {
        return new FixedProbabilities(codes, new double[codes.length]);
    }

    public int size() {
        return codes.length;
    }

    public int code(int i) {
        return codes[i];
    }

    public double probability(int i) {
        return probs[i];
    }

    /** Sum of all fixed probabilities. */
    public double sum() {
        return sum;
    }

    /** Largest listed code, or -1 if none. */
    public int maxCode() {
        int m = -1;
        for (int c : codes) {
            m = Math.max(m, c);
        }
        return m;
    }
}
