package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamWTest {

    /** Torch AdamW reference in double, straight from the documented update rule. */
    private static double[] reference(double[] p0, double[][] gradsPerStep, double lr, double wd) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int t = 1; t <= gradsPerStep.length; t++) {
            double[] g = gradsPerStep[t - 1];
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= lr * mHat / denom;
            }
        }
        return p;
    }

    @Test
    void firstStepMatchesHandComputedUpdate() {
        float[] p = {1.0f, -2.0f, 0.5f, 3.0f};
        float[] g = {0.3f, -1.5f, 0f, 1e-3f};
        double lr = 0.01;
        new AdamW(lr).add(p, g).step();
        // step 1: m̂ = g, v̂ = g², so the Adam part is lr·g/(|g| + ε) ≈ lr·sign(g); decay first: p·(1 − lr·wd)
        double[] p0 = {1.0, -2.0, 0.5, 3.0};
        double[] g0 = {0.3, -1.5, 0.0, 1e-3};
        for (int i = 0; i < p.length; i++) {
            double expected = p0[i] * (1 - lr * 0.01) - lr * g0[i] / (Math.abs(g0[i]) + 1e-8);
            assertEquals(expected, p[i], 1e-6, "element " + i);
        }
        assertEquals(1.0 * (1 - lr * 0.01) - lr, p[0], 1e-6);
    }

    @Test
    void severalStepsTrackDoubleReference() {
        double[] p0 = {0.7, -0.2, 1.3};
        double[][] gs = {{0.1, -0.4, 2.0}, {0.05, 0.3, -1.0}, {-0.2, 0.0, 0.5}, {1.0, -1.0, 0.1}};
        float[] p = {0.7f, -0.2f, 1.3f};
        float[] g = new float[3];
        AdamW opt = new AdamW(0.004).add(p, g);
        for (double[] step : gs) {
            for (int i = 0; i < 3; i++) {
                g[i] = (float) step[i];
            }
            opt.step();
        }
        double[] ref = reference(p0, gs, 0.004, 0.01);
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], p[i], 1e-5, "element " + i);
        }
        assertEquals(4, opt.stepCount());
    }

    @Test
    void weightDecayShrinksByExactlyLrTimesWdPerStep() {
        float[] p = {2.0f, -4.0f};
        float[] g = {0f, 0f};
        double lr = 0.1;
        AdamW opt = new AdamW(lr).add(p, g);
        double expected0 = 2.0;
        double expected1 = -4.0;
        for (int t = 0; t < 5; t++) {
            opt.step();
            expected0 -= lr * 0.01 * expected0;
            expected1 -= lr * 0.01 * expected1;
            assertEquals(expected0, p[0], 1e-6);
            assertEquals(expected1, p[1], 1e-6);
        }
    }

    @Test
    void minimisesQuadraticOverTwoArrays() {
        // f = Σ (x_i − c_i)² over two separately registered arrays
        float[] a = {5f, -3f, 0f};
        float[] ga = new float[3];
        float[] b = {10f};
        float[] gb = new float[1];
        float[] ca = {1f, 2f, -1f};
        float cb = -4f;
        AdamW opt = new AdamW(0.05, 0.9, 0.999, 1e-8, 0.0).add(a, ga).add(b, gb);
        for (int t = 0; t < 3000; t++) {
            for (int i = 0; i < 3; i++) {
                ga[i] = 2 * (a[i] - ca[i]);
            }
            gb[0] = 2 * (b[0] - cb);
            opt.step();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(ca[i], a[i], 1e-2);
        }
        assertEquals(cb, b[0], 1e-2);
        assertEquals(2, opt.arrayCount());
    }

    @Test
    void learningRateChangeTakesEffect() {
        float[] p = {0f};
        float[] g = {1f};
        AdamW opt = new AdamW(0.1, 0.9, 0.999, 1e-8, 0.0).add(p, g);
        opt.setLearningRate(0.0);
        opt.step();
        assertEquals(0f, p[0]);
        opt.setLearningRate(0.2);
        assertEquals(0.2, opt.learningRate());
        opt.step();
        assertTrue(p[0] < 0);
    }

    @Test
    void zeroGradAndValidation() {
        float[] p = {1f};
        float[] g = {3f};
        AdamW opt = new AdamW(0.1).add(p, g);
        opt.zeroGrad();
        assertEquals(0f, g[0]);
        assertThrows(IllegalArgumentException.class, () -> opt.add(new float[2], new float[3]));
        opt.step();
        assertThrows(IllegalStateException.class, () -> opt.add(new float[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(-1));
    }
}
