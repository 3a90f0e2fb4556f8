package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * NUMERIC_BINNED: one sub-column {@code bin}. Codes {@code <<UNK>>} (0, always suppressed), {@code <<NULL>>} if
 * missing values occurred, {@code <<MIN>>}, {@code <<MAX>>}, then one code per bin {@code [e_i, e_{i+1})}.
 *
 * <p>Edges, as the engine builds them: the training values are clipped to the protected [min, max] and sorted,
 * and their 1,001 quantiles taken ("closest observation": the sorted value at index round(p·(n−1))); if at most
 * 101 of those are distinct they are the edges; else the count q of equal-mass quantiles of the 1,001 starts at
 * 100 and grows until the q+1 quantiles hold 101 distinct values (or q reaches 1,000). A value that carries a large share of the rows is hit by several
 * quantiles and so becomes an edge of its own instead of falling inside a bin. If growing overshoots 101, the
 * inner edges whose two neighbouring bins hold the fewest rows are dropped until 101 remain, so there are at
 * most 100 bins. Encode: the lowest edge → MIN, the highest → MAX, else the bin, with the outer edges widened to
 * ±∞.
 *
 * <p>Decode: MIN/MAX → that edge. A bin → with the training share of each of its <em>frequent exact values</em>
 * that value itself, else uniform in {@code [e_i, e_{i+1})} truncated (floor) to 10^minDecimal, redrawn when it
 * hits one of the bin's frequent values (their mass is already given out exactly). Frequent exact values are the
 * training values inside {@code [e_i, e_{i+1})} (so inside the protected range) that occur at least τ times,
 * τ the stochastic rare threshold of value protection (5–7, drawn once per column), or at least twice without
 * value protection; at most {@link #MAX_EXACT} per column, the most frequent. So a spike (e.g. 1,000 in 30 % of
 * the rows) is reproduced exactly at its rate, while a value seen fewer than τ times is only ever produced by the
 * uniform draw. (The engine decodes every bin uniformly.)
 */
