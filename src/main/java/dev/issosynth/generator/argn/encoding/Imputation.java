package dev.issosynth.generator.argn.encoding;

import java.util.SplittableRandom;

/**
 * Codes for the value sub-columns of missing rows in multi-sub-column encodings (their nan sub-column says
 * "missing"; decoding ignores the rest). The engine copies a random present row; here every missing row gets the
 * most frequent code of each sub-column instead: the model then learns "missing → a constant" at almost no loss,
 * and the heads of other columns that see this column get one clean embedding for "missing" rather than a random
 * donor's values (measured on baseball/airbnb in bench/argn_quality.md).
 */
final class Imputation {
    private Imputation() {
    }

    /**
     * For every row with {@code present[r] == false}, sets {@code codes[s][r]} for {@code s >= fromSub} to the most
     * frequent code of sub-column s among the present rows (ties: the smaller code). No-op if no row is present.
     * {@code rng} is not used (kept for the encoders' uniform signature).
     */
    static void impute(int[][] codes, boolean[] present, int fromSub, SplittableRandom rng) {
        int n = present.length;
        int m = 0;
        for (boolean p : present) {
            if (p) {
                m++;
            }
        }
        if (m == 0 || m == n) {
            return;
        }
        for (int s = fromSub; s < codes.length; s++) {
            int max = 0;
            for (int r = 0; r < n; r++) {
                if (present[r]) {
                    max = Math.max(max, codes[s][r]);
                }
            }
            int[] count = new int[max + 1];
            for (int r = 0; r < n; r++) {
                if (present[r]) {
                    count[codes[s][r]]++;
                }
            }
            int mode = 0;
            for (int k = 1; k <= max; k++) {
                if (count[k] > count[mode]) {
                    mode = k;
                }
            }
            for (int r = 0; r < n; r++) {
                if (!present[r]) {
                    codes[s][r] = mode;
                }
            }
        }
    }
}
