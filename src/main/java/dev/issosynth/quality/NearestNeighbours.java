package dev.issosynth.quality;

import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.math.ScreenKernel;
import dev.issosynth.util.Parallel;

import java.util.Arrays;

/**
 * Exact two-nearest-neighbour search under the Euclidean distance, for every query row against every data row,
 * on all dimensions or on several groups of dimensions at once.
 *
 * <p>Rows are {@code dim} floats, row-major. Squared distances are screened as {@code ||x||² − 2 q·x} (the query's
 * own norm is the same for all candidates), with the dot products of a block of queries × a block of data rows
 * computed by a GEMM kernel ({@link Gemms#best()}: Vector API when the JVM has {@code jdk.incubator.vector}, scalar
 * otherwise). The float screen only shortlists: each query keeps every data row whose screened value is within
 * twice a rounding bound of the second-smallest one, {@code 4 (k + 4) 2^−24 (M + 2 √(|q|² M))} for k dimensions and
 * M the largest squared norm of a data row, and recomputes their distances directly, {@code Σ (q − x)²} in double;
 * the two smallest are kept (ties: lower data index first). Since no float value can be off by more than that
 * bound, the true two nearest are always on the shortlist: the result is that of a brute-force search in double,
 * also among the many near-copies a small group of dimensions has (rows that differ only by their scaling to unit
 * length lie 1e−5 apart, far below float resolution). An exact copy has distance exactly 0.
 *
 * <p>Groups ({@link #searchGroups}): the dimensions are cut into disjoint <em>parts</em>, and each group is a union
 * of parts. One GEMM per part and data block gives the part's dot products; a group's dot products and norms are
 * the sums over its parts, so the privacy figures' seven groups (all dimensions, three correlated groups, three
 * random groups, each family a partition) cost two passes of GEMM work over the dimensions instead of three, and
 * every group is screened from the same blocks.
 *
 * <p>Queries are split into fixed blocks, each computed on one thread in a fixed order: the result is bit-identical
 * for any thread count.
 */
public final class NearestNeighbours {
    static final int QUERY_BLOCK = 256;
    static final int DATA_BLOCK = 1024;
    /** Query and data rows per block when several parts share the scratch (keeps the dot blocks in L2). */
    static final int GROUP_QUERY_BLOCK = 256;
    static final int GROUP_DATA_BLOCK = 256;
    /** Initial room of a query's shortlist (it grows when needed). */
    static final int SHORTLIST = 8;
    private static final double UNIT_ROUNDOFF = 0x1.0p-24;

    /** Distances of each query to its nearest and second-nearest data row (NaN where the data has fewer rows). */
    public record Result(double[] nearest, double[] second, int[] nearestIndex) {
    }

    private NearestNeighbours() {
    }

    public static Result search(float[] data, int n, float[] queries, int m, int dim, Parallel par) {
        return search(data, n, queries, m, dim, par, Gemms.best());
    }

    public static Result search(float[] data, int n, float[] queries, int m, int dim, Parallel par, Gemm gemm) {
        return search(data, n, queries, m, dim, par, gemm, ScreenKernel.best());
    }

    static Result search(float[] data, int n, float[] queries, int m, int dim, Parallel par, Gemm gemm,
                         ScreenKernel screen) {
        int[] all = new int[dim];
        for (int p = 0; p < dim; p++) {
            all[p] = p;
        }
        return searchGroups(data, n, queries, m, dim, new int[][] {all}, new int[][] {{0}}, par, gemm, screen)[0];
    }

    /**
     * The two nearest data rows of every query in each group of dimensions.
     *
     * @param parts  disjoint sets of dimensions
     * @param groups each group as the indices of its parts (e.g. {@code {0, 1, 2}} for the union of parts 0–2)
     * @return one result per group, in the order of {@code groups}
     */
    public static Result[] searchGroups(float[] data, int n, float[] queries, int m, int dim, int[][] parts,
                                        int[][] groups, Parallel par) {
        return searchGroups(data, null, n, queries, null, m, dim, parts, groups, par);
    }

