package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;

import java.util.Arrays;

/**
 * The training statistics the selection matches: histograms of the training rows' codes over any columns, scaled
 * to the training's row count. Unsteered they are plain counts. Steered ({@link SteeredTargets}), the rows carry
 * weights (rebalancing, fairness: each row stands for more or fewer rows of its kind, so every feature keeps the
 * relations within a kind while the kinds' shares change) and some columns are imputed: a feature holding such a
 * column gets that column's distribution from the rows where it is present, conditional on the feature's other
 * columns, and the other columns' distribution from all rows.
 */
public final class TrainingTargets {
    private final CodeTable train;
    private final double[] weights; // null: every row 1; else summing to the row count
    private final int[] missingCode; // per column, the missing bin of an imputed column, else -1

    private TrainingTargets(CodeTable train, double[] weights, int[] missingCode) {
        this.train = train;
        this.weights = weights;
        this.missingCode = missingCode;
    }

    /** The training's own statistics. */
    public static TrainingTargets of(CodeTable train) {
        int[] none = new int[train.columns()];
        Arrays.fill(none, -1);
        return new TrainingTargets(train, null, none);
    }

    /** These targets with the rows weighted (non-negative, not all 0), rescaled to sum to the row count. */
    public TrainingTargets withWeights(double[] w) {
        if (w.length != train.rows()) {
            throw new IllegalArgumentException(w.length + " weights for " + train.rows() + " rows");
        }
        double sum = 0;
        for (double x : w) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("weights must be finite and non-negative: " + x);
            }
            sum += x;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights are all 0");
        }
        double[] scaled = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            scaled[r] = w[r] * train.rows() / sum;
        }
        return new TrainingTargets(train, scaled, missingCode);
    }

    /** These targets with column {@code c} imputed: its bin {@code missing} gets no mass. */
    public TrainingTargets imputing(int c, int missing) {
        int[] m = missingCode.clone();
        m[c] = missing;
        return new TrainingTargets(train, weights, m);
    }

    public CodeTable table() {
        return train;
    }

    public int rows() {
        return train.rows();
    }

    /** Whether anything differs from the training's own statistics. */
    public boolean steered() {
        return weights != null || Arrays.stream(missingCode).anyMatch(m -> m >= 0);
    }

    /** A row's weight (1 unsteered). */
    public double weight(int r) {
        return weights == null ? 1 : weights[r];
    }

    /** The missing bin of an imputed column, or -1. */
    public int imputedMissingCode(int c) {
        return missingCode[c];
    }

    /**
     * The target histogram over {@code cols}, cell {@code Σ code_i · Π_{j<i} card_j} (the first column varies
     * fastest), summing to the training's row count.
     */
    public double[] counts(int... cols) {
        int[] stride = new int[cols.length];
        int cells = 1;
        for (int i = 0; i < cols.length; i++) {
            stride[i] = cells;
            cells *= train.cardinality(cols[i]);
        }
        boolean imputed = false;
        for (int c : cols) {
            imputed |= missingCode[c] >= 0;
        }
        if (!imputed) {
            return weighted(cols, stride, cells, false);
        }
        double[] present = weighted(cols, stride, cells, true); // rows with every imputed column present
        double[] all = weighted(cols, stride, cells, false);
        // per cell of the other columns: mass from all rows, split as the present rows split it
        int[] otherCell = new int[cells];
        double[] presentOther = new double[cells];
        double[] allOther = new double[cells];
        double presentTotal = 0;
        for (int x = 0; x < cells; x++) {
            int o = x;
            for (int i = 0; i < cols.length; i++) {
                if (missingCode[cols[i]] >= 0) {
                    o -= stride[i] * ((x / stride[i]) % train.cardinality(cols[i]));
                }
            }
            otherCell[x] = o;
            presentOther[o] += present[x];
            allOther[o] += all[x];
            presentTotal += present[x];
        }
        double[] imputedMarginal = new double[cells]; // the imputed columns' share among present rows, by cell
        for (int x = 0; x < cells; x++) {
            imputedMarginal[x - otherCell[x]] += present[x];
        }
        double[] out = new double[cells];
        if (presentTotal == 0) {
            return out; // no row has the column: nothing to match
        }
        for (int x = 0; x < cells; x++) {
            int o = otherCell[x];
            out[x] = presentOther[o] > 0 ? present[x] / presentOther[o] * allOther[o]
                    : imputedMarginal[x - o] / presentTotal * allOther[o];
        }
        return out;
    }

    /** Counts (weighted) over {@code cols}; with {@code presentOnly} only rows where no imputed column is missing. */
    private double[] weighted(int[] cols, int[] stride, int cells, boolean presentOnly) {
        byte[][] codes = new byte[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            codes[i] = train.column(cols[i]);
        }
        int n = train.rows();
        if (weights == null && !presentOnly) {
            int[] counts = new int[cells];
            for (int r = 0; r < n; r++) {
                int x = 0;
                for (int i = 0; i < codes.length; i++) {
                    x += stride[i] * (codes[i][r] & 0xFF);
                }
                counts[x]++;
            }
            double[] out = new double[cells];
            for (int x = 0; x < cells; x++) {
                out[x] = counts[x];
            }
            return out;
        }
        double[] out = new double[cells];
        rows:
        for (int r = 0; r < n; r++) {
            int x = 0;
            for (int i = 0; i < codes.length; i++) {
                int code = codes[i][r] & 0xFF;
                if (presentOnly && code == missingCode[cols[i]]) {
                    continue rows;
                }
                x += stride[i] * code;
            }
            out[x] += weight(r);
        }
        return out;
    }
}
