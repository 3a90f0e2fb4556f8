package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite-difference check of every parameter tensor.
 *
 * <p>Tolerance: the forward pass runs in float, so the loss (≈ nSub·ln c ≈ 5) carries a rounding error of order
 * 1e-6; with a step of {@value #EPS} the finite difference then has an error of order 1e-6 / (2·EPS) ≈ 5e-5 plus the
 * O(EPS²) truncation error (≈ 1e-5 here). An element passes when {@code |analytic − numeric| ≤ 1e-3 + 1e-2·|numeric|},
 * an order of magnitude above both, yet far below the size of any real bug (a missing or doubled term changes the
 * gradient by ≈ 100 %). ReLU kinks can make a single central difference wrong when a pre-activation lies within
 * ≈ EPS of zero; such an element is re-checked with EPS/4 and must pass then (a kink cannot sit within EPS/4 of
 * both steps unless it is exactly at the current point); if it still fails, once more with EPS/16 (with dropout the
 * 1/(1−p)-scaled inputs put more pre-activations near a kink; the dropout checks use the SAME masks for the analytic
 * and every numeric evaluation, via a fixed mask seed).
 */
class FlatModelGradientTest {
    private static final float EPS = 4e-3f;

    @Test
    void mediumTinyModelAllTensors() {
        // 3 columns, cardinalities 2..4, 1-2 sub-columns each, batch 5
        int[] cards = {3, 2, 4, 2, 3};
        int[] cols = {0, 0, 1, 2, 2};
        check(new FlatModel(cards, cols, ModelSize.MEDIUM, 5, 11L, Gemms.scalar()), cards, 5, new int[] {2, 0, 1},
                Integer.MAX_VALUE);
    }

    @Test
    void largePresetTwoRegressorLayers() {
        int[] cards = {2, 4, 3};
        int[] cols = {0, 1, 1};
        check(new FlatModel(cards, cols, ModelSize.LARGE, 5, 12L, Gemms.scalar()), cards, 5, new int[] {1, 0},
                Integer.MAX_VALUE);
    }

    @Test
    void compressedColumnsAndVectorKernel() {
        // 18 columns x 3 sub-columns = 54 > 50 sub-columns -> every column embedding is compressed
        int n = 54;
        int[] cards = new int[n];
        int[] cols = new int[n];
        for (int s = 0; s < n; s++) {
            cards[s] = 2 + s % 3;
            cols[s] = s / 3;
        }
        FlatModel m = new FlatModel(cards, cols, ModelSize.SMALL, 3, 13L, Gemms.best());
        assertTrue(m.isCompressed(0));
        int[] perm = new int[18];
        for (int i = 0; i < 18; i++) {
            perm[i] = (i * 7) % 18;
        }
        check(m, cards, 3, perm, 6); // a few random entries of each of the ~300 tensors
    }

    @Test
    void dropoutMediumSameMasks() {
        int[] cards = {3, 2, 4, 2, 3};
        int[] cols = {0, 0, 1, 2, 2};
        FlatModel m = new FlatModel(cards, cols, ModelSize.MEDIUM, 5, 11L, Gemms.scalar(), 0.25f);
        check(m, cards, 5, new int[] {2, 0, 1}, Integer.MAX_VALUE, 4242L);
    }

    @Test
    void dropoutLargeTwoLayersSameMasks() {
        // two regressor layers: masks before both Linear layers, independent per layer
        int[] cards = {2, 4, 3};
        int[] cols = {0, 1, 1};
        FlatModel m = new FlatModel(cards, cols, ModelSize.LARGE, 5, 12L, Gemms.scalar(), 0.25f);
        check(m, cards, 5, new int[] {1, 0}, Integer.MAX_VALUE, 99L);
    }

    @Test
    void dropoutViaPublicOverloadReseeded() {
        // the public training overload with an identically re-seeded stream reproduces the hook's masks exactly
        int[] cards = {3, 2, 4};
        int[] cols = {0, 1, 2};
        FlatModel m = new FlatModel(cards, cols, ModelSize.LARGE, 4, 3L, Gemms.scalar());
        int[][] codes = FlatModelForwardTest.randomCodes(cards, 4, 5);
        int[] rows = {0, 1, 2, 3};
        int[] perm = {2, 0, 1};
        long seed = new SplittableRandom(8).nextLong();
        Arrays.fill(m.grads(), 0f);
        double a = m.forwardBackward(codes, rows, perm, true, true, new SplittableRandom(8));
        float[] ga = m.grads().clone();
        Arrays.fill(m.grads(), 0f);
        double b = m.forwardBackwardWithMaskSeed(codes, rows, perm, true, seed);
        assertEquals(a, b, 0.0);
        assertTrue(Arrays.equals(ga, m.grads()));
    }

    private static void check(FlatModel m, int[] cards, int batch, int[] perm, int maxPerTensor) {
        check(m, cards, batch, perm, maxPerTensor, null);
    }

    /** With a non-null {@code maskSeed} every evaluation (analytic and numeric) uses dropout with the SAME masks. */
    private static void check(FlatModel m, int[] cards, int batch, int[] perm, int maxPerTensor, Long maskSeed) {
        int[][] codes = FlatModelForwardTest.randomCodes(cards, batch + 2, 77);
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i + 2;
        }
        rows[batch - 1] = rows[0]; // a repeated row: embedding rows receive gradient twice
        float[] p = m.params();
        float[] g = m.grads();
        Arrays.fill(g, 0f);
        eval(m, codes, rows, perm, true, maskSeed);
        float[] analytic = g.clone();
        // accumulation: a second call adds the same gradient again
        eval(m, codes, rows, perm, true, maskSeed);
        for (int i = 0; i < g.length; i++) {
            assertEquals(2 * analytic[i], g[i], 1e-5 + 1e-5 * Math.abs(analytic[i]), "accumulation " + i);
        }
        SplittableRandom rng = new SplittableRandom(5);
        int checked = 0;
        double worst = 0;
        int nonZero = 0;
        for (FlatModel.Tensor t : m.tensors()) {
            double tensorNorm = 0;
            for (int k = 0; k < t.length(); k++) {
                tensorNorm += Math.abs(analytic[t.offset() + k]);
            }
            int count = Math.min(t.length(), maxPerTensor);
            for (int k = 0; k < count; k++) {
                int i = t.offset() + (count == t.length() ? k : rng.nextInt(t.length()));
                double num = numeric(m, codes, rows, perm, maskSeed, i, EPS);
                double err = Math.abs(analytic[i] - num);
                for (float eps = EPS / 4; err > tol(num) && eps >= EPS / 16; eps /= 4) {
                    num = numeric(m, codes, rows, perm, maskSeed, i, eps);
                    err = Math.abs(analytic[i] - num);
                }
                if (err > tol(num)) {
                    // a ReLU kink within eps of the point: the analytic gradient is one of the one-sided slopes
                    num = oneSidedNearest(m, codes, rows, perm, maskSeed, i, analytic[i]);
                    err = Math.abs(analytic[i] - num);
                }
                worst = Math.max(worst, err / tol(num));
                assertTrue(err <= tol(num), t.name() + "[" + (i - t.offset()) + "]: analytic " + analytic[i]
                        + " numeric " + num);
                checked++;
            }
            // guard against a vacuous check. Some tensors legitimately get none: the first layer of the first head of
            // the first column in the permutation (all-zero input), the compressor W and b of the last column and the
            // embedding of that column's last sub-column (seen by no head) -- at most 4 tensors.
            if (t.name().startsWith("predictor")) {
                assertTrue(tensorNorm > 0, t.name() + " has zero gradient");
            }
            if (tensorNorm > 0) {
                nonZero++;
            }
        }
        assertTrue(checked > 0);
        assertTrue(nonZero >= m.tensors().size() - 4, "tensors with non-zero gradient: " + nonZero);
        assertTrue(worst <= 1.0, "worst error/tolerance " + worst);
    }

    private static double tol(double num) {
        return 1e-3 + 1e-2 * Math.abs(num);
    }

    private static double eval(FlatModel m, int[][] codes, int[] rows, int[] perm, boolean grads, Long maskSeed) {
        return maskSeed == null ? m.forwardBackward(codes, rows, perm, grads)
                : m.forwardBackwardWithMaskSeed(codes, rows, perm, grads, maskSeed);
    }

    /** Of the forward and backward differences with a small step, the one closer to {@code analytic}. */
    private static double oneSidedNearest(FlatModel m, int[][] codes, int[] rows, int[] perm, Long maskSeed, int i,
            float analytic) {
        float eps = EPS / 64;
        float[] p = m.params();
        float saved = p[i];
        double f0 = eval(m, codes, rows, perm, false, maskSeed);
        p[i] = saved + eps;
        double fwd = (eval(m, codes, rows, perm, false, maskSeed) - f0) / ((double) (saved + eps) - saved);
        p[i] = saved - eps;
        double bwd = (f0 - eval(m, codes, rows, perm, false, maskSeed)) / ((double) saved - (saved - eps));
        p[i] = saved;
        return Math.abs(fwd - analytic) < Math.abs(bwd - analytic) ? fwd : bwd;
    }

    private static double numeric(FlatModel m, int[][] codes, int[] rows, int[] perm, Long maskSeed, int i,
            float eps) {
        float[] p = m.params();
        float saved = p[i];
        p[i] = saved + eps;
        double plus = eval(m, codes, rows, perm, false, maskSeed);
        p[i] = saved - eps;
        double minus = eval(m, codes, rows, perm, false, maskSeed);
        p[i] = saved;
        double h = ((double) (saved + eps) - (double) (saved - eps));
        return (plus - minus) / h;
    }
}