public final class NumericBinnedEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 4;

    static final int MAX_BINS = 100;
    /** Quantiles of the training values that edges are chosen from (the engine's analysis). */
    static final int QUANTILES = 1001;
    /** The quantile count grows up to this many (the engine's cap). */
    static final int MAX_QUANTILES = 1000;
    /** At most this many frequent exact values are kept per column. */
    static final int MAX_EXACT = 1000;
    /** Without value protection, a value is kept exactly when it occurs at least this often. */
    static final int UNPROTECTED_MIN_COUNT = 2;
    /** Uniform draws that hit a frequent value are redrawn at most this often. */
    private static final int REDRAWS = 16;

    private final boolean hasNull;
    private final double[] edges;
    private final int minDecimal;
    private final NumberText text;
    private final MissingValues na;
    /** Per bin: its frequent exact values, ascending; {@code null} only in the edges-only instance of build. */
    private final double[][] exact;
    /** Per bin: cumulative within-bin probabilities of {@link #exact} (same lengths); {@code null} likewise. */
    private final double[][] exactCum;

    private NumericBinnedEncoding(boolean hasNull, double[] edges, int minDecimal, NumberText text,
            MissingValues na, double[][] exact, double[][] exactCum) {
        this.hasNull = hasNull;
        this.edges = edges;
        this.minDecimal = minDecimal;
        this.text = text;
        this.na = na;
        this.exact = exact;
        this.exactCum = exactCum;
    }

    /**
     * @param minCount a value is kept exactly if it occurs at least this often (τ with value protection)
     */
    static NumericBinnedEncoding build(NumericEncoding.Analysis a, double lo, double hi, MissingValues na,
            int minCount) {
        double[] sorted = new double[a.presentCount];
        int m = 0;
        for (int r = 0; r < a.x.length; r++) {
            if (a.present[r]) {
                sorted[m++] = NumericEncoding.clip(a.x[r], lo, hi);
            }
        }
        Arrays.sort(sorted);
        double[] edges = edges(sorted, MAX_BINS);
        NumericBinnedEncoding plain = new NumericBinnedEncoding(a.hasNull, edges, a.minDecimal(), a.text, na,
                null, null);
        double[][][] ex = plain.frequentValues(a, Math.max(1, minCount));
        return new NumericBinnedEncoding(a.hasNull, edges, a.minDecimal(), a.text, na, ex[0], ex[1]);
    }

    /**
     * Tag, missing-value tokens, hasNull (boolean), edges (doubles, finite, strictly increasing), lowest digit
     * position (int), number text, then per bin its frequent exact values (doubles, strictly increasing) and their
     * cumulative probabilities (doubles, as many).
     */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeDoubles(edges);
        out.writeInt(minDecimal);
        text.writeTo(out);
        for (int i = 0; i < exact.length; i++) {
            out.writeDoubles(exact[i]);
            out.writeDoubles(exactCum[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static NumericBinnedEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        double[] edges = in.readDoubles();
        BinaryReader.require(edges.length > 0, "no bin edges");
        requireIncreasing(edges, "bin edges");
        int minDecimal = in.readInt(NumericEncoding.MIN_POSITION, NumericEncoding.MAX_POSITION, "digit position");
        NumberText text = NumberText.readFrom(in);
        double[][] exact = new double[edges.length - 1][];
        double[][] exactCum = new double[exact.length][];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = in.readDoubles();
            requireIncreasing(exact[i], "exact values");
            exactCum[i] = in.readDoubles();
            BinaryReader.require(exactCum[i].length == exact[i].length, "bad exact value count");
        }
        return new NumericBinnedEncoding(hasNull, edges, minDecimal, text, na, exact, exactCum);
    }

    private static void requireIncreasing(double[] a, String what) throws CorruptDataException {
        for (int i = 0; i < a.length; i++) {
            BinaryReader.require(Double.isFinite(a[i]) && (i == 0 || a[i] > a[i - 1]), "bad " + what);
        }
    }

    /**
     * At most {@code bins + 1} distinct edges of sorted values, as the engine: the {@link #QUANTILES} quantiles
     * of the values (only values hit by one of them can become an edge, so a value seen once in a large table
     * rarely does), then equal-mass quantiles of those, their count grown until {@code bins + 1} are distinct.
     */
    static double[] edges(double[] sorted, int bins) {
        int m = sorted.length;
        double[] q1 = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            q1[i] = sorted[(int) Math.round((double) i / (QUANTILES - 1) * (m - 1))];
        }
        double[] distinct = distinctSorted(q1, q1.length);
        if (distinct.length <= bins + 1) {
            return distinct;
        }
        int q = bins;
        double[] e;
        while (true) {
            double[] qs = new double[q + 1];
            for (int i = 0; i <= q; i++) {
                qs[i] = q1[(int) Math.round((double) i / q * (QUANTILES - 1))];
            }
            e = distinctSorted(qs, qs.length);
            if (e.length >= bins + 1 || q >= MAX_QUANTILES) {
                break;
            }
            q = Math.min(MAX_QUANTILES, q + Math.max(1, bins + 1 - e.length));
        }
        // overshoot: drop the inner edge whose two neighbouring bins hold the fewest rows
        while (e.length > bins + 1) {
            int best = -1;
            int bestRows = Integer.MAX_VALUE;
            for (int k = 1; k < e.length - 1; k++) {
                int rows = lowerBound(sorted, e[k + 1]) - lowerBound(sorted, e[k - 1]);
                if (rows < bestRows) {
                    bestRows = rows;
                    best = k;
                }
            }
            double[] f = new double[e.length - 1];
            System.arraycopy(e, 0, f, 0, best);
            System.arraycopy(e, best + 1, f, best, e.length - best - 1);
            e = f;
        }
        return e;
    }

    private static double[] distinctSorted(double[] sorted, int n) {
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || sorted[i] != out[k - 1]) {
                out[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** First index with {@code sorted[i] >= v}. */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Per bin, the training values inside the bin's own interval that occur at least {@code minCount} times
     * (at most {@link #MAX_EXACT} per column, the most frequent), with cumulative probabilities: count / rows
     * encoded to the bin.
     */
    private double[][][] frequentValues(NumericEncoding.Analysis a, int minCount) {
        int bins = edges.length - 1;
        int[] binRows = new int[Math.max(0, bins)];
        Map<Double, Integer> counts = new HashMap<>();
        for (int r = 0; r < a.x.length; r++) {
            if (!a.present[r]) {
                continue;
            }
            int i = code(a.x[r]) - firstBin();
            if (i < 0) {
                continue;
            }
            binRows[i]++;
            double v = a.x[r];
            if (v >= edges[i] && v < edges[i + 1]) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        List<Map.Entry<Double, Integer>> kept = new ArrayList<>();
        for (Map.Entry<Double, Integer> en : counts.entrySet()) {
            if (en.getValue() >= minCount) {
                kept.add(en);
            }
        }
        kept.sort((x, y) -> x.getValue().equals(y.getValue()) ? Double.compare(x.getKey(), y.getKey())
                : Integer.compare(y.getValue(), x.getValue()));
        if (kept.size() > MAX_EXACT) {
            kept = new ArrayList<>(kept.subList(0, MAX_EXACT));
        }
        kept.sort(Map.Entry.comparingByKey());
        double[][] values = new double[Math.max(0, bins)][];
        double[][] cum = new double[Math.max(0, bins)][];
        int j = 0;
        for (int i = 0; i < bins; i++) {
            int from = j;
            while (j < kept.size() && kept.get(j).getKey() < edges[i + 1]) {
                j++;
            }
            values[i] = new double[j - from];
            cum[i] = new double[j - from];
            double c = 0;
            for (int k = from; k < j; k++) {
                values[i][k - from] = kept.get(k).getKey();
                c += (double) kept.get(k).getValue() / binRows[i];
                cum[i][k - from] = c;
            }
            int held = 0;
            for (int k = from; k < j; k++) {
                held += kept.get(k).getValue();
            }
            if (j > from && held == binRows[i]) {
                cum[i][j - from - 1] = 1.0; // the bin holds nothing else: no rounding gap to the uniform draw
            }
        }
        return new double[][][] {values, cum};
    }

    private int nullCode() {
        return hasNull ? 1 : -1;
    }

    private int minCode() {
        return hasNull ? 2 : 1;
    }

    private int maxCode() {
        return minCode() + 1;
    }

    private int firstBin() {
        return minCode() + 2;
    }

    /** The bin edges (a copy); bin i is {@code [edges[i], edges[i+1])}. */
    public double[] edges() {
        return edges.clone();
    }

    /** The code of bin {@code i}. */
    public int binCode(int i) {
        return firstBin() + i;
    }

    public int minDecimal() {
        return minDecimal;
    }

    @Override
    public String kind() {
        return "numeric_binned";
    }

    @Override
    public int orderedFrom(int s) {
        return firstBin(); // the bins, in edge order, after the special codes
    }

    @Override
    public int subColumns() {
        return 1;
    }

    @Override
    public String subColumnName(int s) {
        check(s);
        return "bin";
    }

    @Override
    public int cardinality(int s) {
        check(s);
        return firstBin() + edges.length - 1;
    }

    /** The code of one cell. */
    public int code(String cell) {
        double v = na.isMissing(cell) ? Double.NaN : Numbers.parse(cell);
        return code(v);
    }

    private int code(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return hasNull ? nullCode() : 0;
        }
        if (v == edges[0]) {
            return minCode();
        }
        if (v == edges[edges.length - 1]) {
            return maxCode();
        }
        int bins = edges.length - 1;
        if (bins == 0) {
            return v < edges[0] ? minCode() : maxCode();
        }
        // largest i with edges[i] <= v, among the inner edges; outer edges are ±∞
        int i = Arrays.binarySearch(edges, 1, edges.length - 1, v);
        int bin = i >= 0 ? i : -i - 2;
        return firstBin() + Math.max(0, Math.min(bins - 1, bin));
    }

    /** The frequent exact values of bin {@code i} (a copy; empty if none). */
    public double[] exactValues(int i) {
        return exact[i].clone();
    }

    @Override
    public int[][] encode(String[] cells, SplittableRandom rng) {
        int[] out = new int[cells.length];
        for (int r = 0; r < cells.length; r++) {
            out[r] = code(cells[r]);
        }
        return new int[][] {out};
    }

    @Override
    public String decode(int[] c, int offset, SplittableRandom rng) {
        int code = c[offset];
        if (code == 0 || code == nullCode()) {
            return "";
        }
        if (code == minCode()) {
            return text.format(edges[0]);
        }
        if (code == maxCode()) {
            return text.format(edges[edges.length - 1]);
        }
        int i = code - firstBin();
        double a = edges[i];
        double b = edges[i + 1];
        double[] ex = exact[i];
        if (ex.length > 0) {
            double u = rng.nextDouble();
            double[] cum = exactCum[i];
            for (int k = 0; k < ex.length; k++) {
                if (u < cum[k]) {
                    return text.format(ex[k]);
                }
            }
        }
        BigDecimal lo = BigDecimal.valueOf(a);
        BigDecimal v = lo;
        for (int t = 0; t <= REDRAWS; t++) {
            double u = a + (b - a) * rng.nextDouble();
            v = BigDecimal.valueOf(u).setScale(-minDecimal, RoundingMode.FLOOR);
            if (v.compareTo(lo) < 0) {
                v = lo;
            }
            if (ex.length == 0 || Arrays.binarySearch(ex, v.doubleValue()) < 0) {
                break;
            }
        }
        return text.format(v);
    }

    @Override
    public boolean suppressed(int s, int code) {
        check(s);
        return code == 0;
    }

    private static void check(int s) {
        if (s != 0) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
    }
}
