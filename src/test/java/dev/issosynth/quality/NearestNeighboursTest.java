package dev.issosynth.quality;

import dev.issosynth.math.Gemms;
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
}
