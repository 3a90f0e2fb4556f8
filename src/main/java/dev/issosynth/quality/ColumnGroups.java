package dev.issosynth.quality;

import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The subsets of encoded dimensions the privacy figures are computed on, as MOSTLY AI's QA library forms them:
 * <ol>
 *   <li>all dimensions;</li>
 *   <li>when there are more than {@value #MIN_DIMS} dimensions, {@value #K} groups of mutually correlated
 *   dimensions: spectral clustering ({@link #spectralLabels}) of the absolute Pearson correlations between the
 *   encoded dimensions of the reference rows (training and holdout stacked);</li>
 *   <li>when there are more than {@value #MIN_DIMS} dimensions, {@value #K} random groups: the dimensions shuffled
 *   (seeded) and cut into {@value #K} parts whose sizes differ by at most one, the larger ones first.</li>
 * </ol>
 * Everything is seeded and computed in a fixed order, so the groups do not depend on the thread count.
 */
final class ColumnGroups {
    /** Groups are formed only above this many encoded dimensions. */
    static final int MIN_DIMS = 10;
    static final int K = 3;
    /** Rows per block of the correlation's cross-product (float GEMM per block, summed in double). */
    static final int ROW_BLOCK = 4096;
    /** Scale of the noise the library adds before correlating, so a constant dimension has a defined correlation. */
    static final double NOISE = 1e-8;

    /** One group: its name and its encoded dimensions (ascending). */
    record Spec(String name, int[] dims) {
    }

    private ColumnGroups() {
    }

    /** The groups of {@code dim} encoded dimensions, correlations taken on {@code rows} reference rows of {@code ref}. */
    static List<Spec> of(float[] ref, int rows, int dim, SplittableRandom rnd, Parallel par) {
        List<Spec> out = new ArrayList<>();
        int[] all = new int[dim];
        for (int d = 0; d < dim; d++) {
            all[d] = d;
        }
        out.add(new Spec("all", all));
        if (dim <= MIN_DIMS) {
            return out;
        }
        SplittableRandom corrRnd = rnd.split();
        SplittableRandom kmeansRnd = rnd.split();
        SplittableRandom shuffleRnd = rnd.split();
        double[][] a = absCorrelation(ref, rows, dim, corrRnd, par);
        int[] labels = spectralLabels(a, K, kmeansRnd);
        out.addAll(named("correlated", byLabel(labels, K)));
        out.addAll(named("random", randomGroups(dim, K, shuffleRnd)));
        return out;
    }

    private static List<Spec> named(String prefix, List<int[]> groups) {
        List<Spec> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            out.add(new Spec(prefix + " " + (g + 1), groups.get(g)));
        }
        return out;
    }

    /** Dimensions by label, each ascending, empty labels left out, ordered by their first dimension. */
    static List<int[]> byLabel(int[] labels, int k) {
        List<int[]> groups = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int label = c;
            int[] dims = java.util.stream.IntStream.range(0, labels.length).filter(d -> labels[d] == label).toArray();
            if (dims.length > 0) {
                groups.add(dims);
            }
        }
        groups.sort(Comparator.comparingInt(g -> g[0]));
        return groups;
    }

    /** The dimensions shuffled and cut into k parts of near-equal size (the first {@code dim % k} one larger). */
    static List<int[]> randomGroups(int dim, int k, SplittableRandom rnd) {
        int[] perm = new int[dim];
        for (int i = 0; i < dim; i++) {
            perm[i] = i;
        }
        for (int i = dim - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<int[]> groups = new ArrayList<>();
        int base = dim / k;
        int extra = dim % k;
        int at = 0;
        for (int g = 0; g < k; g++) {
            int size = base + (g < extra ? 1 : 0);
            int[] dims = Arrays.copyOfRange(perm, at, at + size);
            Arrays.sort(dims);
            at += size;
            if (dims.length > 0) {
                groups.add(dims);
            }
        }
        return groups;
    }

    /**
     * |Pearson correlation| between the columns of {@code x} ({@code rows × dim}, row-major), with a zero diagonal
     * (the affinity of the spectral clustering). A constant column is correlated through tiny seeded Gaussian noise,
     * as the library adds noise of scale {@value #NOISE} to every cell first (on a column that varies, that noise
     * changes the correlation by about 1e−8 / its standard deviation, so only constant columns are given it here).
     */
    static double[][] absCorrelation(float[] x, int rows, int dim, SplittableRandom rnd, Parallel par) {
        double[] mean = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int d = 0, o = r * dim; d < dim; d++, o++) {
                mean[d] += x[o];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= rows;
        }
        double[][] cov = new double[dim][dim];
        Gemm gemm = Gemms.best();
        int block = Math.min(ROW_BLOCK, Math.max(1, rows));
        float[] centred = new float[block * dim];
        float[] prod = new float[dim * dim];
        for (int r0 = 0; r0 < rows; r0 += block) {
            int rn = Math.min(block, rows - r0);
            for (int r = 0; r < rn; r++) {
                for (int d = 0; d < dim; d++) {
                    centred[r * dim + d] = (float) (x[(r0 + r) * dim + d] - mean[d]);
                }
            }
            // prod = centredᵀ · centred (dim × dim), summed over the block's rows
            gemm.multiply(dim, dim, rn, centred, 0, dim, true, centred, 0, dim, false, prod, 0, dim, 0f, par);
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    cov[i][j] += prod[i * dim + j];
                }
            }
        }
        boolean[] constant = new boolean[dim];
        for (int d = 0; d < dim; d++) {
            constant[d] = isConstant(x, rows, dim, d);
        }
        double[][] noise = new double[dim][];
        for (int d = 0; d < dim; d++) {
            if (constant[d]) {
                noise[d] = gaussian(rows, rnd);
            }
        }
        double[][] a = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
                double c;
                if (constant[i] || constant[j]) {
                    c = noisyCorrelation(x, rows, dim, mean, i, j, noise[i], noise[j]);
                } else {
                    double den = Math.sqrt(cov[i][i] * cov[j][j]);
                    c = den > 0 ? cov[i][j] / den : 0;
                }
                c = Math.min(1, Math.abs(c));
                a[i][j] = c;
                a[j][i] = c;
            }
        }
        return a;
    }

    private static boolean isConstant(float[] x, int rows, int dim, int d) {
        float first = x[d];
        for (int r = 1; r < rows; r++) {
            if (x[r * dim + d] != first) {
                return false;
            }
        }
        return true;
    }

    /** Correlation of columns i and j where a constant one is replaced by its (centred) noise. */
    private static double noisyCorrelation(float[] x, int rows, int dim, double[] mean, int i, int j, double[] ni,
                                           double[] nj) {
        double sij = 0;
        double sii = 0;
        double sjj = 0;
        for (int r = 0; r < rows; r++) {
            double a = ni != null ? ni[r] : x[r * dim + i] - mean[i];
            double b = nj != null ? nj[r] : x[r * dim + j] - mean[j];
            sij += a * b;
            sii += a * a;
            sjj += b * b;
        }
        double den = Math.sqrt(sii * sjj);
        return den > 0 ? sij / den : 0;
    }

    /** {@code n} seeded standard normal values, centred. */
    private static double[] gaussian(int n, SplittableRandom rnd) {
        double[] g = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double u1 = 1 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            g[i] = Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
            mean += g[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            g[i] -= mean;
        }
        return g;
    }

    /**
     * Spectral clustering of an affinity matrix (symmetric, non-negative, zero diagonal) into k labels, as
     * scikit-learn's {@code SpectralClustering(affinity="precomputed", assign_labels="kmeans")}: the k leading
     * eigenvectors of the symmetric normalised affinity D^−½ A D^−½ (the k smallest of the normalised Laplacian),
     * each divided by √degree (a node without edges by 1) and signed so its largest entry is positive, then
     * k-means on the rows of that embedding.
     */
    static int[] spectralLabels(double[][] a, int k, SplittableRandom rnd) {
        int n = a.length;
        double[] dd = new double[n];
        for (int i = 0; i < n; i++) {
            double deg = 0;
            for (int j = 0; j < n; j++) {
                deg += i == j ? 0 : a[i][j];
            }
            dd[i] = deg > 0 ? Math.sqrt(deg) : 1;
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? 0 : a[i][j] / (dd[i] * dd[j]);
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(m);
        int comps = Math.min(k, n);
        double[][] points = new double[n][comps];
        for (int c = 0; c < comps; c++) {
            double[] v = eig.vectors[c];
            double[] u = new double[n];
            int arg = 0;
            for (int i = 0; i < n; i++) {
                u[i] = v[i] / dd[i];
                if (Math.abs(u[i]) > Math.abs(u[arg])) {
                    arg = i;
                }
            }
            double sign = u[arg] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                points[i][c] = sign * u[i];
            }
        }
        return KMeans.labels(points, k, rnd);
    }
}
