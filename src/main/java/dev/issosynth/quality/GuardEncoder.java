package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.IsoDateTimes;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy guard's encoding ({@link PrivacyGuard}): rows as unit-length float vectors whose distances the guard
 * screens pool rows by. The evaluation's encoding, the judge's, is {@link EmbeddingEncoder}; this one keeps the
 * guard's calibrated behaviour and its exact keyed search (two rows with different one-hot keys are provably far
 * apart, which the low-dimensional embeddings of the evaluation do not give) until the guard is redesigned.
 *
 * <ul>
 *   <li>Numeric and datetime columns: the empirical quantile function of the reference (training + holdout
 *   sample) at {@value #QUANTILES} points, as scikit-learn's {@code QuantileTransformer} does it (linear
 *   interpolation between the quantiles, ties at their middle, clipped to the ends), shifted onto
 *   [−0.5, 0.5]; a missing cell is 0. A column with a missing cell in any of the three samples gets an extra
 *   missing indicator of ±0.5.</li>
 *   <li>Categorical columns: the library embeds each value with a text model and projects it to 2–4 dimensions,
 *   which puts values that read alike close together. Without such a model, any fixed embedding that sends
 *   equal values to equal vectors and different values to distant ones does the same job (the values of a
 *   column mean nothing to each other here). The {@value #ONE_HOT} most frequent reference values (ties
 *   alphabetically) get one-hot dimensions scaled by 1/√2, so two different values are at distance 1, like the two
 *   ends of a numeric column; every other value (rare or unseen) gets a fixed pseudo-random direction
 *   (from the value's text) in {@value #TAIL_DIMS} further dimensions, also of length 1/√2. A column with at most
 *   {@value #ONE_HOT} values has one "other" dimension instead, shared by all unseen values (the library
 *   maps unseen values to one {@code _RARE_} token too). Missing is the value {@code (n/a)}.</li>
 * </ul>
 * Each row is then scaled to unit length (an all-zero row stays zero).
 */
public final class GuardEncoder {
    static final int QUANTILES = 100;
    static final int ONE_HOT = 16;
    static final int TAIL_DIMS = 8;
    private static final float HALF_SQRT2 = (float) Math.sqrt(0.5);
    static final String NA = "(n/a)";

    private final String[] names;
    private final ColumnType[] types;
    private final MissingValues na;
    private final double[][] quantiles;   // numeric/datetime: reference quantiles, else null
    private final boolean[] naFlag;       // numeric/datetime: has a missing indicator
    private final List<Map<String, Integer>> oneHot = new ArrayList<>();
    private final boolean[] tail;         // categorical: has the hashed tail (else one "other" slot)
    private final int[] offset;
    private final int dim;

    /**
     * Fits the encoding on the reference samples (training and holdout); {@code others} (the synthetic sample)
     * only decide whether a column needs a missing indicator.
     */
    public GuardEncoder(Schema schema, MissingValues na, RawTable training, RawTable holdout, RawTable... others) {
        int cols = schema.columns();
        this.names = schema.names();
        this.types = new ColumnType[cols];
        this.na = na;
        this.quantiles = new double[cols][];
        this.naFlag = new boolean[cols];
        this.tail = new boolean[cols];
        this.offset = new int[cols];
        int d = 0;
        for (int c = 0; c < cols; c++) {
            types[c] = schema.type(c);
            offset[c] = d;
            String[] tr = column(training, c);
            String[] ho = column(holdout, c);
            if (types[c] != ColumnType.CATEGORICAL) {
                double[] ref = values(tr, ho, c);
                quantiles[c] = referenceQuantiles(ref);
                boolean missing = ref.length < tr.length + ho.length;
                for (RawTable o : others) {
                    missing |= anyMissing(column(o, c), c);
                }
                naFlag[c] = missing;
                oneHot.add(null);
                d += missing ? 2 : 1;
            } else {
                Map<String, Integer> counts = new HashMap<>();
                for (String[] part : List.of(tr, ho)) {
                    for (String v : part) {
                        counts.merge(category(v), 1, Integer::sum);
                    }
                }
                List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
                ranked.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()));
                Map<String, Integer> slots = new HashMap<>();
                for (int i = 0; i < Math.min(ONE_HOT, ranked.size()); i++) {
                    slots.put(ranked.get(i).getKey(), i);
                }
                oneHot.add(slots);
                tail[c] = ranked.size() > ONE_HOT;
                d += slots.size() + (tail[c] ? TAIL_DIMS : 1);
            }
        }
        this.dim = d;
    }

    /** Length of an encoded row. */
    public int dim() {
        return dim;
    }

    /**
     * An upper bound of the squared length of a row before it is scaled to unit length: 1/4 per numeric or
     * datetime column (values on [−0.5, 0.5]) plus 1/4 for its missing indicator, 1/2 per categorical column
     * (one one-hot slot, the "other" slot or a tail direction, each of length 1/√2).
     */
    public double maxRawNormSquared() {
        double s = 0;
        for (int c = 0; c < names.length; c++) {
            s += types[c] == ColumnType.CATEGORICAL ? 0.5 : naFlag[c] ? 0.5 : 0.25;
        }
        return s;
    }

    /** Number of categorical columns (the length of a {@link #categoricalKeys} key). */
    public int categoricalColumns() {
        int n = 0;
        for (ColumnType t : types) {
            n += t == ColumnType.CATEGORICAL ? 1 : 0;
        }
        return n;
    }

    /**
     * Per row and categorical column (in schema order) the one-hot slot of the cell's value, or −1 when the value
     * has none (the "other" slot or a tail direction), row-major. Two rows whose keys differ in a column differ in
     * a one-hot coordinate that one of them has at 1/√2 before scaling and the other at 0, so after scaling they
     * are at least (1/√2) / √{@link #maxRawNormSquared()} apart.
     */
    public int[] categoricalKeys(RawTable table) {
        int rows = table.rowCount();
        int k = categoricalColumns();
        int[] out = new int[rows * k];
        int j = 0;
        for (int c = 0; c < names.length; c++) {
            if (types[c] != ColumnType.CATEGORICAL) {
                continue;
            }
            String[] cells = column(table, c);
            Map<String, Integer> slots = oneHot.get(c);
            for (int r = 0; r < rows; r++) {
                Integer s = slots.get(category(cells[r]));
                out[r * k + j] = s == null ? -1 : s;
            }
            j++;
        }
        return out;
    }

    /** Rows of {@code table} (same column names as the schema, any order), row-major, each of unit length or 0. */
    public float[] encode(RawTable table) {
        int rows = table.rowCount();
        float[] out = new float[rows * dim];
        for (int c = 0; c < names.length; c++) {
            String[] cells = column(table, c);
            int o = offset[c];
            if (types[c] != ColumnType.CATEGORICAL) {
                for (int r = 0; r < rows; r++) {
                    double v = parse(cells[r], c);
                    boolean missing = v != v;
                    out[r * dim + o] = missing ? 0f : (float) (transform(quantiles[c], v) - 0.5);
                    if (naFlag[c]) {
                        out[r * dim + o + 1] = missing ? 0.5f : -0.5f;
                    }
                }
            } else {
                Map<String, Integer> slots = oneHot.get(c);
                int k = slots.size();
                for (int r = 0; r < rows; r++) {
                    String v = category(cells[r]);
                    Integer s = slots.get(v);
                    int base = r * dim + o;
                    if (s != null) {
                        out[base + s] = HALF_SQRT2;
                    } else if (!tail[c]) {
                        out[base + k] = HALF_SQRT2;
                    } else {
                        tailVector(v, out, base + k);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int p = 0; p < dim; p++) {
                s += (double) out[r * dim + p] * out[r * dim + p];
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int p = 0; p < dim; p++) {
                    out[r * dim + p] *= inv;
                }
            }
        }
        return out;
    }

    private String[] column(RawTable t, int c) {
        int i = t.columnIndex(names[c]);
        if (i < 0) {
            throw new IllegalArgumentException("column missing: " + names[c]);
        }
        return t.column(i);
    }

    private String category(String cell) {
        return cell == null || na.isMissing(cell) ? NA : cell;
    }

    private double parse(String cell, int c) {
        if (cell == null || na.isMissing(cell)) {
            return Double.NaN;
        }
        if (types[c] == ColumnType.DATETIME) {
            return IsoDateTimes.parseEpochSeconds(cell);
        }
        double v = Numbers.parse(cell);
        return v == v ? v : Numbers.parseBoolean(cell);
    }

    private boolean anyMissing(String[] cells, int c) {
        for (String s : cells) {
            double v = parse(s, c);
            if (v != v) {
                return true;
            }
        }
        return false;
    }

    private double[] values(String[] a, String[] b, int c) {
        double[] v = new double[a.length + b.length];
        int n = 0;
        for (String[] part : List.of(a, b)) {
            for (String s : part) {
                double x = parse(s, c);
                if (x == x) {
                    v[n++] = x;
                }
            }
        }
        return Arrays.copyOf(v, n);
    }

    /**
     * The reference's quantiles at {@code min(QUANTILES, n)} evenly spaced levels (numpy's linear percentile);
     * empty when the reference has no value.
     */
    static double[] referenceQuantiles(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        int m = Math.min(QUANTILES, n);
        double[] q = new double[m];
        for (int i = 0; i < m; i++) {
            double pos = m == 1 ? 0 : (double) i * (n - 1) / (m - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(n - 1, lo + 1);
            double f = pos - lo;
            q[i] = v[lo] + (v[hi] - v[lo]) * f;
        }
        return q;
    }

    /**
     * Position of {@code x} in [0, 1] on the reference quantiles {@code q} (levels evenly spaced): linear
     * between neighbouring quantiles, the middle of a run of equal quantiles, clipped at the ends.
     */
    static double transform(double[] q, double x) {
        int m = q.length;
        if (m == 0) {
            return 0.5;
        }
        if (m == 1) {
            return x < q[0] ? 0 : x > q[0] ? 1 : 0.5;
        }
        double step = 1.0 / (m - 1);
        // first index with q >= x, last index with q <= x
        int a = lowerBound(q, x);
        int b = upperBound(q, x) - 1;
        if (a <= b) {
            return 0.5 * (a + b) * step;
        }
        if (a == 0) {
            return 0;
        }
        if (a == m) {
            return 1;
        }
        double lo = q[b];
        double hi = q[a];
        return (b + (x - lo) / (hi - lo)) * step;
    }

    private static int lowerBound(double[] q, double x) {
        int lo = 0;
        int hi = q.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] q, double x) {
        int lo = 0;
        int hi = q.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A fixed direction of length 1/√2 from the value's text (equal text, equal vector; any JVM, any run). */
    private static void tailVector(String value, float[] out, int at) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < value.length(); i++) {
            h = mix(h ^ value.charAt(i));
        }
        double[] g = new double[TAIL_DIMS];
        double s = 0;
        for (int p = 0; p < TAIL_DIMS; p += 2) {
            h = mix(h + p + 1);
            double u1 = ((h >>> 11) + 1) * 0x1.0p-53;
            h = mix(h + p + 2);
            double u2 = (h >>> 11) * 0x1.0p-53;
            double r = Math.sqrt(-2 * StrictMath.log(u1));
            g[p] = r * StrictMath.cos(2 * Math.PI * u2);
            g[p + 1] = r * StrictMath.sin(2 * Math.PI * u2);
            s += g[p] * g[p] + g[p + 1] * g[p + 1];
        }
        double scale = Math.sqrt(0.5 / s);
        for (int p = 0; p < TAIL_DIMS; p++) {
            out[at + p] = (float) (g[p] * scale);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133CE4EBL;
        return z ^ (z >>> 31);
    }
}
