package dev.issosynth.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpKernelTest {
    @Test
    void bestKernelMatchesMathExpWithinFloatPrecision() {
        ExpKernel best = ExpKernel.best();
        assertEquals(Gemms.vectorAvailable(), best.name().startsWith("vector"), best.name());
        SplittableRandom rnd = new SplittableRandom(1);
        for (int len : new int[] {1, 7, 16, 33, 2801}) {
            float[] x = new float[len + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * 8);
            }
            x[3] = Float.NEGATIVE_INFINITY;
            float[] got = new float[len];
            float[] want = new float[len];
            best.expAffine(x, 3, len, 0.5f, 1.25f, got);
            ExpKernel.scalar().expAffine(x, 3, len, 0.5f, 1.25f, want);
            for (int i = 0; i < len; i++) {
                double expect = Math.exp(x[3 + i] * 0.5f - 1.25f);
                assertEquals(expect, want[i], Math.abs(expect) * 1e-6, "scalar " + i);
                assertEquals(expect, got[i], Math.abs(expect) * 1e-6, best.name() + " " + i);
            }
            assertTrue(got[0] == 0f, "exp(-inf) = 0");
        }
    }

    @Test
    void maxScaledEqualsTheScalarMaxWhereverTheMaximumSits() {
        ExpKernel best = ExpKernel.best();
        SplittableRandom rnd = new SplittableRandom(2);
        // lengths around the four-vector chunks of the vector kernel and its one-vector and scalar tails
        for (int len : new int[] {1, 15, 16, 63, 64, 65, 80, 127, 200, 2801}) {
            for (int at = 0; at < len; at += Math.max(1, len / 13)) {
                float[] x = new float[len + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                x[2 + at] = 9f;
                assertEquals(9f * 0.5f, best.maxScaled(x, 2, len, 0.5f), best.name() + " len " + len + " at " + at);
                x[2 + at] = Float.NaN;
                assertTrue(Float.isNaN(best.maxScaled(x, 2, len, 0.5f)), "NaN propagates, len " + len + " at " + at);
            }
        }
    }

    @Test
    void expSumWritesUnshiftedExponentialsAndReturnsTheirSum() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (ExpKernel k : new ExpKernel[] {ExpKernel.best(), ExpKernel.scalar()}) {
            for (int len : new int[] {1, 5, 16, 17, 48, 2816}) {
                float[] x = new float[len + 4];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * 6);
                }
                x[4 + len - 1] = Float.NEGATIVE_INFINITY; // a padding lane: contributes exactly 0
                float[] got = new float[len];
                float total = k.expSum(x, 4, len, 0.5f, got);
                double want = 0;
                for (int i = 0; i < len; i++) {
                    double e = Math.exp(x[4 + i] * 0.5f);
                    assertEquals(e, got[i], e * 1e-6, k.name() + " len " + len + " code " + i);
                    want += e;
                }
                assertEquals(0f, got[len - 1], k.name() + ": exp(-inf) = 0");
                assertEquals(want, total, want * 1e-5, k.name() + " len " + len);
            }
        }
    }
}
