package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far from the training data a new real record lies, measured without a holdout: the yardstick the selection
 * steers its rows by ({@code pipeline.PrivacySteering}).
 *
 * <ol>
 *   <li>Reference set: the training rows (a seeded sample of {@code cap} of them when there are more).</li>
 *   <li>Rows encoded as the privacy figures encode them ({@link EmbeddingEncoder}, fitted on the reference set),
 *   via 16-bit compact cells ({@link EmbeddingEncoder#compactCell}) so that a whole pool can be kept encoded;
 *   groups of dimensions as the figures form them ({@link ColumnGroups}: all, and with more than 10 dimensions 3
 *   correlated and 3 random).</li>
 *   <li>Per group, three measures of a row, each one marginal the selection matches:
 *   <ul>
 *     <li>{@link #DISTANCE}: the distance to the nearest reference row, binned at the {@link #LEVELS} quantiles of
 *     the reference rows' leave-one-out distances (each to its nearest <em>other</em> reference row, 0 for a
 *     duplicate): a new real record lies at such a distance (m − 1 rows against m: no size correction). A bin
 *     holds the values up to and including its upper edge; equal edges merge, so a coarse table whose rows repeat
 *     gets a bin of exact matches. Every bin up to the median is capped at its reference share.</li>
 *     <li>{@link #RATIO}: nearest over second-nearest distance (the NNDR of the figures), binned at the
 *     {@link #RATIO_LEVELS} quantiles of the leave-one-out ratios: the low tail the NNDR ratio is read from.</li>
 *     <li>{@link #PSEUDO}: whether the row is closer to the reference than to a sample of the pool of the same size
 *     (the row itself left out): the pool stands in for the holdout the DCR share compares with. Capped at a share
 *     the caller sets ({@link #usePoolSample}).</li>
 *   </ul></li>
 * </ol>
 * Everything is seeded and the searches are bit-identical for any thread count.
 */
public final class PrivacyReference {
    /** Reference rows unless the caller caps them otherwise. */
    public static final int DEFAULT_ROWS = 25_000;
    /** Quantile levels of the leave-one-out distances that edge the {@link #DISTANCE} bins (the last bin is free). */
    static final double[] LEVELS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
    /**
     * Quantile levels of the leave-one-out ratios that edge the {@link #RATIO} bins: the low tail, where the NNDR
     * (the 10th smallest ratio of a table: quantile 0.0004 at 24,421 rows, 0.0001 at 100,000) lies. Without the
     * levels below 0.002 the census halves' result failed the NNDR limit in 2 of 18 evaluation seeds (0.456 and 0.457);
     * with them in none (at least 0.578).
     */
    static final double[] RATIO_LEVELS = {0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1};
    /** Measure of a row: the distance to its nearest reference row. */
    public static final int DISTANCE = 0;
    /** Measure of a row: (nearest + 1e−8) / (second nearest + 1e−8), the NNDR of the privacy figures. */
    public static final int RATIO = 1;
    /**
     * Measure of a row: its distance to the nearest reference row over its distance to the nearest row of the pool
     * sample; bin 1 = closer to the reference, bin 0 = closer to the pool, {@link #TIE} when equal.
     */
    public static final int PSEUDO = 2;
    /** {@link #bin} of a {@link #PSEUDO} measure that ties. */
    public static final int TIE = -1;
    /** The measures of each group, in marginal order. */
    private static final int[] KINDS = {DISTANCE, RATIO, PSEUDO};
    /**
     * Random cuts of the dimensions into 3 groups each: the figures' one, and more, since the library's random groups
     * are its own (measured on two 5,000-row census cuts, 4 evaluation seeds each: worst-group DCR share 0.5161 and
     * 0.5213 with one cut, 0.5056 and 0.5144 with three).
     */
    public static final int RANDOM_PARTITIONS = 3;
    /** Bounds of the pool-sample caps. */
    static final double MIN_CAP = 0.05;
    static final double MAX_CAP = 0.95;
    /** Queries per search call: bounds the encoded query block (rows × dimensions floats). */
    private static final int QUERY_CHUNK = 16_384;

    private final EmbeddingEncoder encoder;
    private final int[] schemaColumn;
    private final float[] reference;
    private final int rows;
    private final SearchPlan plan;
    private final List<String> groupNames;
    private final double[][] edges;
    private final double[][] shares;
    private final double[][] sortedLoo;
    /** Per group, each reference row's leave-one-out distance, in reference order. */
    private final double[][] looNearest;
    /** Per group, the share of reference rows closer to the other reference rows than to the pool sample. */
    private double[] realCloserThanPool;
    /** Near copies in the pool sample against real records (group "all"), after {@link #usePoolSample}. */
    private NearCopies nearCopies;
    /** The reference rows' compact cells, for {@link PartialCopies}. */
    private CompactCells cells;
    private float[] pool;
    private int[] poolRowsSorted;
    private int poolRows;

    private PrivacyReference(EmbeddingEncoder encoder, int[] schemaColumn, float[] reference, int rows,
                             SearchPlan plan, List<String> groupNames, double[][] sortedLoo,
                             double[][] looNearest) {
        this.encoder = encoder;
        this.schemaColumn = schemaColumn;
        this.reference = reference;
        this.rows = rows;
        this.plan = plan;
        this.groupNames = groupNames;
        this.sortedLoo = sortedLoo;
        this.looNearest = looNearest;
        int g = sortedLoo.length;
        this.edges = new double[g][];
        this.shares = new double[g][];
        for (int k = 0; k < g; k++) {
            if (kind(k) == PSEUDO) {
                continue; // set by usePoolSample
            }
            edges[k] = edges(sortedLoo[k], kind(k) == RATIO ? RATIO_LEVELS : LEVELS);
            shares[k] = new double[edges[k].length + 1];
            for (double d : sortedLoo[k]) {
                shares[k][bin(edges[k], d)]++;
            }
            for (int b = 0; b < shares[k].length; b++) {
                shares[k][b] /= sortedLoo[k].length;
            }
        }
    }

    /**
     * Fits the reference on {@code train}: at most {@code cap} rows (at least 2; the table must have 2 rows).
     */
    public static PrivacyReference fit(TrainingTable train, int cap, long seed, Parallel par) {
        return fit(train, cap, RANDOM_PARTITIONS, seed, par);
    }

    /** As above with {@code partitions} random cuts of the dimensions (each adds 3 groups to the search). */
    public static PrivacyReference fit(TrainingTable train, int cap, int partitions, long seed, Parallel par) {
        if (cap < 2 || train.rowCount() < 2) {
            throw new IllegalArgumentException("a privacy reference needs at least 2 rows (cap " + cap + ", rows "
                    + train.rowCount() + ")");
        }
        Schema schema = train.schema();
        SplittableRandom root = new SplittableRandom(seed ^ 0x5245464552454e43L);
        RawTable ref = PrivacyEvaluator.sample(train.raw(), Math.min(cap, train.rowCount()), root.split());
        String[] names = schema.names();
        RawTable none = new RawTable(names, new String[names.length][0]);
        EmbeddingEncoder enc = new EmbeddingEncoder(schema, ref, none, root.split(), par);
        String[] compactNames = enc.compactColumns();
        int[] schemaColumn = new int[compactNames.length];
        for (int k = 0; k < compactNames.length; k++) {
            schemaColumn[k] = schema.columnIndex(compactNames[k]);
        }
        char[][] compact = enc.compactCells(ref);
        int m = ref.rowCount();
        int dim = enc.dim();
        float[] x = new float[m * dim];
        enc.expand(CompactCells.of(compact), null, m, x, par);
        List<ColumnGroups.Spec> specs = new ArrayList<>(ColumnGroups.of(x, m, dim, root.split(), par));
        // the judge draws its own random groups: steering on several random cuts holds on others too
        SplittableRandom extra = root.split();
        for (int t = 1; t < partitions && specs.size() > 1; t++) {
            List<int[]> rg = ColumnGroups.randomGroups(dim, ColumnGroups.K, extra);
            for (int g = 0; g < rg.size(); g++) {
                specs.add(new ColumnGroups.Spec("random " + (specs.size() - ColumnGroups.K), rg.get(g)));
            }
        }
        SearchPlan plan = SearchPlan.of(specs, dim);
        NearestNeighbours.Result[] loo = NearestNeighbours.searchGroupsLeaveOneOut(x, m, dim, plan.parts(),
                plan.groups(), par);
        double[][] values = new double[specs.size() * KINDS.length][];
        List<String> groupNames = new ArrayList<>();
        for (int g = 0; g < specs.size(); g++) {
            for (int t = 0; t < KINDS.length; t++) {
                if (KINDS[t] != PSEUDO) {
                    double[] v = new double[m];
                    measure(KINDS[t], loo[g], v, 0, m);
                    Arrays.sort(v);
                    values[g * KINDS.length + t] = v;
                }
            }
            groupNames.add(specs.get(g).name());
        }
        double[][] looNearest = new double[specs.size()][];
        for (int g = 0; g < specs.size(); g++) {
            looNearest[g] = loo[g].nearest();
        }
        PrivacyReference out = new PrivacyReference(enc, schemaColumn, x, m, plan, List.copyOf(groupNames), values,
                looNearest);
        out.cells = CompactCells.of(compact);
        return out;
    }

    /** The reference rows' compact cells (rows {@code 0..rows()-1}). */
    public CompactCells cells() {
        return cells;
    }

    /** The column name of compact column {@code k}. */
    public String compactColumnName(int k) {
        return encoder.compactColumns()[k];
    }

    private static void measure(int kind, NearestNeighbours.Result r, double[] out, int at, int n) {
        for (int i = 0; i < n; i++) {
            out[at + i] = kind == DISTANCE ? r.nearest()[i]
                    : (r.nearest()[i] + PrivacyEvaluator.NNDR_EPS) / (r.second()[i] + PrivacyEvaluator.NNDR_EPS);
        }
    }

    /** Bin edges: the distinct quantiles at {@code levels} of sorted values. */
    static double[] edges(double[] sorted, double[] levels) {
        double[] e = new double[levels.length];
        int n = 0;
        for (double level : levels) {
            double q = PrivacyEvaluator.quantile(sorted, level);
            if (n == 0 || q > e[n - 1]) {
                e[n++] = q;
            }
        }
        return Arrays.copyOf(e, n);
    }

    /** The bin of a distance: the first edge it does not exceed, or past the last edge. */
    static int bin(double[] edges, double d) {
        int b = 0;
        while (b < edges.length && d > edges[b]) {
            b++;
        }
        return b;
    }

    /** The bin of measure value {@code v} of marginal {@code k}. */
    public int bin(int k, double v) {
        if (kind(k) == PSEUDO) {
            return v < 1 ? 1 : v > 1 ? 0 : TIE;
        }
        return bin(edges[k], v);
    }

    /**
     * The pool rows (ascending, of {@code compact}) that stand in for a holdout in the {@link #PSEUDO} measure, and
     * its caps: per group, the share of the reference rows themselves that are closer to the other reference rows
     * than to the pool sample ({@link #realCloserThanPool}: about 0.5 for a pool like real data, more for a pool
     * spread wider than real data, less for one crowding the training rows), minus {@code margin}, within
     * [{@value #MIN_CAP}, {@value #MAX_CAP}]. So a selection may be no closer to the training data, relative to the
     * pool, than real records are, less the margin; and a pool that is merely spread out raises no false alarm.
     */
    public void usePoolSample(CompactCells compact, int[] sortedRows, double margin, Parallel par) {
        if (!(margin >= 0 && margin < 0.5)) {
            throw new IllegalArgumentException("pool-sample margin must be in [0, 0.5): " + margin);
        }
        int dim = encoder.dim();
        float[] x = new float[sortedRows.length * dim];
        encoder.expand(compact, sortedRows, sortedRows.length, x, par);
        pool = x;
        poolRowsSorted = sortedRows.clone();
        poolRows = sortedRows.length;
        NearestNeighbours.Result[] toPool = NearestNeighbours.searchGroups(pool, poolRows, reference, rows, dim,
                plan.parts(), plan.groups(), par);
        realCloserThanPool = new double[groups()];
        for (int g = 0; g < groups(); g++) {
            double c = 0;
            for (int i = 0; i < rows; i++) {
                double a = looNearest[g][i];
                double b = toPool[g].nearest()[i];
                c += a < b ? 1 : a == b ? 0.5 : 0;
            }
            realCloserThanPool[g] = c / rows;
        }
        nearCopies = NearCopies.of(sortedLoo[DISTANCE], NearestNeighbours.search(reference, rows, pool, poolRows, dim,
                par).nearest());
        for (int k = 0; k < edges.length; k++) {
            if (kind(k) == PSEUDO) {
                double cap = Math.max(MIN_CAP, Math.min(MAX_CAP, realCloserThanPool[group(k)] - margin));
                edges[k] = new double[] {1};
                shares[k] = new double[] {1 - cap, cap};
            }
        }
    }

    /**
     * Per group, the share of the reference rows closer to the other reference rows than to the pool sample, ties
     * half (after {@link #usePoolSample}): what real records show in the {@link #PSEUDO} measure.
     */
    public double[] realCloserThanPool() {
        return realCloserThanPool == null ? null : realCloserThanPool.clone();
    }

    /**
     * Near copies, on all columns: the share of pool-sample rows at most as far from a training row as the closest
     * {@value #NEAR_COPY_LEVEL} of real records are (the reference's leave-one-out distances; on a coarse table where
     * more of them are exact matches, at distance 0), against that share of real records. A generator that
     * memorises shows many times the real share (a pool of training rows with 30 % of their cells resampled: 5.9
     * times on census); one that does not, about the same (argn on census and baseball: 0.9 and 1.0).
     */
    public record NearCopies(double poolShare, double realShare) {
        static NearCopies of(double[] sortedLoo, double[] poolNearest) {
            double limit = PrivacyEvaluator.quantile(sortedLoo, NEAR_COPY_LEVEL);
            double real = upperBound(sortedLoo, limit);
            double pool = 0;
            for (double d : poolNearest) {
                pool += d <= limit ? 1 : 0;
            }
            return new NearCopies(poolNearest.length == 0 ? 0 : pool / poolNearest.length, real / sortedLoo.length);
        }

        /** The pool's share over the real one. */
        public double excess() {
            return poolShare / realShare;
        }

        /** Whether the pool holds at least {@value #MEMORISING} times the real share: its generator memorises. */
        public boolean memorising() {
            return excess() >= MEMORISING;
        }
    }

    /** The share of real records whose leave-one-out distance defines a near copy. */
    public static final double NEAR_COPY_LEVEL = 0.01;
    /** Near copies at this many times the real share mark a pool whose generator memorises. */
    public static final double MEMORISING = 3;

    /** Near copies in the pool sample (after {@link #usePoolSample}; null before). */
    public NearCopies nearCopies() {
        return nearCopies;
    }

    /** Marginals: per group, each measure steered. */
    public int marginals() {
        return edges.length;
    }

    /** The group of marginal {@code k}. */
    public int group(int k) {
        return k / KINDS.length;
    }

    /** The measure of marginal {@code k}: {@link #DISTANCE}, {@link #RATIO} or {@link #PSEUDO}. */
    public int kind(int k) {
        return KINDS[k % KINDS.length];
    }

    /** Rows of the reference set. */
    public int rows() {
        return rows;
    }

    /** Groups of dimensions (1, or with more than 10 dimensions: all, 3 correlated, 3 per random cut). */
    public int groups() {
        return groupNames.size();
    }

    public String groupName(int g) {
        return groupNames.get(g);
    }

    /** Bins of marginal {@code k}: its edges plus the free bin above them. */
    public int bins(int k) {
        return shares[k].length;
    }

    /** Share of the reference's leave-one-out values in each bin of marginal {@code k}. */
    public double[] shares(int k) {
        return shares[k].clone();
    }

    /** The bin edges of marginal {@code k}. */
    public double[] edges(int k) {
        return edges[k].clone();
    }

    /** Compact cells per row. */
    public int compactColumns() {
        return schemaColumn.length;
    }

    /**
     * Compact cells of {@code count} rows given in schema column order ({@code rows[i][c]}), into
     * {@code dest[k][at + i]}.
     */
    public void compact(String[][] rows, int count, char[][] dest, int at) {
        for (int k = 0; k < schemaColumn.length; k++) {
            compact(rows, count, dest, at, k);
        }
    }

    /** The compact column of schema column {@code c}, or -1 when it is not encoded. */
    public int compactColumnOf(int c) {
        for (int k = 0; k < schemaColumn.length; k++) {
            if (schemaColumn[k] == c) {
                return k;
            }
        }
        return -1;
    }

    /** Whether compact column {@code k} holds numbers (it can then take the binning's parsed values). */
    public boolean compactNumeric(int k) {
        return encoder.compactNumeric(k);
    }

    /**
     * Compact cells of numeric compact column {@code k} from the values its binning parsed ({@code values[i]}, NaN
     * for none; the cell text {@code rows[i][c]} then decides between missing and no value), into
     * {@code dest[k][at + i]}: the same cells as {@link #compact}, without parsing again.
     */
    public void compactValues(int k, double[] values, String[][] rows, int count, char[][] dest, int at) {
        int c = schemaColumn[k];
        char[] out = dest[k];
        for (int i = 0; i < count; i++) {
            out[at + i] = encoder.compactValue(k, values[i], rows[i][c]);
        }
    }

    /** As {@link #compact(String[][], int, char[][], int)} for compact column {@code k} only. */
    public void compact(String[][] rows, int count, char[][] dest, int at, int k) {
        int c = schemaColumn[k];
        char[] out = dest[k];
        for (int i = 0; i < count; i++) {
            out[at + i] = encoder.compactCell(k, rows[i][c]);
        }
    }

    /**
     * Per marginal, the measure of each listed row of compact cells against the reference rows:
     * {@code out[k][i]} for {@code compact[·][rows[i]]}.
     */
    public void measures(CompactCells compact, int[] rowIds, int count, double[][] out, Parallel par) {
        if (pool == null) {
            throw new IllegalStateException("no pool sample: call usePoolSample first");
        }
        int dim = encoder.dim();
        float[] q = new float[Math.min(count, QUERY_CHUNK) * dim];
        int[] chunkRows = new int[Math.min(count, QUERY_CHUNK)];
        for (int from = 0; from < count; from += QUERY_CHUNK) {
            int n = Math.min(QUERY_CHUNK, count - from);
            System.arraycopy(rowIds, from, chunkRows, 0, n);
            encoder.expand(compact, chunkRows, n, q, par);
            NearestNeighbours.Result[] res = NearestNeighbours.searchGroups(reference, rows, q, n, dim, plan.parts(),
                    plan.groups(), par);
            NearestNeighbours.Result[] toPool = NearestNeighbours.searchGroups(pool, poolRows, q, n, dim, plan.parts(),
                    plan.groups(), par);
            for (int k = 0; k < edges.length; k++) {
                if (kind(k) != PSEUDO) {
                    measure(kind(k), res[group(k)], out[k], from, n);
                    continue;
                }
                NearestNeighbours.Result t = res[group(k)];
                NearestNeighbours.Result p = toPool[group(k)];
                for (int i = 0; i < n; i++) {
                    // the row itself, when it is in the pool sample, is not its own stand-in holdout
                    int self = Arrays.binarySearch(poolRowsSorted, chunkRows[i]);
                    double dp = self >= 0 && p.nearestIndex()[i] == self ? p.second()[i] : p.nearest()[i];
                    double dt = t.nearest()[i];
                    out[k][from + i] = dt == dp ? 1 : dp == 0 ? Double.POSITIVE_INFINITY : dt / dp;
                }
            }
        }
    }

    /**
     * The chance that a row with measure {@code d} (marginal {@code k}) is closer to the training data than a new
     * real record, ties half: the share of reference values above {@code d} plus half of those equal. 0.5 on average
     * for real-like rows; for a distance marginal the mean over a table's rows is its steered estimate of the DCR
     * share.
     */
    public double closerThanReal(int k, double d) {
        double[] s = sortedLoo[k];
        int below = lowerBound(s, d);
        int upTo = upperBound(s, d);
        return (s.length - upTo + 0.5 * (upTo - below)) / s.length;
    }

    private static int lowerBound(double[] s, double d) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < d) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] s, double d) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= d) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
