package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.generator.argn.train.BatchSampler;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learns a deterministic dependency B = A next to an independent C with a fixed column order A, B, C. */
class FlatModelTrainingTest {

    @Test
    void learnsCopiedColumn() {
        int n = 500;
        int[] cards = {4, 4, 3};
        int[] cols = {0, 1, 2};
        SplittableRandom rng = new SplittableRandom(2024);
        int[][] codes = new int[3][n];
        for (int r = 0; r < n; r++) {
            codes[0][r] = rng.nextInt(4);
            codes[1][r] = codes[0][r];
            codes[2][r] = rng.nextInt(3);
        }
        double independent = entropySum(codes, cards, n);
        int batch = 50;
        FlatModel m = new FlatModel(cards, cols, ModelSize.MEDIUM, n, 3L, Gemms.best());
        for (int s = 0; s < 3; s++) {
            m.initPredictorBias(s, codes[s]);
        }
        AdamW opt = new AdamW(0.01);
        m.registerWith(opt);
        int[] all = new int[n];
        for (int r = 0; r < n; r++) {
            all[r] = r;
        }
        int[] perm = {0, 1, 2};
        double start = m.forwardBackward(codes, all, perm, false);
        BatchSampler sampler = new BatchSampler(all, batch, 9L);
        int[] rows = new int[batch];
        for (int step = 0; step < 300; step++) {
            sampler.next(rows);
            opt.zeroGrad();
            m.forwardBackward(codes, rows, perm, true);
            opt.step();
        }
        double end = m.forwardBackward(codes, all, perm, false);
        // B's conditional entropy is 0 once A is known: the optimum is H(A) + H(C) = independent - H(B)
        assertTrue(end < independent - 1.0, "loss " + end + " (start " + start + ", independent " + independent + ")");

        m.forwardBackward(codes, firstRowOfEachValue(codes[0], 4), perm, false);
        float[] pB = m.lastProbabilities(1);
        for (int a = 0; a < 4; a++) {
            assertTrue(pB[a * 4 + a] > 0.9f, "P(B=" + a + " | A=" + a + ") = " + pB[a * 4 + a]);
        }
    }

    /** Σ column entropies = loss of the best model that ignores dependencies. */
    private static double entropySum(int[][] codes, int[] cards, int n) {
        double sum = 0;
        for (int s = 0; s < cards.length; s++) {
            int[] counts = new int[cards[s]];
            for (int v : codes[s]) {
                counts[v]++;
            }
            for (int cnt : counts) {
                if (cnt > 0) {
                    double p = cnt / (double) n;
                    sum -= p * Math.log(p);
                }
            }
        }
        return sum;
    }

    /** Row i of the result: the first row whose code is i (every code must occur). */
    private static int[] firstRowOfEachValue(int[] codes, int card) {
        int[] probe = new int[card];
        boolean[] have = new boolean[card];
        for (int r = 0; r < codes.length; r++) {
            if (!have[codes[r]]) {
                have[codes[r]] = true;
                probe[codes[r]] = r;
            }
        }
        for (int a = 0; a < card; a++) {
            assertTrue(have[a], "code " + a + " occurs");
        }
        return probe;
    }
}
