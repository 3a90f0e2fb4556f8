package dev.issosynth.math;

import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class GemmTest {
    private static final int[][] SHAPES = {
            {1, 1, 1}, {3, 5, 7}, {17, 33, 65}, {4, 32, 1}, {5, 31, 257}, {64, 64, 64}, {65, 257, 300}, {130, 70, 513},
            {2, 600, 3}, {1, 1, 600},
            // narrow outputs (one vector or less: the 8-row kernel) with row counts around 8-row tiles
            {8, 16, 40}, {13, 5, 70}, {29, 16, 300}, {24, 8, 3}, {19, 48, 33},
    };

    static List<Gemm> kernels() {
        List<Gemm> ks = new ArrayList<>();
        ks.add(Gemms.scalar());
        if (Gemms.vectorAvailable()) {
            ks.add(Gemms.vector());
        }
        return ks;
    }

    @Test
    void vectorKernelIsTestedUnderSurefire() {
        // surefire's argLine adds the module; if this fails the vector kernel silently went untested
        assertTrue(Gemms.vectorAvailable(), "run the tests with --add-modules jdk.incubator.vector");
        assertTrue(Gemms.vector().name().startsWith("vector"));
    }

    @Test
    void allKernelsMatchNaiveOnAwkwardShapes() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (Gemm g : kernels()) {
            for (int[] s : SHAPES) {
                for (int trans = 0; trans < 3; trans++) {
                    for (float beta : new float[]{0f, 1f, 0.5f}) {
                        check(g, s[0], s[1], s[2], trans == 1, trans == 2, beta, rnd, null);
                    }
                }
            }
        }
    }

    @Test
    void aRowsResultDoesNotDependOnTheTileThatComputedIt() {
        // rows of a 29-row product (8-row tiles, 4-row tiles, a packed edge) equal the same rows computed alone
        SplittableRandom rnd = new SplittableRandom(3);
        for (Gemm g : kernels()) {
            for (int n : new int[] {5, 16, 48, 50, 64}) {
                int m = 29;
                int k = 70;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextGaussian();
                }
                float[] all = new float[m * n];
                g.multiply(m, n, k, a, 0, k, false, b, 0, n, false, all, 0, n, 0f);
                for (int row = 0; row < m; row++) {
                    float[] one = new float[n];
                    g.multiply(1, n, k, a, row * k, k, false, b, 0, n, false, one, 0, n, 0f);
                    assertArrayEquals(one, java.util.Arrays.copyOfRange(all, row * n, row * n + n),
                            g.name() + " n=" + n + " row " + row);
                }
            }
        }
    }

    @Test
    void paddedProductMatchesPlainBitForBitAndStaysInsideItsStride() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (Gemm g : kernels()) {
            for (int n : new int[] {1, 2, 5, 15, 16, 17, 31, 32, 33, 40, 47, 48, 50, 257, 300}) {
                int stride = g.paddedStride(n);
                assertTrue(stride >= n, g.name() + " stride " + stride + " for n=" + n);
                for (int[] mk : new int[][] {{1, 3}, {29, 32}, {67, 300}}) {
                    int m = mk[0];
                    int k = mk[1];
                    float[] a = random(rnd, m * k);
                    float[] b = random(rnd, k * n);
                    int ldc = stride + 3; // three sentinel columns after the padding
                    float[] c0 = random(rnd, m * ldc);
                    float[] plain = c0.clone();
                    g.multiply(m, n, k, a, 0, k, false, b, 0, n, false, plain, 0, ldc, 1f);
                    float[] padded = c0.clone();
                    g.multiplyPadded(m, n, k, a, 0, k, b, 0, n, padded, 0, ldc);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < ldc; j++) {
                            if (j < n || j >= stride) {
                                assertEquals(Float.floatToIntBits(plain[i * ldc + j]),
                                        Float.floatToIntBits(padded[i * ldc + j]),
                                        g.name() + " " + m + "x" + n + "x" + k + " at " + i + "," + j);
                            }
                        }
                    }
                }
                if (stride > n) {
                    // the last row's padding must fit in C
                    assertThrows(IllegalArgumentException.class, () -> g.multiplyPadded(2, n, 1, new float[2], 0, 1,
                            new float[n], 0, n, new float[stride + n], 0, stride));
                }
            }
        }
    }

    @Test
    void sumRowsAddsTheTermsLeftToRightInEveryKernel() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int width : new int[] {1, 5, 16, 17, 48, 128}) {
            int n = 9;
            int terms = 7;
            float[] t = random(rnd, 50 * width);
            float[] base = random(rnd, width);
            int[] off = new int[n * terms];
            for (int i = 0; i < off.length; i++) {
                off[i] = rnd.nextInt(50) * width;
            }
            float[] expect = new float[n * width];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) {
                    float acc = base[j];
                    for (int k = 0; k < terms; k++) {
                        acc += t[off[r * terms + k] + j];
                    }
                    expect[r * width + j] = acc;
                }
            }
            for (Gemm g : kernels()) {
                float[] y = new float[n * width + 1];
                y[n * width] = 42f;
                g.sumRows(t, off, terms, base, y, n, width);
                assertArrayEquals(expect, java.util.Arrays.copyOf(y, n * width), g.name() + " width " + width);
                assertEquals(42f, y[n * width], "wrote past the rows");
            }
        }
    }

    @Test
    void bothTransposedAlsoWorks() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Gemm g : kernels()) {
            check(g, 17, 33, 65, true, true, 1f, rnd, null);
            check(g, 65, 257, 300, true, true, 0f, rnd, null);
        }
    }

    @Test
    void parallelMatchesNaiveAndIsBitIdenticalAcrossThreadCounts() {
        SplittableRandom rnd = new SplittableRandom(3);
        int m = 203, n = 300, k = 530;
        for (Gemm g : kernels()) {
            for (int trans = 0; trans < 3; trans++) {
                boolean ta = trans == 1, tb = trans == 2;
                float[] a = random(rnd, m * k);
                float[] b = random(rnd, k * n);
                float[] c0 = random(rnd, m * n);
                int lda = ta ? m : k, ldb = tb ? k : n;
                float[] serial = c0.clone();
                g.multiply(m, n, k, a, 0, lda, ta, b, 0, ldb, tb, serial, 0, n, 1f);
                assertClose(naive(m, n, k, a, 0, lda, ta, b, 0, ldb, tb, c0.clone(), 0, n, 1f), serial, k, g.name());
                for (int threads : new int[]{1, 2, 3}) {
                    try (Parallel par = new Parallel(threads)) {
                        float[] c = c0.clone();
                        g.multiply(m, n, k, a, 0, lda, ta, b, 0, ldb, tb, c, 0, n, 1f, par);
                        assertArrayEquals(serial, c, 0f, g.name() + " threads=" + threads + " trans=" + trans);
                    }
                }
            }
        }
    }

    @Test
    void betaZeroOverwritesNaNAndKZeroOnlyScales() {
        for (Gemm g : kernels()) {
            float[] c = {Float.NaN, 2f, 3f, Float.NaN};
            g.multiply(2, 2, 3, new float[]{1, 1, 1, 1, 1, 1}, 0, 3, false, new float[]{1, 1, 1, 1, 1, 1}, 0, 2, false, c, 0, 2, 0f);
            assertArrayEquals(new float[]{3, 3, 3, 3}, c, 0f, g.name());
            float[] d = {1f, 2f};
            g.multiply(1, 2, 0, new float[0], 0, 0, false, new float[0], 0, 2, false, d, 0, 2, 0.5f);
            assertArrayEquals(new float[]{0.5f, 1f}, d, 0f, g.name());
        }
    }

    @Test
    void denseConvenienceMethods() {
        SplittableRandom rnd = new SplittableRandom(11);
        int m = 9, n = 21, k = 13;
        for (Gemm g : kernels()) {
            float[] x = random(rnd, m * k), w = random(rnd, k * n), dy = random(rnd, m * n);
            float[] y = new float[m * n];
            g.nn(m, n, k, x, w, y, 0f, null);
            assertClose(naive(m, n, k, x, 0, k, false, w, 0, n, false, new float[m * n], 0, n, 0f), y, k, g.name());
            float[] dw = new float[k * n];
            g.tn(k, n, m, x, dy, dw, 0f, null);
            assertClose(naive(k, n, m, x, 0, k, true, dy, 0, n, false, new float[k * n], 0, n, 0f), dw, m, g.name());
            float[] dx = new float[m * k];
            g.nt(m, k, n, dy, w, dx, 0f, null);
            assertClose(naive(m, k, n, dy, 0, n, false, w, 0, n, true, new float[m * k], 0, k, 0f), dx, n, g.name());
        }
    }

    @Test
    void rejectsArraysTooSmall() {
        for (Gemm g : kernels()) {
            assertThrows(IllegalArgumentException.class,
                    () -> g.multiply(2, 2, 2, new float[3], 0, 2, false, new float[4], 0, 2, false, new float[4], 0, 2, 0f));
            assertThrows(IllegalArgumentException.class,
                    () -> g.multiply(2, 2, 2, new float[4], 0, 1, false, new float[4], 0, 2, false, new float[4], 0, 2, 0f));
        }
    }

    @Test
    void factoryHonoursProperty() {
        String old = System.getProperty(Gemms.PROPERTY);
        try {
            System.setProperty(Gemms.PROPERTY, "scalar");
            assertEquals("scalar", Gemms.best().name());
            System.setProperty(Gemms.PROPERTY, "auto");
            assertEquals(Gemms.vectorAvailable() ? Gemms.vector().name() : "scalar", Gemms.best().name());
            System.clearProperty(Gemms.PROPERTY);
            assertEquals(Gemms.vectorAvailable() ? Gemms.vector().name() : "scalar", Gemms.best().name());
            assertThrows(IllegalArgumentException.class, () -> Gemms.select("gpu"));
        } finally {
            if (old == null) {
                System.clearProperty(Gemms.PROPERTY);
            } else {
                System.setProperty(Gemms.PROPERTY, old);
            }
        }
    }

    /** Runs one case with offsets and leading dimensions wider than the matrices; checks untouched padding too. */
    private static void check(Gemm g, int m, int n, int k, boolean ta, boolean tb, float beta, SplittableRandom rnd,
                              Parallel par) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + 3, ldb = bCols + 5, ldc = n + 2;
        int aOff = 7, bOff = 1, cOff = 4;
        float[] a = random(rnd, aOff + aRows * lda);
        float[] b = random(rnd, bOff + bRows * ldb);
        float[] c = random(rnd, cOff + m * ldc + 3);
        float[] expect = naive(m, n, k, a, aOff, lda, ta, b, bOff, ldb, tb, c.clone(), cOff, ldc, beta);
        float[] got = c.clone();
        g.multiply(m, n, k, a, aOff, lda, ta, b, bOff, ldb, tb, got, cOff, ldc, beta, par);
        String what = g.name() + " " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb + " beta=" + beta;
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToIntBits(c[idx]) != Float.floatToIntBits(got[idx])) {
                fail(what + ": wrote outside C at " + idx);
            }
        }
        assertClose(expect, got, k, what);
    }

    static float[] naive(int m, int n, int k, float[] a, int aOff, int lda, boolean ta, float[] b, int bOff, int ldb,
                         boolean tb, float[] c, int cOff, int ldc, float beta) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) x * y;
                }
                int at = cOff + i * ldc + j;
                c[at] = (float) (s + (beta == 0f ? 0.0 : (double) beta * c[at]));
            }
        }
        return c;
    }

    /** Entries are in [-1, 1), so each product is at most 1 in size: allow k float roundings of the sum's scale. */
    static void assertClose(float[] expect, float[] got, int k, String what) {
        float tol = 1e-6f * (k + 2) * 4;
        for (int i = 0; i < expect.length; i++) {
            if (!(Math.abs(expect[i] - got[i]) <= tol)) {
                fail(what + ": element " + i + " expected " + expect[i] + " got " + got[i] + " (tol " + tol + ")");
            }
        }
    }

    static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
