package dev.issosynth.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScreenKernelTest {
    @Test
    void bestKernelFindsTheSameRowsAsTheScalarOne() {
        ScreenKernel best = ScreenKernel.best();
        ScreenKernel scalar = ScreenKernel.scalar();
        assertEquals(Gemms.vectorAvailable(), best.name().startsWith("vector"), best.name());
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 700;
        float[] norms = new float[n + 5];
        float[] a = new float[n + 9];
        float[] b = new float[n + 9];
        float[] c = new float[n + 9];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble() - 0.5);
            b[i] = (float) (rnd.nextDouble() - 0.5);
            c[i] = (float) (rnd.nextDouble() - 0.5);
        }
        // walk every hit from several starts and limits, as the search does; ragged ends and offsets included
        for (float limit : new float[] {-1.5f, -0.8f, -0.3f, 0f, Float.POSITIVE_INFINITY}) {
            for (int from : new int[] {0, 1, 15, 16, 17, 300}) {
                for (int to : new int[] {from, from + 1, from + 31, n}) {
                    int j = from - 1;
                    int k = from - 1;
                    do {
                        j = best.firstAtMost(norms, 5, a, 9, j + 1, to, limit);
                        k = scalar.firstAtMost(norms, 5, a, 9, k + 1, to, limit);
                        assertEquals(k, j, "limit " + limit + " from " + from + " to " + to);
                    } while (j < to);
                    j = from - 1;
                    k = from - 1;
                    do {
                        j = best.firstAtMost3(norms, 5, a, b, c, 9, j + 1, to, limit);
                        k = scalar.firstAtMost3(norms, 5, a, b, c, 9, k + 1, to, limit);
                        assertEquals(k, j, "3 parts, limit " + limit + " from " + from + " to " + to);
                    } while (j < to);
                }
            }
        }
    }
}
