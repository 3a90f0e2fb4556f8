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
        double independent = 0; // Σ column entropies = loss of the best model that ignores dependencies
        for (int s = 0; s < 3; s++) {
            int[] counts = new int[cards[s]];
            for (int v : codes[s]) {
                counts[v]++;
            }
            for (int cnt : counts) {
                if (cnt > 0) {
                    double p = cnt / (double) n;
                    independent -= p * Math.log(p);
                }
            }
        }
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

        int[] probe = new int[4]; // probe[a] = a row with A == a
        boolean[] have = new boolean[4];
        for (int r = 0; r < n; r++) {
            if (!have[codes[0][r]]) {
                have[codes[0][r]] = true;
                probe[codes[0][r]] = r;
            }
        }
        m.forwardBackward(codes, probe, perm, false);
        float[] pB = m.lastProbabilities(1);
        for (int a = 0; a < 4; a++) {
            assertTrue(have[a]);
            assertTrue(pB[a * 4 + a] > 0.9f, "P(B=" + a + " | A=" + a + ") = " + pB[a * 4 + a]);
        }
    }
}
