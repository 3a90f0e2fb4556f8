package dev.issosynth.schema;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Bins a parsed value into left-closed intervals {@code [b_k, b_k+1)} between sorted breaks, after clipping
 * it into {@code [b_0, b_last]} (so the last interval is closed and out-of-range pool values land in the end
 * bins). Cells that are missing or do not parse go to the {@code (n/a)} bin, always the last code.
 */
abstract class IntervalBinning implements ColumnBinning {
    /** Bins asked for: the metric's "10 bins". */
    static final int BINS = 10;

    final double[] breaks;
    final MissingValues na;
    private final int intervals;
    private final String[] labels;

    IntervalBinning(double[] breaks, MissingValues na, String[] intervalLabels) {
        if (breaks.length < 2) {
            throw new IllegalArgumentException("need at least two breaks");
        }
        this.breaks = breaks;
        this.na = na;
        this.intervals = breaks.length - 1;
        this.labels = Arrays.copyOf(intervalLabels, intervals + 1);
        this.labels[intervals] = NA_LABEL;
    }

    /** The cell's value on the break scale, or NaN if it has none. */
    abstract double parse(String cell);

    /**
     * Whether a cell that parses may still be a missing token, so parsed cells must be looked up too: when some
     * token is a number or an ISO date ({@link MissingValues#hasParsableToken}; a subclass whose cells another
     * parser reads says more).
     */
    boolean tokensParse() {
        return na.hasParsableToken();
    }

    @Override
    public int binCount() {
        return intervals + 1;
    }

    @Override
    public int naCode() {
        return intervals;
    }

    @Override
    public String label(int code) {
        return labels[code];
    }

    /** A copy of the breaks (interval edges, ascending). */
    public double[] breaks() {
        return breaks.clone();
    }

    @Override
    public int code(String cell) {
        double v = parse(cell);
        if (v != v || (tokensParse() && na.isMissing(cell))) {
            return intervals;
        }
        return codeOf(v);
    }

    /** Bin of a parsed (non-NaN) value. */
    int codeOf(double v) {
        double[] b = breaks;
        if (v <= b[0]) {
            return 0;
        }
        // Binary search for the last break <= v; values at or above the last break fall in the last bin.
        int lo = 0;
        int hi = intervals - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (b[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public void encode(String[][] rows, int column, int count, byte[] dest, int destOffset) {
        for (int i = 0; i < count; i++) {
            dest[destOffset + i] = (byte) code(rows[i][column]);
        }
    }

    @Override
    public void encode(String[][] rows, int column, int count, byte[] dest, int destOffset, double[] values) {
        boolean tokens = tokensParse();
        for (int i = 0; i < count; i++) {
            String cell = rows[i][column];
            double v = parse(cell);
            boolean missing = v != v || (tokens && na.isMissing(cell));
            dest[destOffset + i] = (byte) (missing ? intervals : codeOf(v));
            values[i] = missing ? Double.NaN : v;
        }
    }

    @Override
    public void encode(String[] values, byte[] dest, int destOffset) {
        for (int i = 0; i < values.length; i++) {
            dest[destOffset + i] = (byte) code(values[i]);
        }
    }

    /** Parses all values that have one (missing cells skipped), sorted ascending. */
    static double[] sortedValues(String[] values, ToDoubleFunction<String> parser, MissingValues na) {
        return sortedValues(values, parser, na, na.hasParsableToken());
    }

    /** As {@link #sortedValues(String[], ToDoubleFunction, MissingValues)}; {@code tokensParse} as {@link #tokensParse}. */
    static double[] sortedValues(String[] values, ToDoubleFunction<String> parser, MissingValues na,
                                 boolean tokensParse) {
        double[] out = new double[values.length];
        int n = 0;
        for (String s : values) {
            double v = parser.applyAsDouble(s);
            if (v == v && !(tokensParse && na.isMissing(s))) {
                out[n++] = v;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * The metric's greedy cut-point search: for i = 10, 11, ... (below max(11, min(1000, n + 1))) take the
     * sorted values at the integer-truncated positions of linspace(0, n-1, i) and stop at the first i with
     * at least 11 distinct ones; otherwise the last one tried. Returns the distinct cut points, ascending.
     */
    static double[] searchBreaks(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return new double[0];
        }
        int end = Math.max(BINS + 1, Math.min(1000, n + 1));
        double[] distinct = new double[0];
        for (int i = BINS; i < end; i++) {
            // numpy linspace: k * step with step = (n-1)/(i-1), last position exactly n-1; astype(int) truncates
            double step = (double) (n - 1) / (i - 1);
            double[] picked = new double[i];
            for (int k = 0; k < i - 1; k++) {
                picked[k] = sorted[(int) (k * step)];
            }
            picked[i - 1] = sorted[n - 1];
            distinct = distinctSorted(picked); // picked is ascending already: positions are non-decreasing
            if (distinct.length >= BINS + 1) {
                break;
            }
        }
        return distinct;
    }

    /** The distinct values of an ascending array. */
    static double[] distinctSorted(double[] ascending) {
        double[] out = new double[ascending.length];
        int m = 0;
        for (double v : ascending) {
            if (m == 0 || v != out[m - 1]) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
