package dev.issosynth.quality;

import dev.issosynth.math.Gemms;
import dev.issosynth.math.ScreenKernel;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NearestNeighboursTest {
    /** Brute force: every pair in double, two smallest, lower index first on ties. */
    private static double[][] bruteForce(float[] data, int n, float[] q, int m, int dim) {
        double[][] r = new double[3][m];
        for (int i = 0; i < m; i++) {
            double b = Double.POSITIVE_INFINITY;
            double s = Double.POSITIVE_INFINITY;
            int bi = -1;
            for (int j = 0; j < n; j++) {
                double d = 0;
                for (int p = 0; p < dim; p++) {
                    double t = (double) q[i * dim + p] - data[j * dim + p];
                    d += t * t;
                }
                if (d < b) {
                    s = b;
                    b = d;
                    bi = j;
                } else if (d < s) {
                    s = d;
                }
            }
            r[0][i] = Math.sqrt(b);
            r[1][i] = Math.sqrt(s);
            r[2][i] = bi;
        }
        return r;
    }

    private static float[] random(SplittableRandom rnd, int rows, int dim) {
        float[] x = new float[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return x;
    }

    @Test
    void exactAgainstBruteForceAndIdenticalForOneOrTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(11);
        int dim = 13;
        int n = 2500; // crosses data blocks; m crosses query blocks with a ragged last one
        int m = 301;
        float[] data = random(rnd, n, dim);
        float[] q = random(rnd, m, dim);
        // some queries are exact copies of data rows: their nearest distance must be exactly 0
        for (int i = 0; i < m; i += 7) {
            System.arraycopy(data, (i * 3 % n) * dim, q, i * dim, dim);
        }
        double[][] want = bruteForce(data, n, q, m, dim);
        NearestNeighbours.Result one;
        NearestNeighbours.Result two;
        try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
            one = NearestNeighbours.search(data, n, q, m, dim, p1);
            two = NearestNeighbours.search(data, n, q, m, dim, p2);
        }
        assertArrayEquals(want[0], one.nearest());
        assertArrayEquals(want[1], one.second());
        for (int i = 0; i < m; i++) {
            assertEquals((int) want[2][i], one.nearestIndex()[i]);
        }
        for (int i = 0; i < m; i += 7) {
            assertEquals(0.0, one.nearest()[i]);
        }
        assertArrayEquals(one.nearest(), two.nearest());
        assertArrayEquals(one.second(), two.second());
        assertArrayEquals(one.nearestIndex(), two.nearestIndex());
        // the scalar kernel gives the same answer as the selected (possibly Vector API) one
        NearestNeighbours.Result scalar = NearestNeighbours.search(data, n, q, m, dim, null, Gemms.scalar());
        assertArrayEquals(one.nearest(), scalar.nearest());
        assertArrayEquals(one.second(), scalar.second());
    }

    /** Brute force on the listed dimensions only. */
    private static double[][] bruteForce(float[] data, int n, float[] q, int m, int dim, int[] dims) {
        int k = dims.length;
        float[] d = new float[n * k];
        float[] p = new float[m * k];
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < k; c++) {
                d[j * k + c] = data[j * dim + dims[c]];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < k; c++) {
                p[i * k + c] = q[i * dim + dims[c]];
            }
        }
        return bruteForce(d, n, p, m, k);
    }

    @Test
    void groupsOfDimensionsAreSearchedExactlyOnTheirOwnDimensions() {
        // 17 dimensions in three parts; groups: all (the three parts), each part, and two parts together
        SplittableRandom rnd = new SplittableRandom(23);
        int dim = 17;
        int n = 700;
        int m = 333;
        float[] data = random(rnd, n, dim);
        float[] q = random(rnd, m, dim);
        for (int i = 0; i < m; i += 5) {
            // copies on the first part only
            for (int p : new int[] {0, 3, 6, 9, 12, 15}) {
                q[i * dim + p] = data[(i * 7 % n) * dim + p];
            }
        }
        int[][] parts = {{0, 3, 6, 9, 12, 15}, {1, 4, 7, 10, 13, 16}, {2, 5, 8, 11, 14}};
        int[][] groups = {{0, 1, 2}, {0}, {1}, {2}, {0, 2}};
        NearestNeighbours.Result[] one;
        NearestNeighbours.Result[] two;
        NearestNeighbours.Result[] scalar;
        try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
            one = NearestNeighbours.searchGroups(data, n, q, m, dim, parts, groups, p1);
            two = NearestNeighbours.searchGroups(data, n, q, m, dim, parts, groups, p2);
            scalar = NearestNeighbours.searchGroups(data, n, q, m, dim, parts, groups, p2, Gemms.scalar(),
                    ScreenKernel.scalar());
        }
        for (int g = 0; g < groups.length; g++) {
            int[] dims = java.util.Arrays.stream(groups[g]).flatMap(p -> java.util.Arrays.stream(parts[p])).sorted()
                    .toArray();
            double[][] want = bruteForce(data, n, q, m, dim, dims);
            assertArrayEquals(want[0], one[g].nearest(), "group " + g);
            assertArrayEquals(want[1], one[g].second(), "group " + g);
            for (int i = 0; i < m; i++) {
                assertEquals((int) want[2][i], one[g].nearestIndex()[i], "group " + g + " query " + i);
            }
            assertArrayEquals(one[g].nearest(), two[g].nearest());
            assertArrayEquals(one[g].second(), two[g].second());
            assertArrayEquals(one[g].nearest(), scalar[g].nearest());
            assertArrayEquals(one[g].second(), scalar[g].second());
        }
        for (int i = 0; i < m; i += 5) {
            assertEquals(0.0, one[1].nearest()[i], "a copy on part 0 is at distance 0 in group {0}");
        }
    }

    @Test
    void nearCopiesFarBelowFloatResolutionAreStillRankedExactly() {
        // unit rows that differ only by a scaling of 1 ± 1e−6 (as rows scaled to unit length do on a group of their
        // dimensions): squared distances around 1e−12, far below what the float screen resolves; the search must
        // still find the exact nearest and second nearest among hundreds of near-ties
        SplittableRandom rnd = new SplittableRandom(31);
        int dim = 6;
        int n = 900;
        int m = 120;
        float[] base = {0.4f, -0.3f, 0.2f, 0.5f, -0.1f, 0.3f};
        float[] data = new float[n * dim];
        for (int j = 0; j < n; j++) {
            double scale = 1 + (rnd.nextDouble() - 0.5) * 2e-6 * (1 + j % 3);
            for (int p = 0; p < dim; p++) {
                data[j * dim + p] = (float) (base[p] * (j % 4 == 0 ? 1.5 : 1) * scale);
            }
        }
        float[] q = new float[m * dim];
        for (int i = 0; i < m; i++) {
            double scale = 1 + (rnd.nextDouble() - 0.5) * 2e-6;
            for (int p = 0; p < dim; p++) {
                q[i * dim + p] = (float) (base[p] * scale);
            }
        }
        double[][] want = bruteForce(data, n, q, m, dim);
        NearestNeighbours.Result r = NearestNeighbours.search(data, n, q, m, dim, null);
        assertArrayEquals(want[0], r.nearest());
        assertArrayEquals(want[1], r.second());
        for (int i = 0; i < m; i++) {
            assertEquals((int) want[2][i], r.nearestIndex()[i]);
        }
    }

    @Test
    void doubleRowsGiveTheDistancesOfASearchInDouble() {
        // near copies 1e−9 apart in double: their float roundings coincide, the double rows still rank them
        SplittableRandom rnd = new SplittableRandom(37);
        int dim = 5;
        int n = 400;
        int m = 60;
        double[] data = new double[n * dim];
        double[] q = new double[m * dim];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < dim; p++) {
                data[j * dim + p] = 0.3 + 0.1 * p + (j % 5 == 0 ? 0.05 : 0) + rnd.nextDouble() * 1e-9;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < dim; p++) {
                q[i * dim + p] = 0.3 + 0.1 * p + rnd.nextDouble() * 1e-9;
            }
        }
        NearestNeighbours.Result r = NearestNeighbours.searchGroups(EmbeddingEncoder.toFloat(data), data, n,
                EmbeddingEncoder.toFloat(q), q, m, dim, new int[][] {{0, 1, 2, 3, 4}}, new int[][] {{0}}, null)[0];
        for (int i = 0; i < m; i++) {
            double b = Double.POSITIVE_INFINITY;
            double s = Double.POSITIVE_INFINITY;
            int bi = -1;
            for (int j = 0; j < n; j++) {
                double d = 0;
                for (int p = 0; p < dim; p++) {
                    double t = q[i * dim + p] - data[j * dim + p];
                    d += t * t;
                }
                if (d < b) {
                    s = b;
                    b = d;
                    bi = j;
                } else if (d < s) {
                    s = d;
                }
            }
            assertEquals(Math.sqrt(b), r.nearest()[i], "query " + i);
            assertEquals(Math.sqrt(s), r.second()[i], "query " + i);
            assertEquals(bi, r.nearestIndex()[i], "query " + i);
        }
    }

    @Test
    void tinyHandMadeExample() {
        // 1-D points 0, 1, 3, 7; queries 2.5 and 8
        float[] data = {0, 1, 3, 7};
        float[] q = {2.5f, 8};
        NearestNeighbours.Result r = NearestNeighbours.search(data, 4, q, 2, 1, null);
        assertArrayEquals(new double[] {0.5, 1.0}, r.nearest());
        assertArrayEquals(new double[] {1.5, 5.0}, r.second());
        assertArrayEquals(new int[] {2, 3}, r.nearestIndex());
    }

    @Test
    void leaveOneOutSkipsOnlyTheRowItselfNotItsDuplicates() {
        SplittableRandom rnd = new SplittableRandom(21);
        int n = 700;
        int dim = 9;
        float[] x = random(rnd, n, dim);
        // rows 10 and 11 are the same point: each other's nearest at distance 0
        System.arraycopy(x, 10 * dim, x, 11 * dim, dim);
        int[][] parts = {{0, 1, 2, 3}, {4, 5, 6, 7, 8}};
        int[][] groups = {{0, 1}, {0}, {1}};
        NearestNeighbours.Result[] loo;
        try (Parallel par = new Parallel(2)) {
            loo = NearestNeighbours.searchGroupsLeaveOneOut(x, n, dim, parts, groups, par);
        }
        assertEquals(0.0, loo[0].nearest()[10]);
        assertEquals(11, loo[0].nearestIndex()[10]);
        assertEquals(10, loo[0].nearestIndex()[11]);
        for (int g = 0; g < groups.length; g++) {
            int[] dims = java.util.Arrays.stream(groups[g]).flatMap(p -> java.util.Arrays.stream(parts[p])).toArray();
            float[] sub = new float[n * dims.length];
            for (int r = 0; r < n; r++) {
                for (int d = 0; d < dims.length; d++) {
                    sub[r * dims.length + d] = x[r * dim + dims[d]];
                }
            }
            for (int i = 0; i < n; i += 7) {
                // brute force against every other row
                float[] others = new float[(n - 1) * dims.length];
                System.arraycopy(sub, 0, others, 0, i * dims.length);
                System.arraycopy(sub, (i + 1) * dims.length, others, i * dims.length, (n - 1 - i) * dims.length);
                float[] q = java.util.Arrays.copyOfRange(sub, i * dims.length, (i + 1) * dims.length);
                double[][] bf = bruteForce(others, n - 1, q, 1, dims.length);
                assertEquals(bf[0][0], loo[g].nearest()[i], 1e-9, "group " + g + " row " + i);
                assertEquals(bf[1][0], loo[g].second()[i], 1e-9, "group " + g + " row " + i);
            }
        }
    }
}
