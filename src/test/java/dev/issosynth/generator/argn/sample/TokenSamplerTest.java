package dev.issosynth.generator.argn.sample;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSamplerTest {
    private static final int DRAWS = 100_000;

    private static double[] softmax(double[] x, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v / t);
        }
        double[] p = new double[x.length];
        double z = 0;
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.exp(x[i] / t - max);
            z += p[i];
        }
        for (int i = 0; i < x.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** logits = log p, so softmax gives back p exactly (up to float rounding). */
    private static float[] logitsOf(double... p) {
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) Math.log(p[i]);
        }
        return f;
    }

    private static int[] histogram(TokenSampler s, float[] logits, int off, int len, boolean[] supp,
                                   FixedProbabilities fixed, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] counts = new int[len];
        for (int i = 0; i < DRAWS; i++) {
            counts[s.sample(logits, off, len, supp, fixed, rnd)]++;
        }
        return counts;
    }

    private static void assertFrequencies(double[] expected, int[] counts) {
        for (int i = 0; i < expected.length; i++) {
            double mean = DRAWS * expected[i];
            double sigma = Math.sqrt(DRAWS * expected[i] * (1 - expected[i]));
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "code " + i + " must never be drawn");
            } else {
                assertTrue(Math.abs(counts[i] - mean) <= 3 * sigma,
                        "code " + i + ": " + counts[i] + " vs expected " + mean + " ± 3·" + sigma);
            }
        }
    }

    @Test
    void temperatureToZeroPicksArgmax() {
        float[] logits = {1.0f, 3.0f, 2.99f, -1.0f};
        for (double t : new double[] {0.0, 1e-6, 1e-3}) {
            TokenSampler s = new TokenSampler(8, t, 1.0);
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, s.sample(logits, 0, 4, rnd));
            }
        }
    }

    @Test
    void temperatureOneMatchesSoftmaxFrequencies() {
        double[] x = {0.5, -1.0, 2.0, 0.0, 1.2};
        TokenSampler s = new TokenSampler(5);
        assertFrequencies(softmax(x, 1.0), histogram(s, toFloat(x), 0, 5, null, null, 11));
    }

    @Test
    void temperatureFollowsDefinitionAndIsStable() {
        double[] x = {1000.0, 999.0, -1000.0, 998.5};
        double t = 2.0;
        // definition: p = softmax(x); q = softmax(log p / T)
        double[] p = softmax(x, 1.0);
        double[] logp = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            logp[i] = Math.log(p[i]);
        }
        double[] q = softmax(logp, t);
        double[] out = new double[4];
        new TokenSampler(4, t, 1.0).probabilities(toFloat(x), 0, 4, null, null, out);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(q[i], out[i], 1e-12, "code " + i);
            sum += out[i];
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void worksOnOffsetSlice() {
        float[] buf = {9f, 9f, 0f, 5f, 0f, 9f};
        TokenSampler s = new TokenSampler(3, 0.0, 1.0);
        assertEquals(1, s.sample(buf, 2, 3, new SplittableRandom(3)));
        assertThrows(IndexOutOfBoundsException.class, () -> s.sample(buf, 4, 3, new SplittableRandom(3)));
        assertThrows(IllegalArgumentException.class, () -> s.sample(new float[10], 0, 4, new SplittableRandom(3)));
    }

    @Test
    void topPExcludesTailAndRenormalises() {
        float[] logits = logitsOf(0.5, 0.05, 0.3, 0.15);
        double[] out = new double[4];
        // cumulative in descending order: 0.5, 0.8, 0.95, 1.0 → top_p 0.7 keeps {0, 2}
        TokenSampler s = new TokenSampler(4, 1.0, 0.7);
        s.probabilities(logits, 0, 4, null, null, out);
        assertEquals(0.625, out[0], 1e-6);
        assertEquals(0.375, out[2], 1e-6);
        assertEquals(0.0, out[1]);
        assertEquals(0.0, out[3]);
        assertFrequencies(new double[] {0.625, 0, 0.375, 0}, histogram(s, logits, 0, 4, null, null, 5));
        // 0.9 keeps three codes
        new TokenSampler(4, 1.0, 0.9).probabilities(logits, 0, 4, null, null, out);
        assertEquals(0.5 / 0.95, out[0], 1e-6);
        assertEquals(0.15 / 0.95, out[3], 1e-6);
        assertEquals(0.0, out[1]);
    }

    @Test
    void topPKeepsAtLeastOneToken() {
        float[] logits = logitsOf(0.2, 0.6, 0.2);
        TokenSampler s = new TokenSampler(3, 1.0, 1e-9);
        double[] out = new double[3];
        s.probabilities(logits, 0, 3, null, null, out);
        assertEquals(1.0, out[1]);
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, s.sample(logits, 0, 3, rnd));
        }
    }

    @Test
    void nanLogitIsNeverDrawnAndTheRestKeepTheirShares() {
        float[] logits = {Float.NaN, 0f, 1f, Float.NEGATIVE_INFINITY};
        double[] expected = softmax(new double[] {Double.NEGATIVE_INFINITY, 0, 1, Double.NEGATIVE_INFINITY}, 1.0);
        assertFrequencies(expected, histogram(new TokenSampler(4), logits, 0, 4, null, null, 11));
    }

    @Test
    void suppressedCodeNeverDrawnEvenWithLargestLogit() {
        float[] logits = {0f, 8f, 1f, 0.5f};
        boolean[] supp = {false, true, false, false};
        double[] expected = softmax(new double[] {0, Double.NEGATIVE_INFINITY, 1, 0.5}, 1.0);
        assertFrequencies(expected, histogram(new TokenSampler(4), logits, 0, 4, supp, null, 7));
        // via a fixed probability of 0 as well
        assertFrequencies(expected,
                histogram(new TokenSampler(4), logits, 0, 4, null, FixedProbabilities.suppress(1), 8));
        // T→0: best allowed code; top_p that keeps only the suppressed argmax falls back to the allowed codes
        SplittableRandom rnd = new SplittableRandom(9);
        TokenSampler cold = new TokenSampler(4, 0.0, 1.0);
        TokenSampler narrow = new TokenSampler(4, 1.0, 0.5);
        for (int i = 0; i < 1000; i++) {
            assertEquals(2, cold.sample(logits, 0, 4, supp, null, rnd));
            assertTrue(narrow.sample(logits, 0, 4, supp, null, rnd) != 1);
        }
        double[] out = new double[4];
        narrow.probabilities(logits, 0, 4, supp, null, out);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], out[i], 1e-6);
        }
    }

    @Test
    void fixedProbabilitiesHonoured() {
        float[] logits = logitsOf(0.1, 0.2, 0.3, 0.4);
        // code 0 fixed at 0.5, code 3 never; codes 1, 2 share 0.5 in ratio 2:3
        FixedProbabilities fixed = FixedProbabilities.of(new int[] {0, 3}, new double[] {0.5, 0.0});
        double[] expected = {0.5, 0.2, 0.3, 0.0};
        TokenSampler s = new TokenSampler(4);
        double[] out = new double[4];
        s.probabilities(logits, 0, 4, null, fixed, out);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], out[i], 1e-6);
        }
        assertFrequencies(expected, histogram(s, logits, 0, 4, null, fixed, 13));
        // fixed mass applies after top-p: top_p 0.35 keeps {3}, which is fixed at 0 → fall back to all free codes
        TokenSampler narrow = new TokenSampler(4, 1.0, 0.35);
        narrow.probabilities(logits, 0, 4, null, fixed, out);
        assertEquals(0.5, out[0], 1e-9);
        assertEquals(0.2, out[1], 1e-6);
        assertEquals(0.3, out[2], 1e-6);
    }

    @Test
    void fixedOnlyAndNothingDrawable() {
        float[] logits = {0f, 0f, 0f};
        boolean[] supp = {true, true, false};
        FixedProbabilities fixed = FixedProbabilities.of(new int[] {2}, new double[] {0.3});
        double[] out = new double[3];
        new TokenSampler(3).probabilities(logits, 0, 3, supp, fixed, out);
        assertEquals(1.0, out[2], 1e-12);
        TokenSampler s = new TokenSampler(3);
        FixedProbabilities zero = FixedProbabilities.suppress(2);
        assertThrows(IllegalStateException.class, () -> s.sample(logits, 0, 3, supp, zero, new SplittableRandom(1)));
    }

    @Test
    void deterministicForSeed() {
        float[] logits = {0.1f, 0.4f, -0.3f, 1.0f, 0.0f};
        TokenSampler s = new TokenSampler(5, 0.8, 0.9);
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 500; i++) {
            assertEquals(s.sample(logits, 0, 5, a), s.sample(logits, 0, 5, b));
        }
    }

    @Test
    void fixedProbabilitiesValidation() {
        assertThrows(IllegalArgumentException.class, () -> FixedProbabilities.of(new int[] {1, 1}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> FixedProbabilities.of(new int[] {0}, new double[] {1.5}));
        assertThrows(IllegalArgumentException.class,
                () -> FixedProbabilities.of(new int[] {0, 1}, new double[] {0.6, 0.6}));
        assertThrows(IllegalArgumentException.class, () -> FixedProbabilities.suppress(-1));
        assertThrows(IllegalArgumentException.class, () -> new TokenSampler(3, 1.0, 0.0));
        TokenSampler s = new TokenSampler(3);
        assertThrows(IllegalArgumentException.class,
                () -> s.sample(new float[3], 0, 3, null, FixedProbabilities.suppress(3), new SplittableRandom(1)));
    }

    @Test
    void aPaddedRowDrawsAsTheBareRowAndOverwritesOnlyItsPadding() {
        SplittableRandom gen = new SplittableRandom(5);
        int len = 37;
        int room = 48;
        float[] bare = new float[len];
        float[] padded = new float[room + 1];
        for (int i = 0; i < len; i++) {
            bare[i] = (float) (gen.nextGaussian() * 3);
            padded[i] = bare[i];
        }
        java.util.Arrays.fill(padded, len, room + 1, 7f); // scratch, and one cell beyond the row's room
        TokenSampler s = new TokenSampler(room);
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        int differ = 0;
        for (int i = 0; i < 20_000; i++) {
            // same distribution; the sums run in another order, so a draw may move only at a rounding boundary
            differ += s.sample(bare, 0, len, null, null, a) != s.sample(padded, 0, len, room, null, null, b) ? 1 : 0;
        }
        assertTrue(differ <= 2, differ + " of 20,000 draws differ");
        for (int i = 0; i < len; i++) {
            assertEquals(bare[i], padded[i], "the row itself is left alone");
        }
        for (int i = len; i < room; i++) {
            assertEquals(Float.NEGATIVE_INFINITY, padded[i], "padding " + i);
        }
        assertEquals(7f, padded[room], "nothing beyond the room is written");
        assertThrows(IllegalArgumentException.class,
                () -> s.sample(padded, 0, len, room + 1, null, null, new SplittableRandom(1)), "room > capacity");
        assertThrows(IllegalArgumentException.class,
                () -> s.sample(padded, 0, len, len - 1, null, null, new SplittableRandom(1)), "room < length");
    }

    @Test
    void logitsBeyondFloatExponentRangeStillGiveTheSoftmax() {
        // exp(120) overflows a float and exp(-130) is subnormal: the unshifted pass must give way to the shifted one
        double[] high = {120, 119, 117, 0};
        double[] low = {-130, -131, -133, -200};
        for (double[] x : new double[][] {high, low}) {
            float[] logits = new float[16];
            for (int i = 0; i < 4; i++) {
                logits[i] = (float) x[i];
            }
            int[] counts = new int[4];
            TokenSampler s = new TokenSampler(16);
            SplittableRandom rnd = new SplittableRandom(12);
            for (int i = 0; i < DRAWS; i++) {
                counts[s.sample(logits, 0, 4, 16, null, null, rnd)]++;
            }
            assertFrequencies(softmax(x, 1.0), counts);
        }
    }
}