    /**
     * As {@link #searchGroups(float[], int, float[], int, int, int[][], int[][], Parallel)}, with the rows also in
     * double ({@code dataExact}, {@code queriesExact}; the float arrays are their roundings): the float rows are
     * screened, the double rows give the distances, so the result is that of a search in double (the float
     * rounding of the rows is within the screen's window).
     */
    public static Result[] searchGroups(float[] data, double[] dataExact, int n, float[] queries, double[] queriesExact,
                                        int m, int dim, int[][] parts, int[][] groups, Parallel par) {
        return searchGroups(data, dataExact, n, queries, queriesExact, m, dim, parts, groups, par, Gemms.best(),
                ScreenKernel.best());
    }

    static Result[] searchGroups(float[] data, int n, float[] queries, int m, int dim, int[][] parts, int[][] groups,
                                 Parallel par, Gemm gemm, ScreenKernel screen) {
        return searchGroups(data, null, n, queries, null, m, dim, parts, groups, par, gemm, screen);
    }

    /**
     * Leave-one-out: each data row's two nearest <em>other</em> data rows in each group (a duplicate row counts, at
     * distance 0).
     */
    public static Result[] searchGroupsLeaveOneOut(float[] data, int n, int dim, int[][] parts, int[][] groups,
                                                   Parallel par) {
        return searchGroups(data, null, n, data, null, n, dim, parts, groups, par, Gemms.best(), ScreenKernel.best(),
                true);
    }

    static Result[] searchGroups(float[] data, double[] dataExact, int n, float[] queries, double[] queriesExact,
                                 int m, int dim, int[][] parts, int[][] groups, Parallel par, Gemm gemm,
                                 ScreenKernel screen) {
        return searchGroups(data, dataExact, n, queries, queriesExact, m, dim, parts, groups, par, gemm, screen,
                false);
    }

    /** @param excludeSelf query i is data row i and is not its own neighbour */
    static Result[] searchGroups(float[] data, double[] dataExact, int n, float[] queries, double[] queriesExact,
                                 int m, int dim, int[][] parts, int[][] groups, Parallel par, Gemm gemm,
                                 ScreenKernel screen, boolean excludeSelf) {
        if (data.length < (long) n * dim || queries.length < (long) m * dim
                || (dataExact != null && dataExact.length != data.length)
                || (queriesExact != null && queriesExact.length != queries.length)) {
            throw new IllegalArgumentException("arrays shorter than rows × dim");
        }
        Layout lay = new Layout(data, dataExact, n, queries, queriesExact, m, dim, parts, groups);
        int qb = parts.length == 1 ? QUERY_BLOCK : GROUP_QUERY_BLOCK;
        int db = parts.length == 1 ? DATA_BLOCK : GROUP_DATA_BLOCK;
        Result[] out = new Result[groups.length];
        for (int g = 0; g < groups.length; g++) {
            out[g] = new Result(new double[m], new double[m], new int[m]);
        }
        int blocks = Parallel.blockCount(m, qb);
        int workers = par == null ? 1 : par.threads();
        Scratch[] scratch = new Scratch[workers];
        Parallel.WorkerTaskBody body = (worker, block) -> {
            if (scratch[worker] == null) {
                scratch[worker] = new Scratch(parts.length, groups.length, qb, db);
            }
            searchBlock(lay, block, qb, db, scratch[worker], gemm, screen, out, excludeSelf);
        };
        if (par == null) {
            for (int b = 0; b < blocks; b++) {
                body.run(0, b);
            }
        } else {
            par.forTasks(blocks, body);
        }
        return out;
    }

