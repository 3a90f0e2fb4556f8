package dev.issosynth.quality;

import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eigen solver, k-means, the spectral clustering of correlations and the random groups. */
class ColumnGroupsTest {
    @Test
    void jacobiFindsEigenpairsOfASymmetricMatrix() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 37;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = rnd.nextDouble() - 0.5;
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                assertTrue(e.values[k - 1] >= e.values[k], "descending");
            }
            double[] v = e.vectors[k];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(e.values[k] * v[i], av, 1e-10, "A v = λ v, pair " + k);
            }
            for (int l = 0; l <= k; l++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * e.vectors[l][i];
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-10, "orthonormal " + k + "," + l);
            }
        }
        SymmetricEigen two = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, two.values, 1e-14);
        assertEquals(Math.abs(two.vectors[0][0]), Math.sqrt(0.5), 1e-14);
    }

    @Test
    void kMeansSeparatesWellSeparatedClustersTheSameWayEveryTime() {
        double[][] x = new double[30][];
        for (int i = 0; i < 30; i++) {
            int c = i % 3;
            x[i] = new double[] {c * 10 + (i % 5) * 0.1, -c * 5 + (i % 7) * 0.1};
        }
        int[] labels = KMeans.labels(x, 3, new SplittableRandom(9));
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                assertEquals(i % 3 == j % 3, labels[i] == labels[j], i + " and " + j);
            }
        }
        assertArrayEquals(labels, KMeans.labels(x, 3, new SplittableRandom(9)));
        // fewer points than clusters: each its own
        assertArrayEquals(new int[] {0, 1}, KMeans.labels(new double[][] {{0}, {1}}, 3, new SplittableRandom(1)));
    }

    @Test
    void spectralClusteringRecoversTheBlocksOfABlockDiagonalCorrelationMatrix() {
        // 12 dimensions in blocks {0,3,6,9,11}, {1,4,7}, {2,5,8,10}: strong correlation inside, weak across
        int[] block = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 2, 0};
        SplittableRandom rnd = new SplittableRandom(2);
        double[][] a = new double[12][12];
        for (int i = 0; i < 12; i++) {
            for (int j = i + 1; j < 12; j++) {
                double v = block[i] == block[j] ? 0.6 + 0.3 * rnd.nextDouble() : 0.05 * rnd.nextDouble();
                a[i][j] = v;
                a[j][i] = v;
            }
        }
        int[] labels = ColumnGroups.spectralLabels(a, 3, new SplittableRandom(7));
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(block[i] == block[j], labels[i] == labels[j], i + " and " + j);
            }
        }
        List<int[]> groups = ColumnGroups.byLabel(labels, 3);
        assertArrayEquals(new int[] {0, 3, 6, 9, 11}, groups.get(0));
        assertArrayEquals(new int[] {1, 4, 7}, groups.get(1));
        assertArrayEquals(new int[] {2, 5, 8, 10}, groups.get(2));
    }

    @Test
    void correlatedDimensionsOfRowsEndUpInOneGroup() {
        // 14 dimensions: three latent factors, each behind a few noisy copies, plus a constant dimension
        int rows = 2000;
        int dim = 14;
        int[] factor = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, -1};
        SplittableRandom rnd = new SplittableRandom(8);
        float[] x = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            double[] f = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            for (int d = 0; d < dim; d++) {
                x[r * dim + d] = factor[d] < 0 ? 0.25f : (float) (f[factor[d]] + 0.3 * rnd.nextGaussian());
            }
        }
        double[][] c;
        List<ColumnGroups.Spec> specs;
        try (Parallel par = new Parallel(2)) {
            c = ColumnGroups.absCorrelation(x, rows, dim, new SplittableRandom(1), par);
            specs = ColumnGroups.of(x, rows, dim, new SplittableRandom(3), par);
        }
        assertEquals(0.0, c[0][0]);
        assertTrue(c[0][3] > 0.8 && c[0][1] < 0.1, "within and across: " + c[0][3] + ", " + c[0][1]);
        assertTrue(c[13][0] < 0.1 && c[13][0] > 0, "a constant dimension correlates through noise: " + c[13][0]);
        assertEquals(List.of("all", "correlated 1", "correlated 2", "correlated 3", "random 1", "random 2", "random 3"),
                specs.stream().map(ColumnGroups.Spec::name).toList());
        // each correlated group holds whole factors (the constant dimension goes wherever)
        for (int g = 1; g <= 3; g++) {
            int[] dims = Arrays.stream(specs.get(g).dims()).filter(d -> d != 13).toArray();
            for (int d : dims) {
                assertEquals(factor[dims[0]], factor[d], specs.get(g).name() + " " + Arrays.toString(dims));
            }
        }
        // random groups: a partition into 5, 5, 4 dimensions
        int[] all = new int[dim];
        for (int g = 4; g <= 6; g++) {
            assertEquals(g < 6 ? 5 : 4, specs.get(g).dims().length);
            for (int d : specs.get(g).dims()) {
                all[d]++;
            }
        }
        for (int d = 0; d < dim; d++) {
            assertEquals(1, all[d]);
        }
    }

    @Test
    void tenDimensionsOrFewerHaveOnlyTheAllGroup() {
        List<ColumnGroups.Spec> specs = ColumnGroups.of(new float[50 * 10], 50, 10, new SplittableRandom(1), null);
        assertEquals(1, specs.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, specs.get(0).dims());
    }

    @Test
    void randomGroupsAreSeededNearEqualParts() {
        List<int[]> a = ColumnGroups.randomGroups(11, 3, new SplittableRandom(5));
        List<int[]> b = ColumnGroups.randomGroups(11, 3, new SplittableRandom(5));
        List<int[]> c = ColumnGroups.randomGroups(11, 3, new SplittableRandom(6));
        assertEquals(List.of(4, 4, 3), a.stream().map(g -> g.length).toList());
        for (int g = 0; g < 3; g++) {
            assertArrayEquals(a.get(g), b.get(g));
        }
        assertTrue(!Arrays.equals(a.get(0), c.get(0)) || !Arrays.equals(a.get(1), c.get(1)), "another seed, other groups");
    }
}
