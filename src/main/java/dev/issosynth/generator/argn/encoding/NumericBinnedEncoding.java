package dev.issosynth.generator.argn.encoding;

import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * NUMERIC_BINNED: one sub-column {@code bin}. Codes {@code <<UNK>>} (0, always suppressed), {@code <<NULL>>} if
 * missing values occurred, {@code <<MIN>>}, {@code <<MAX>>}, then one code per bin {@code [e_i, e_{i+1})}.
 *
 * <p>Edges: 1,001 quantiles of the training values ("closest observation": the sorted value at index
 * round(p·(n−1))), clipped to the protected [min, max], de-duplicated; if more than 101 distinct remain, 101 of
 * them are taken evenly by rank (always including the lowest and highest), so there are at most 100 bins. (The
 * engine instead grows the quantile count until it has 101 distinct edges; both give ≤ 100 bins over the same
 * value range.) Encode: the lowest edge → MIN, the highest → MAX, else the bin, with the outer edges widened to
 * ±∞. Decode: MIN/MAX → that edge; a bin → uniform in [e_i, e_{i+1}) truncated (floor) to 10^minDecimal.
 */
public final class NumericBinnedEncoding implements ColumnEncoding {
    private static final long serialVersionUID = 1L;

    static final int MAX_BINS = 100;
    static final int QUANTILES = 1001;

    private final boolean hasNull;
    private final double[] edges;
    private final int minDecimal;
    private final NumberText text;
    private final MissingValues na;

    private NumericBinnedEncoding(boolean hasNull, double[] edges, int minDecimal, NumberText text,
            MissingValues na) {
        this.hasNull = hasNull;
        this.edges = edges;
        this.minDecimal = minDecimal;
        this.text = text;
        this.na = na;
    }

    static NumericBinnedEncoding build(NumericEncoding.Analysis a, double lo, double hi, MissingValues na) {
        double[] sorted = new double[a.presentCount];
        int m = 0;
        for (int r = 0; r < a.x.length; r++) {
            if (a.present[r]) {
                sorted[m++] = a.x[r];
            }
        }
        Arrays.sort(sorted);
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            double p = (double) i / (QUANTILES - 1);
            q[i] = NumericEncoding.clip(sorted[(int) Math.round(p * (m - 1))], lo, hi);
        }
        double[] distinct = Arrays.stream(q).distinct().sorted().toArray();
        double[] edges;
        if (distinct.length <= MAX_BINS + 1) {
            edges = distinct;
        } else {
            edges = new double[MAX_BINS + 1];
            for (int i = 0; i <= MAX_BINS; i++) {
                edges[i] = distinct[(int) Math.round((double) i * (distinct.length - 1) / MAX_BINS)];
            }
        }
        return new NumericBinnedEncoding(a.hasNull, edges, a.minDecimal(), a.text, na);
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
        double u = a + (b - a) * rng.nextDouble();
        BigDecimal v = BigDecimal.valueOf(u).setScale(-minDecimal, RoundingMode.FLOOR);
        BigDecimal lo = BigDecimal.valueOf(a);
        if (v.compareTo(lo) < 0) {
            v = lo;
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