    /** The rows cut into parts (each contiguous, data transposed for the GEMM) and the groups' norms. */
    private static final class Layout {
        final float[] data;
        final float[] queries;
        final double[] dataExact;    // null: the float rows are exact
        final double[] queriesExact;
        final int n;
        final int m;
        final int dim;
        final int[][] parts;
        final int[][] groups;
        final float[][] queryParts;  // per part: m × |part|
        final float[][] dataPartsT;  // per part: |part| × n
        final float[][] groupNorms;  // per group: n
        final float[][] queryWindow; // per group: m, twice the rounding bound of a screened value for that query
        final int[][] groupDims;     // per group: its dimensions, ascending

        Layout(float[] data, double[] dataExact, int n, float[] queries, double[] queriesExact, int m, int dim,
               int[][] parts, int[][] groups) {
            this.data = data;
            this.queries = queries;
            this.dataExact = dataExact;
            this.queriesExact = queriesExact;
            this.n = n;
            this.m = m;
            this.dim = dim;
            this.parts = parts;
            this.groups = groups;
            int np = parts.length;
            queryParts = new float[np][];
            dataPartsT = new float[np][];
            float[][] partNorms = new float[np][n];
            float[][] queryPartNorms = new float[np][m];
            for (int p = 0; p < np; p++) {
                int[] dims = parts[p];
                int k = dims.length;
                float[] qp = new float[m * k];
                for (int i = 0; i < m; i++) {
                    float s = 0f;
                    for (int c = 0; c < k; c++) {
                        float x = queries[i * dim + dims[c]];
                        qp[i * k + c] = x;
                        s += x * x;
                    }
                    queryPartNorms[p][i] = s;
                }
                float[] dt = new float[k * n];
                float[] norm = partNorms[p];
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int c = 0; c < k; c++) {
                        float x = data[j * dim + dims[c]];
                        dt[c * n + j] = x;
                        s += x * x;
                    }
                    norm[j] = s;
                }
                queryParts[p] = qp;
                dataPartsT[p] = dt;
            }
            groupNorms = new float[groups.length][];
            queryWindow = new float[groups.length][m];
            groupDims = new int[groups.length][];
            for (int g = 0; g < groups.length; g++) {
                groupNorms[g] = sum(partNorms, groups[g], n);
                float[] qn = sum(queryPartNorms, groups[g], m);
                groupDims[g] = Arrays.stream(groups[g]).flatMap(p -> Arrays.stream(parts[p])).sorted().toArray();
                double big = 0;
                for (float x : groupNorms[g]) {
                    big = Math.max(big, x);
                }
                double scale = 4 * (groupDims[g].length + 4) * UNIT_ROUNDOFF;
                for (int i = 0; i < m; i++) {
                    double bound = scale * (big + 2 * Math.sqrt(qn[i] * big));
                    queryWindow[g][i] = (float) (2 * bound) * 1.0001f;
                }
            }
        }

        /** Squared distance of query q and data row j on the dimensions ({@code all}: every one), in double. */
        double distance(int q, int j, int[] dims, boolean all) {
            if (dataExact != null && queriesExact != null) {
                double s = 0;
                if (all) {
                    for (int p = 0, a = q * dim, b = j * dim; p < dim; p++, a++, b++) {
                        double t = queriesExact[a] - dataExact[b];
                        s += t * t;
                    }
                } else {
                    for (int p : dims) {
                        double t = queriesExact[q * dim + p] - dataExact[j * dim + p];
                        s += t * t;
                    }
                }
                return s;
            }
            return all ? squaredDistance(queries, q * dim, data, j * dim, dim)
                    : squaredDistance(queries, q * dim, data, j * dim, dims);
        }

        /** Σ over the listed parts of {@code v[part]}, element-wise (the part's own array when there is one). */
        private static float[] sum(float[][] v, int[] ps, int len) {
            if (ps.length == 1) {
                return v[ps[0]];
            }
            float[] s = new float[len];
            for (int p : ps) {
                for (int j = 0; j < len; j++) {
                    s[j] += v[p][j];
                }
            }
            return s;
        }
    }

    /** One worker's buffers: a block of dot products per part, a summed row, and the shortlists of each group. */
    private static final class Scratch {
        final float[][] dots;
        final float[] row;
        final Shortlists[] lists;

        Scratch(int parts, int groups, int qb, int db) {
            dots = new float[parts][qb * db];
            row = new float[db];
            lists = new Shortlists[groups];
            for (int g = 0; g < groups; g++) {
                lists[g] = new Shortlists(qb);
            }
        }
    }

    /**
     * Per query of a block: the smallest and second-smallest screened values so far, and every data row whose
     * screened value was within the query's window of the second-smallest when it was seen (in data order).
     */
    private static final class Shortlists {
        final float[] best;
        final float[] second;
        final int[][] index;
        final float[][] score;
        final int[] size;

        Shortlists(int qb) {
            best = new float[qb];
            second = new float[qb];
            index = new int[qb][SHORTLIST];
            score = new float[qb][SHORTLIST];
            size = new int[qb];
        }

        void reset(int qn) {
            Arrays.fill(best, 0, qn, Float.POSITIVE_INFINITY);
            Arrays.fill(second, 0, qn, Float.POSITIVE_INFINITY);
            Arrays.fill(size, 0, qn, 0);
        }

        /**
         * Takes a row that passed the screen: updates query {@code i}'s two best screened values, appends the row
         * and returns the new limit ({@code second + window}).
         */
        float offer(int i, int row, float s, float window) {
            if (s < second[i]) {
                if (s < best[i]) {
                    second[i] = best[i];
                    best[i] = s;
                } else {
                    second[i] = s;
                }
            }
            float limit = second[i] + window;
            add(i, row, s, limit);
            return limit;
        }

        /** Appends a row; when the list is full, drops the rows above {@code limit} first and grows if still full. */
        void add(int i, int j, float s, float limit) {
            int n = size[i];
            if (n == index[i].length) {
                int[] idx = index[i];
                float[] sc = score[i];
                int kept = 0;
                for (int t = 0; t < n; t++) {
                    if (sc[t] <= limit) {
                        idx[kept] = idx[t];
                        sc[kept] = sc[t];
                        kept++;
                    }
                }
                n = kept;
                if (n > idx.length / 2) {
                    index[i] = Arrays.copyOf(idx, idx.length * 2);
                    score[i] = Arrays.copyOf(sc, sc.length * 2);
                }
            }
            index[i][n] = j;
            score[i][n] = s;
            size[i] = n + 1;
        }
    }

    private static void searchBlock(Layout lay, int block, int qb, int db, Scratch sc, Gemm gemm, ScreenKernel screen,
                                    Result[] out, boolean excludeSelf) {
        int q0 = block * qb;
        int qn = Math.min(qb, lay.m - q0);
        for (Shortlists l : sc.lists) {
            l.reset(qn);
        }
        for (int d0 = 0; d0 < lay.n; d0 += db) {
            int dn = Math.min(db, lay.n - d0);
            for (int p = 0; p < lay.parts.length; p++) {
                int kp = lay.parts[p].length;
                if (kp > 0) {
                    gemm.multiply(qn, dn, kp, lay.queryParts[p], q0 * kp, kp, false, lay.dataPartsT[p], d0, lay.n,
                            false, sc.dots[p], 0, dn, 0f);
                } else {
                    Arrays.fill(sc.dots[p], 0, qn * dn, 0f);
                }
            }
            for (int g = 0; g < lay.groups.length; g++) {
                int[] gp = lay.groups[g];
                for (int i = 0; i < qn; i++) {
                    float window = lay.queryWindow[g][q0 + i];
                    int self = excludeSelf ? q0 + i : -1;
                    if (gp.length == 1) {
                        screen(screen, lay.groupNorms[g], d0, sc.dots[gp[0]], i * dn, dn, sc.lists[g], i, window,
                                self);
                    } else if (gp.length == 3) {
                        screen3(screen, lay.groupNorms[g], d0, sc.dots[gp[0]], sc.dots[gp[1]], sc.dots[gp[2]], i * dn,
                                dn, sc.lists[g], i, window, self);
                    } else {
                        sumRows(sc.dots, gp, i * dn, dn, sc.row);
                        screen(screen, lay.groupNorms[g], d0, sc.row, 0, dn, sc.lists[g], i, window, self);
                    }
                }
            }
        }
        for (int g = 0; g < lay.groups.length; g++) {
            finish(lay, g, q0, qn, sc.lists[g], out[g]);
        }
    }

    /** {@code row[j] = Σ over the group's parts of dots[part][at + j]}, parts in order. */
    private static void sumRows(float[][] dots, int[] gp, int at, int dn, float[] row) {
        float[] a = dots[gp[0]];
        float[] b = dots[gp[1]];
        for (int j = 0; j < dn; j++) {
            row[j] = a[at + j] + b[at + j];
        }
        for (int t = 2; t < gp.length; t++) {
            float[] c = dots[gp[t]];
            for (int j = 0; j < dn; j++) {
                row[j] += c[at + j];
            }
        }
    }

    /**
     * Screens one query's block of dot products ({@code ||x||² − 2 q·x}) into its shortlist: every row within
     * {@code window} of the second-smallest value so far. The kernel skips ahead to the next such row.
     */
    private static void screen(ScreenKernel kernel, float[] norms, int d0, float[] dots, int off, int dn,
                               Shortlists l, int i, float window, int self) {
        float limit = l.second[i] + window;
        for (int j = kernel.firstAtMost(norms, d0, dots, off, 0, dn, limit); j < dn;
             j = kernel.firstAtMost(norms, d0, dots, off, j + 1, dn, limit)) {
            if (d0 + j != self) {
                limit = l.offer(i, d0 + j, norms[d0 + j] - 2f * dots[off + j], window);
            }
        }
    }

    /** {@link #screen} on the sum of three parts' dot products, {@code (a + b) + c} as {@link #sumRows} adds them. */
    private static void screen3(ScreenKernel kernel, float[] norms, int d0, float[] a, float[] b, float[] c, int off,
                                int dn, Shortlists l, int i, float window, int self) {
        float limit = l.second[i] + window;
        for (int j = kernel.firstAtMost3(norms, d0, a, b, c, off, 0, dn, limit); j < dn;
             j = kernel.firstAtMost3(norms, d0, a, b, c, off, j + 1, dn, limit)) {
            if (d0 + j != self) {
                limit = l.offer(i, d0 + j, norms[d0 + j] - 2f * ((a[off + j] + b[off + j]) + c[off + j]), window);
            }
        }
    }

    /** Exact distances of the shortlisted rows on the group's dimensions; the two smallest. */
    private static void finish(Layout lay, int g, int q0, int qn, Shortlists l, Result r) {
        int[] dims = lay.groupDims[g];
        boolean all = dims.length == lay.dim;
        for (int i = 0; i < qn; i++) {
            int q = q0 + i;
            float limit = l.second[i] + lay.queryWindow[g][q];
            double best = Double.NaN;
            double next = Double.NaN;
            int bestIdx = -1;
            int nextIdx = -1;
            int[] idx = l.index[i];
            float[] sc = l.score[i];
            for (int t = 0; t < l.size[i]; t++) {
                if (!(sc[t] <= limit)) {
                    continue;
                }
                int j = idx[t];
                double d = lay.distance(q, j, dims, all);
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
            r.nearest()[q] = Math.sqrt(best);
            r.second()[q] = Math.sqrt(next);
            r.nearestIndex()[q] = bestIdx;
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

    /** {@code Σ (a − b)²} in double over the listed dimensions. */
    static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int[] dims) {
        double s = 0;
        for (int p : dims) {
            double t = (double) a[aOff + p] - b[bOff + p];
            s += t * t;
        }
        return s;
    }
}
