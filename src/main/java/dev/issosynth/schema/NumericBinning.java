package dev.issosynth.schema;

import java.math.BigDecimal;

/**
 * Numeric bins as the metric fits them: at most 10 distinct values → one bin per value (upper edge max + 1);
 * otherwise the greedy order-statistic cut points, floored to the fewest decimals that keep them distinct.
 */
public final class NumericBinning extends IntervalBinning {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
        1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};

    private NumericBinning(double[] breaks, MissingValues na, String[] labels) {
        super(breaks, na, labels);
    }

    /** Fits on reference cells; missing cells and text that is not a number are ignored. */
    public static NumericBinning fit(String[] referenceValues, MissingValues na) {
        double[] sorted = sortedValues(referenceValues, NumericBinning::parseCell, na);
        double[] distinct = distinctSorted(sorted);
        double[] breaks;
        boolean perValue = distinct.length > 0 && distinct.length <= BINS;
        if (distinct.length == 0) {
            breaks = new double[] {-1e10, 1e10}; // the metric's fallback for an empty column
        } else if (perValue) {
            breaks = java.util.Arrays.copyOf(distinct, distinct.length + 1);
            breaks[distinct.length] = distinct[distinct.length - 1] + 1;
        } else {
            breaks = searchBreaks(sorted);
        }
        breaks = floorBreaks(breaks);
        String[] labels = new String[breaks.length - 1];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = perValue ? format(breaks[k])
                    : "[" + format(breaks[k]) + ", " + format(breaks[k + 1]) + (k == labels.length - 1 ? "]" : ")");
        }
        return new NumericBinning(breaks, na, labels);
    }

    /**
     * Floors every break but the last to the fewest decimals p in 0..19 that keep them distinct, computed as
     * floor(x * 10^p) / 10^p in double arithmetic: the same operations numpy performs, so the edges agree
     * bit for bit with the metric (exact decimal arithmetic would differ, e.g. for 0.3 at p = 1). If no p
     * keeps them distinct, the breaks stay as they are.
     */
    static double[] floorBreaks(double[] breaks) {
        int m = breaks.length;
        double[] out = new double[m];
        for (int p = 0; p < POW10.length; p++) {
            boolean distinct = true;
            for (int k = 0; k < m; k++) {
                out[k] = Math.floor(breaks[k] * POW10[p]) / POW10[p];
                if (k > 0 && out[k] == out[k - 1]) {
                    distinct = false;
                    break;
                }
            }
            if (distinct) {
                out[m - 1] = breaks[m - 1];
                return out;
            }
        }
        return breaks.clone();
    }

    @Override
    double parse(String cell) {
        return parseCell(cell);
    }

    static double parseCell(String cell) {
        double v = Numbers.parse(cell);
        // pandas reads an all-True/False column as bool; the pool may carry the same tokens
        return v == v ? v : Numbers.parseBoolean(cell);
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
