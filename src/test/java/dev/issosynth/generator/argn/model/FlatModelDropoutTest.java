package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regressor dropout: rate-0 identity, mask statistics, evaluation mode, determinism. (Gradients: FlatModelGradientTest.) */
class FlatModelDropoutTest {
    private static final int[] CARDS = FlatModelForwardTest.CARDS;
    private static final int[] COLS = FlatModelForwardTest.COLS;

    private static FlatModel model(float rate) {
        return new FlatModel(CARDS, COLS, ModelSize.LARGE, 16, 42L, Gemms.scalar(), rate);
    }

    @Test
    void defaultRateAndValidation() {
        assertEquals(0.25f, new FlatModel(CARDS, COLS, ModelSize.MEDIUM, 4, 1L, Gemms.scalar()).dropoutRate());
        FlatModel m = model(0.25f);
        m.setDropoutRate(0.5f);
        assertEquals(0.5f, m.dropoutRate());
        assertThrows(IllegalArgumentException.class, () -> m.setDropoutRate(1f));
        assertThrows(IllegalArgumentException.class, () -> m.setDropoutRate(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> m.setDropoutRate(Float.NaN));
        int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 4, 1);
        assertThrows(IllegalArgumentException.class,
                () -> m.forwardBackward(codes, new int[] {0, 1}, new int[] {0, 1, 2}, true, true, null));
    }

    @Test
    void rateZeroTrainingEqualsDropoutOffBitForBit() {
        int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 16, 3);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        int[] perm = {2, 0, 1};
        FlatModel off = model(0.25f);
        FlatModel zero = model(0f);
        assertArrayEquals(off.params(), zero.params());
        SplittableRandom rng = new SplittableRandom(7);
        double a = off.forwardBackward(codes, rows, perm, true);
        double b = zero.forwardBackward(codes, rows, perm, true, true, rng);
        assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b));
        assertArrayEquals(off.grads(), zero.grads());
        for (int s = 0; s < CARDS.length; s++) {
            assertArrayEquals(off.lastProbabilities(s), zero.lastProbabilities(s));
        }
        // rate 0 does not consume the stream
        assertEquals(new SplittableRandom(7).nextLong(), rng.nextLong());
        // and setDropoutRate(0) on a 0.25 model behaves the same
        off.setDropoutRate(0f);
        Arrays.fill(off.grads(), 0f);
        Arrays.fill(zero.grads(), 0f);
        double c = off.forwardBackward(codes, rows, perm, true, true, new SplittableRandom(9));
        double d = zero.forwardBackward(codes, rows, perm, true);
        assertEquals(Double.doubleToLongBits(c), Double.doubleToLongBits(d));
        assertArrayEquals(off.grads(), zero.grads());
    }

    @Test
    void maskShareWithinThreeSigmaAndIndependentPerHeadAndLayer() {
        FlatModel m = model(0.25f);
        int n = 16 * m.inputWidth() * 50; // well above 10^4 elements
        float keep = 1f / 0.75f;
        float[][] masks = {
            m.dropoutScales(123L, 0, 0, n), m.dropoutScales(123L, 1, 0, n), m.dropoutScales(123L, 0, 1, n),
            m.dropoutScales(124L, 0, 0, n)};
        double sigma = Math.sqrt(0.25 * 0.75 / n);
        for (float[] mask : masks) {
            int zeros = 0;
            for (float v : mask) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertEquals(keep, v, 0f);
                }
            }
            double share = zeros / (double) n;
            assertTrue(Math.abs(share - 0.25) <= 3 * sigma, "zero share " + share + " sigma " + sigma);
        }
        // independent masks: two different streams agree on about 0.25² + 0.75² = 62.5 % of the positions
        for (int i = 1; i < masks.length; i++) {
            int agree = 0;
            for (int k = 0; k < n; k++) {
                if ((masks[0][k] == 0f) == (masks[i][k] == 0f)) {
                    agree++;
                }
            }
            double share = agree / (double) n;
            assertEquals(0.625, share, 3 * Math.sqrt(0.625 * 0.375 / n), "agreement with mask " + i);
        }
        // a pure function of the seed
        assertArrayEquals(masks[0], m.dropoutScales(123L, 0, 0, n));
    }

    @Test
    void trainingMasksChangeTheLossButEvaluationIsDeterministicAndMaskFree() {
        FlatModel m = model(0.25f);
        int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 16, 4);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        int[] perm = {1, 2, 0};
        double eval = m.forwardBackward(codes, rows, perm, false);
        float[] evalProbs = m.lastProbabilities(4);
        float[] logitsBefore = new float[16 * CARDS[4]];
        m.headLogits(4, codes, rows, 16, perm, logitsBefore);

        SplittableRandom rng = new SplittableRandom(1);
        double t1 = m.forwardBackward(codes, rows, perm, false, true, rng);
        double t2 = m.forwardBackward(codes, rows, perm, false, true, rng);
        assertNotEquals(eval, t1);
        assertNotEquals(t1, t2); // fresh masks per call
        assertEquals(t1, m.forwardBackward(codes, rows, perm, false, true, new SplittableRandom(1)), 0.0);

        // evaluation after training calls: identical to before, stream untouched, with or without rng
        SplittableRandom untouched = new SplittableRandom(5);
        double e1 = m.forwardBackward(codes, rows, perm, false, false, untouched);
        double e2 = m.forwardBackward(codes, rows, perm, false, false, null);
        assertEquals(Double.doubleToLongBits(eval), Double.doubleToLongBits(e1));
        assertEquals(Double.doubleToLongBits(eval), Double.doubleToLongBits(e2));
        assertEquals(Double.doubleToLongBits(eval), Double.doubleToLongBits(m.forwardBackward(codes, rows, perm,
                false)));
        assertArrayEquals(evalProbs, m.lastProbabilities(4));
        assertEquals(new SplittableRandom(5).nextLong(), untouched.nextLong());

        // generation path never drops out, even right after a training call
        m.forwardBackward(codes, rows, perm, false, true, rng);
        float[] logitsAfter = new float[logitsBefore.length];
        m.headLogits(4, codes, rows, 16, perm, logitsAfter);
        assertArrayEquals(logitsBefore, logitsAfter);
        // and agrees with the evaluation-mode forward pass
        float[] gen = new float[logitsBefore.length];
        m.headProbabilities(4, codes, rows, 16, perm, gen);
        for (int i = 0; i < gen.length; i++) {
            assertEquals(evalProbs[i], gen[i], 1e-6f);
        }
        assertFalse(Double.isNaN(t1));
    }

    @Test
    void trainingWithDropoutIsDeterministicForASeed() {
        float[][] out = new float[2][];
        for (int run = 0; run < 2; run++) {
            FlatModel m = model(0.25f);
            dev.issosynth.generator.argn.train.AdamW opt = new dev.issosynth.generator.argn.train.AdamW(0.01);
            m.registerWith(opt);
            int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 16, 6);
            int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
            SplittableRandom rng = new SplittableRandom(77);
            for (int step = 0; step < 5; step++) {
                opt.zeroGrad();
                m.forwardBackward(codes, rows, new int[] {step % 3, (step + 1) % 3, (step + 2) % 3}, true, true, rng);
                opt.step();
            }
            out[run] = m.params().clone();
        }
        assertArrayEquals(out[0], out[1]);
    }
}
