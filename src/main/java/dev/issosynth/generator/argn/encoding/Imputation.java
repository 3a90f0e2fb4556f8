package dev.issosynth.generator.argn.encoding;

import java.util.SplittableRandom;

/** Missing rows of multi-sub-column encodings get the codes of a random non-missing row (engine: NaN imputation). */
final class Imputation {
    private Imputation() {
    }

    /**
     * For every row with {@code present[r] == false}, copies {@code codes[s][donor]} for {@code s >= fromSub}
     * from a uniformly drawn present row. No-op if no row is present.
     */
    static void impute(int[][] codes, boolean[] present, int fromSub, SplittableRandom rng) {
        int n = present.length;
        int[] donors = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (present[r]) {
                donors[m++] = r;
            }
        }
        if (m == 0 || m == n) {
            return;
        }
        for (int r = 0; r < n; r++) {
            if (!present[r]) {
                int d = donors[rng.nextInt(m)];
                for (int s = fromSub; s < codes.length; s++) {
                    codes[s][r] = codes[s][d];
                }
            }
        }
    }
}
