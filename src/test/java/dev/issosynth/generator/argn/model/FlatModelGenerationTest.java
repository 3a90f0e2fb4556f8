package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The generation path sees exactly what a training forward pass sees and nothing else. */
class FlatModelGenerationTest {

    @Test
    void headProbabilitiesEqualTrainingForward() {
        check(new int[] {3, 4, 5, 2, 6}, new int[] {0, 1, 1, 2, 3}, 7L);
    }

    @Test
    void headProbabilitiesEqualTrainingForwardWithCompressedColumns() {
        int nCol = 26; // 52 sub-columns: multi-sub-column columns are compressed
        int[] cards = new int[2 * nCol];
        int[] cols = new int[2 * nCol];
        for (int s = 0; s < cards.length; s++) {
            cards[s] = 2 + s % 4;
            cols[s] = s / 2;
        }
        check(cards, cols, 11L);
    }

    private static void check(int[] cards, int[] cols, long seed) {
        int nSub = cards.length;
        int nCol = cols[nSub - 1] + 1;
        int n = 40;
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] codes = new int[nSub][n];
        for (int s = 0; s < nSub; s++) {
            for (int r = 0; r < n; r++) {
                codes[s][r] = rng.nextInt(cards[s]);
            }
        }
        FlatModel m = new FlatModel(cards, cols, ModelSize.MEDIUM, n, seed, Gemms.best());
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
            rows[r] = n - 1 - r; // not the identity
        }
        for (int trial = 0; trial < 3; trial++) {
            int[] perm = new int[nCol];
            for (int i = 0; i < nCol; i++) {
                perm[i] = i;
            }
            for (int i = nCol - 1; i > 0 && trial > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] rank = new int[nCol];
            for (int i = 0; i < nCol; i++) {
                rank[perm[i]] = i;
            }
            m.forwardBackward(codes, rows, perm, false);
            float[][] expected = new float[nSub][];
            for (int s = 0; s < nSub; s++) {
                expected[s] = m.lastProbabilities(s);
            }
            for (int s = 0; s < nSub; s++) {
                // hide everything the head must not see behind invalid codes
                int[][] partial = new int[nSub][n];
                for (int t = 0; t < nSub; t++) {
                    boolean visible = rank[cols[t]] < rank[cols[s]] || (cols[t] == cols[s] && t < s);
                    for (int r = 0; r < n; r++) {
                        partial[t][r] = visible ? codes[t][r] : -1;
                    }
                }
                float[] out = new float[n * cards[s]];
                m.headProbabilities(s, partial, rows, n, perm, out);
                for (int i = 0; i < out.length; i++) {
                    assertEquals(expected[s][i], out[i], 1e-6, "trial " + trial + " sub " + s + " at " + i);
                }
            }
        }
    }

    @Test
    void rejectsOversizedBatch() {
        FlatModel m = new FlatModel(new int[] {2, 3}, new int[] {0, 1}, ModelSize.MEDIUM, 4, 1L, Gemms.best());
        int[][] codes = new int[2][5];
        assertThrows(IllegalArgumentException.class,
                () -> m.headLogits(1, codes, new int[] {0, 1, 2, 3, 4}, 5, new int[] {0, 1}, new float[15]));
    }
}
