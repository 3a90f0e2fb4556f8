package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Screens pool rows before the selection, so the result cannot copy training rows.
 *
 * <ol>
 *   <li><b>Exact copies</b>: a pool row whose cells are the same text as the cells of some training row, column
 *   by column (a hash set of all training rows), is excluded.</li>
 *   <li><b>Too close</b>: a pool row whose Euclidean distance ({@link GuardEncoder}, {@link NearestNeighbours},
 *   exact) to its nearest reference training row is strictly below a threshold is excluded. The threshold is
 *   calibrated on the training data: its rows are split in two halves by a seeded shuffle, each half is cut to
 *   at most {@code cap} rows, and the threshold is the {@value #QUANTILE} quantile (numpy's linear one) of the
 *   distances from the rows of the first half to their nearest row in the second: the distance below which only
 *   1 % of real records that were not in a reference set lie. The reference of the pool rows is a seeded sample
 *   of training rows of the same size as the second half, so a real-like pool row is excluded with the same
 *   1 % chance as a real unseen row.</li>
 * </ol>
 * <p>Search: when the threshold is below the least distance two rows with different categorical one-hot keys
 * can have ({@link GuardEncoder#categoricalKeys}; e.g. census: threshold 0.0115, bound 0.289), only reference rows
 * with the pool row's key can be closer, so each pool row is compared with that bucket only, stopping at the
 * first row closer than the threshold; same verdicts as the full search, a fraction of the work. Otherwise every
 * pool row is searched against the whole reference ({@link NearestNeighbours}).
 *
 * <p>The encoder is fitted on the two calibration halves. Everything is seeded and the search is bit-identical for
 * any thread count, so the screen is deterministic.
 */
public final class PrivacyGuard {
    /**
     * Rows in each calibration half and in the reference set unless the caller caps them otherwise (the guard's own
     * default: the evaluation's default is all rows, which the guard's screen of a whole pool could not afford).
     */
    public static final int DEFAULT_SAMPLE = 10_000;
    /** The quantile of the real half-to-half distances used as the threshold. */
    public static final double QUANTILE = 0.01;

    /** Verdicts of {@link #screen}. */
    public static final byte KEEP = 0;
    public static final byte EXACT_COPY = 1;
    public static final byte TOO_CLOSE = 2;
    private static final int BLOCK = 512;

    private final String[] names;
    private final Set<List<String>> trainingRows;
    private final GuardEncoder encoder;
    private final float[] reference;
    private final int referenceRows;
    private final double threshold;
    private final int calibrationRows;
    /** Reference rows by categorical key, when the threshold is small enough for the key to decide (else null). */
    private final Map<String, int[]> buckets;

    private PrivacyGuard(String[] names, Set<List<String>> trainingRows, GuardEncoder encoder, float[] reference,
                         int referenceRows, double threshold, int calibrationRows, Map<String, int[]> buckets) {
        this.names = names;
        this.trainingRows = trainingRows;
        this.encoder = encoder;
        this.reference = reference;
        this.referenceRows = referenceRows;
        this.threshold = threshold;
        this.calibrationRows = calibrationRows;
        this.buckets = buckets;
    }

    /**
     * Builds the exact-copy set and calibrates the distance threshold on {@code training}.
     *
     * @param cap at most this many rows in each calibration half and in the reference (at least 1)
     */
    public static PrivacyGuard calibrate(TrainingTable train, int cap, long seed, Parallel par) {
        Schema schema = train.schema();
        MissingValues na = train.na();
        RawTable training = train.raw();
        if (cap < 1) {
            throw new IllegalArgumentException("sample cap must be at least 1: " + cap);
        }
        String[] names = schema.names();
        int n = training.rowCount();
        String[][] cols = new String[names.length][];
        for (int c = 0; c < names.length; c++) {
            int i = training.columnIndex(names[c]);
            if (i < 0) {
                throw new IllegalArgumentException("column missing: " + names[c]);
            }
            cols[c] = training.column(i);
        }
        Set<List<String>> rows = new HashSet<>(Math.max(16, n * 2));
        for (int r = 0; r < n; r++) {
            String[] row = new String[names.length];
            for (int c = 0; c < names.length; c++) {
                row[c] = cols[c][r];
            }
            rows.add(Arrays.asList(row));
        }
        if (n < 2) {
            // nothing to calibrate on: only exact copies are screened
            return new PrivacyGuard(names, rows, null, null, 0, 0, 0, null);
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x4755415244504f4fL);
        int[] perm = permutation(n, root.split());
        int half = n / 2;
        int na1 = Math.min(cap, half);
        int nb = Math.min(cap, n - half);
        RawTable a = training.selectRows(sorted(Arrays.copyOfRange(perm, 0, na1)));
        RawTable b = training.selectRows(sorted(Arrays.copyOfRange(perm, half, half + nb)));
        GuardEncoder enc = new GuardEncoder(schema, na, a, b);
        float[] ax = enc.encode(a);
        float[] bx = enc.encode(b);
        NearestNeighbours.Result ab = NearestNeighbours.search(bx, nb, ax, na1, enc.dim(), par);
        double[] d = ab.nearest().clone();
        Arrays.sort(d);
        double t = PrivacyEvaluator.quantile(d, QUANTILE);
        // reference: nb training rows drawn from all of them (a fresh seeded draw, not the second half)
        int[] refIdx = sorted(Arrays.copyOf(permutation(n, root.split()), nb));
        RawTable refRows = training.selectRows(refIdx);
        float[] ref = enc.encode(refRows);
        Map<String, int[]> buckets = null;
        if (keyDecides(enc, t)) {
            int[] keys = enc.categoricalKeys(refRows);
            int k = enc.categoricalColumns();
            Map<String, List<Integer>> lists = new HashMap<>();
            for (int r = 0; r < nb; r++) {
                lists.computeIfAbsent(key(keys, r, k), x -> new ArrayList<>()).add(r);
            }
            buckets = new HashMap<>(lists.size() * 2);
            for (Map.Entry<String, List<Integer>> e : lists.entrySet()) {
                buckets.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new PrivacyGuard(names, rows, enc, ref, nb, t, na1, buckets);
    }

    /**
     * True when two rows whose categorical keys differ are surely at least {@code t} apart, so only reference rows
     * with the query's key can be strictly closer than {@code t} (with room for float rounding).
     */
    static boolean keyDecides(GuardEncoder enc, double t) {
        return enc.categoricalColumns() > 0 && t <= Math.sqrt(0.5 / enc.maxRawNormSquared()) * (1 - 1e-4);
    }

    private static String key(int[] keys, int row, int k) {
        char[] c = new char[k];
        for (int j = 0; j < k; j++) {
            c[j] = (char) keys[row * k + j];
        }
        return new String(c);
    }

    /** True when the reference is searched by categorical key (the exact fast path) rather than in full. */
    public boolean bucketed() {
        return buckets != null;
    }

    /** The distance threshold: pool rows strictly closer than this to a reference row are excluded. */
    public double threshold() {
        return threshold;
    }

    /** Rows in the reference set of the distance rule (0 when training has fewer than 2 rows: rule off). */
    public int referenceRows() {
        return referenceRows;
    }

    /** Rows of the first calibration half (queries of the calibration search). */
    public int calibrationRows() {
        return calibrationRows;
    }

    /**
     * Verdicts for {@code count} pool rows, {@code rows[i][c]} = cell of column {@code c} in schema order (as
     * {@link dev.issosynth.io.CsvReader#stream} delivers them), written to {@code verdict[at + i]}.
     */
    public void screen(String[][] rows, int count, byte[] verdict, int at, Parallel par) {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            verdict[at + i] = trainingRows.contains(Arrays.asList(rows[i])) ? EXACT_COPY : KEEP;
        }
        if (encoder == null) {
            return;
        }
        String[][] cols = new String[names.length][count];
        for (int i = 0; i < count; i++) {
            String[] row = rows[i];
            for (int c = 0; c < names.length; c++) {
                cols[c][i] = row[c];
            }
        }
        RawTable chunk = new RawTable(names, cols);
        float[] q = encoder.encode(chunk);
        int dim = encoder.dim();
        if (buckets != null) {
            // exact: only reference rows with the same categorical key can be closer than the threshold
            int k = encoder.categoricalColumns();
            int[] keys = encoder.categoricalKeys(chunk);
            Parallel.TaskBody body = b -> {
                for (int i = b * BLOCK, end = Math.min(count, (b + 1) * BLOCK); i < end; i++) {
                    if (verdict[at + i] != KEEP) {
                        continue;
                    }
                    int[] bucket = buckets.get(key(keys, i, k));
                    if (bucket == null) {
                        continue;
                    }
                    for (int j : bucket) {
                        // the same double sum as NearestNeighbours' final distances, so the same verdicts
                        if (Math.sqrt(NearestNeighbours.squaredDistance(q, i * dim, reference, j * dim, dim)) < threshold) {
                            verdict[at + i] = TOO_CLOSE;
                            break;
                        }
                    }
                }
            };
            int blocks = Parallel.blockCount(count, BLOCK);
            if (par == null) {
                for (int b = 0; b < blocks; b++) {
                    body.run(b);
                }
            } else {
                par.forTasks(blocks, body);
            }
            return;
        }
        NearestNeighbours.Result nn = NearestNeighbours.search(reference, referenceRows, q, count, dim, par);
        double[] d = nn.nearest();
        for (int i = 0; i < count; i++) {
            if (verdict[at + i] == KEEP && d[i] < threshold) {
                verdict[at + i] = TOO_CLOSE;
            }
        }
    }

    /** Screens with the full exact search whatever the threshold (for tests: must agree with the keyed path). */
    byte[] screenUnbucketed(RawTable pool, Parallel par) {
        PrivacyGuard full = new PrivacyGuard(names, trainingRows, encoder, reference, referenceRows, threshold,
                calibrationRows, null);
        return full.screen(pool, par);
    }

    /** Screens a whole table (columns by name, any order). */
    public byte[] screen(RawTable pool, Parallel par) {
        int n = pool.rowCount();
        String[][] rows = new String[n][names.length];
        for (int c = 0; c < names.length; c++) {
            int i = pool.columnIndex(names[c]);
            if (i < 0) {
                throw new IllegalArgumentException("column missing: " + names[c]);
            }
            String[] col = pool.column(i);
            for (int r = 0; r < n; r++) {
                rows[r][c] = col[r];
            }
        }
        byte[] v = new byte[n];
        screen(rows, n, v, 0, par);
        return v;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }
}
