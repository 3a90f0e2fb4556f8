package dev.issosynth.quality;

import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.util.Parallel;

import java.util.Arrays;

/**
 * Exact two-nearest-neighbour search under the Euclidean distance, for every query row against every data row.
 *
 * <p>Rows are {@code dim} floats, row-major. Squared distances are screened as {@code ||x||² − 2 q·x} (the query's
 * own norm is the same for all candidates), with the dot products of a block of {@value #QUERY_BLOCK} queries ×
 * {@value #DATA_BLOCK} data rows computed by a GEMM kernel ({@link Gemms#best()}: Vector API when the JVM has
 * {@code jdk.incubator.vector}, scalar otherwise). Each query keeps its {@value #CANDIDATES} best candidates by that
 * float screen; their distances are then recomputed directly, {@code Σ (q − x)²} in double, and the two smallest
 * kept (ties: lower data index first). So the float expansion never decides a value, only a shortlist with room
 * for its rounding (≈1e−6 on unit rows), and an exact copy has distance exactly 0.
 *
 * <p>Queries are split into fixed blocks, each computed on one thread in a fixed order: the result is bit-identical
 * for any thread count.
 */
public final class NearestNeighbours {
    static final int QUERY_BLOCK = 256;
    static final int DATA_BLOCK = 1024;
    static final int CANDIDATES = 4;

    /** Distances of each query to its nearest and second-nearest data row (NaN where the data has fewer rows). */
    public record Result(double[] nearest, double[] second, int[] nearestIndex) {
    }

    private NearestNeighbours() {
    }

    public static Result search(float[] data, int n, float[] queries, int m, int dim, Parallel par) {
        return search(data, n, queries, m, dim, par, Gemms.best());
    }

    public static Result search(float[] data, int n, float[] queries, int m, int dim, Parallel par, Gemm gemm) {
        if (data.length < (long) n * dim || queries.length < (long) m * dim) {
            throw new IllegalArgumentException("arrays shorter than rows × dim");
        }
        float[] norms = new float[n];
        for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int p = 0, o = j * dim; p < dim; p++, o++) {
                s += data[o] * data[o];
            }
            norms[j] = s;
        }
        // data transposed (dim × n) once, so every block product reads B in its natural layout (no per-call transpose)
        float[] dataT = new float[n * dim];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < dim; p++) {
                dataT[p * n + j] = data[j * dim + p];
            }
        }
        double[] nearest = new double[m];
        double[] second = new double[m];
        int[] nearestIndex = new int[m];
        int blocks = Parallel.blockCount(m, QUERY_BLOCK);
        int workers = par == null ? 1 : par.threads();
        float[][] dots = new float[workers][];
        Parallel.WorkerTaskBody body = (worker, block) -> {
            if (dots[worker] == null) {
                dots[worker] = new float[QUERY_BLOCK * DATA_BLOCK];
            }
            searchBlock(data, dataT, n, norms, queries, m, dim, block, dots[worker], gemm, nearest, second, nearestIndex);
        };
        if (par == null) {
            for (int b = 0; b < blocks; b++) {
                body.run(0, b);
            }
        } else {
            par.forTasks(blocks, body);
        }
        return new Result(nearest, second, nearestIndex);
    }

    private static void searchBlock(float[] data, float[] dataT, int n, float[] norms, float[] queries, int m, int dim, int block,
                                    float[] dots, Gemm gemm, double[] nearest, double[] second, int[] nearestIndex) {
        // The search's hot kernel, kept as one loop nest so the JIT sees the whole block.
        int q0 = block * QUERY_BLOCK;
        int qn = Math.min(QUERY_BLOCK, m - q0);
        int k = CANDIDATES;
        float[] candScore = new float[qn * k];
        int[] candIndex = new int[qn * k];
        Arrays.fill(candScore, Float.POSITIVE_INFINITY);
        Arrays.fill(candIndex, -1);
        for (int d0 = 0; d0 < n; d0 += DATA_BLOCK) {
            int dn = Math.min(DATA_BLOCK, n - d0);
            if (dim > 0) {
                gemm.multiply(qn, dn, dim, queries, q0 * dim, dim, false, dataT, d0, n, false, dots, 0, dn, 0f);
            } else {
                Arrays.fill(dots, 0, qn * dn, 0f);
            }
            for (int i = 0; i < qn; i++) {
                int cb = i * k;
                float worst = candScore[cb + k - 1];
                int row = i * dn;
                for (int j = 0; j < dn; j++) {
                    float s = norms[d0 + j] - 2f * dots[row + j];
                    if (s < worst) {
                        // insert, keeping the shortlist sorted by (score, index); later indices lose ties
                        int pos = cb + k - 1;
                        while (pos > cb && candScore[pos - 1] > s) {
                            candScore[pos] = candScore[pos - 1];
                            candIndex[pos] = candIndex[pos - 1];
                            pos--;
                        }
                        candScore[pos] = s;
                        candIndex[pos] = d0 + j;
                        worst = candScore[cb + k - 1];
                    }
                }
            }
        }
        for (int i = 0; i < qn; i++) {
            int q = q0 + i;
            double best = Double.NaN;
            double next = Double.NaN;
            int bestIdx = -1;
            int nextIdx = -1;
            for (int c = 0; c < k; c++) {
                int j = candIndex[i * k + c];
                if (j < 0) {
                    continue;
                }
                double d = squaredDistance(queries, q * dim, data, j * dim, dim);
                if (bestIdx < 0 || d < best || (d == best && j < bestIdx)) {
                    next = best;
                    nextIdx = bestIdx;
                    best = d;
                    bestIdx = j;
                } else if (nextIdx < 0 || d < next || (d == next && j < nextIdx)) {
                    next = d;
                    nextIdx = j;
                }
            }
            nearest[q] = Math.sqrt(best);
            second[q] = Math.sqrt(next);
            nearestIndex[q] = bestIdx;
        }
    }

    /** {@code Σ (a − b)²} in double over {@code dim} entries. */
    static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int dim) {
        double s = 0;
        for (int p = 0; p < dim; p++) {
            double t = (double) a[aOff + p] - b[bOff + p];
            s += t * t;
        }
        return s;
    }
}
