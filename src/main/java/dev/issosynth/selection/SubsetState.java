package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;

/**
 * Histograms of the currently chosen pool rows for every feature, their targets (training histograms scaled
 * to the target size) and the objective, all maintained incrementally: adding or removing one row costs
 * O(features), never O(rows).
 *
 * <p>Objective: {@code E = sum_f weight_f * sum_b |h_f(b) - t_f(b)| / (2 n)}, with n the target size. When the
 * subset has exactly n rows, {@code 1 - E} is the weighted mean accuracy (1 - TVD) over the features, the
 * quantity the evaluator reports. The gains below weigh every feature exactly as E does.
 *
 * <p>Privacy marginals ({@link PrivacyTargets}) add {@code privacyWeight * max(0, h(b) - t(b)) / (2 n)} for each
 * capped code b (an uncapped code adds nothing): one-sided, and still convex in the counts, so trimming's lazy
 * greedy stays exact. With a weight of 2 or more, one row over a cap costs more than any row's whole share of the
 * accuracy terms (a row moves each feature's L1 by at most 1, and the feature weights sum to 1), so no accuracy
 * gain buys a row over a cap.
 */
public final class SubsetState {
    private final FeatureSet features;
    private final byte[][] codes;
    private final double[] target;
    private final int[] hist;
    private final double[] cellWeight;
    /** Privacy cells (from {@link FeatureSet#privacyCells()}) and their cost per row over the target (under: 0). */
    private final int privacyCells;
    private final double[] overWeight;
    private final PrivacyTargets privacy;
    private final int targetSize;
    private final boolean[] chosen;
    /** Scratch: the codes of the row being scored, gathered once so the feature loop stays in cache. */
    private final int[] rowCodes;
    private int size;
    private double objective;

    public SubsetState(FeatureSet features, CodeTable train, CodeTable pool, int targetSize) {
        this(features, train, pool, targetSize, null, 0);
    }

    /**
     * @param privacy        the privacy marginals (features' privacy phase, in order); null for none
     * @param privacyWeight  the cost of one row over a capped code, in units of a whole accuracy feature set's
     */
    public SubsetState(FeatureSet features, CodeTable train, CodeTable pool, int targetSize, PrivacyTargets privacy,
                       double privacyWeight) {
        this(features, TrainingTargets.of(train), pool, targetSize, privacy, privacyWeight);
    }

    /** As {@link #SubsetState(FeatureSet, CodeTable, CodeTable, int, PrivacyTargets, double)} on (steered) targets. */
    public SubsetState(FeatureSet features, TrainingTargets train, CodeTable pool, int targetSize,
                       PrivacyTargets privacy, double privacyWeight) {
        int marginals = privacy == null ? 0 : privacy.marginals();
        if (features.size() - features.accuracyFeatures() != marginals) {
            throw new IllegalArgumentException("features have " + (features.size() - features.accuracyFeatures())
                    + " privacy marginals, targets " + marginals);
        }
        this.features = features;
        this.privacy = privacy;
        byte[][] table = columns(pool);
        this.codes = java.util.Arrays.copyOf(table, table.length + marginals);
        for (int k = 0; k < marginals; k++) {
            codes[table.length + k] = privacy.codes(k);
        }
        this.targetSize = targetSize;
        this.target = new double[features.totalCells()];
        this.hist = new int[features.totalCells()];
        this.cellWeight = new double[features.totalCells()];
        this.chosen = new boolean[pool.rows()];
        this.rowCodes = new int[codes.length];
        double scale = targetSize / (double) train.rows();
        this.privacyCells = features.privacyCells();
        this.overWeight = new double[features.totalCells() - privacyCells];
        for (int f = features.accuracyFeatures(); f < features.size(); f++) {
            int k = f - features.accuracyFeatures();
            double[] shares = privacy.shares(k);
            boolean[] capped = privacy.capped(k);
            if (shares.length != features.cells(f) || capped.length != shares.length) {
                throw new IllegalArgumentException("privacy marginal " + k + ": " + shares.length + " shares for "
                        + features.cells(f) + " codes");
            }
            for (int b = 0; b < shares.length; b++) {
                int i = features.offset(f) + b;
                target[i] = shares[b] * targetSize;
                overWeight[i - privacyCells] = capped[b] ? privacyWeight / (2.0 * targetSize) : 0;
            }
        }
        for (int f = 0; f < features.accuracyFeatures(); f++) {
            int arity = features.arity(f);
            double[] counts = arity == 1 ? train.counts(features.colA(f))
                    : arity == 2 ? train.counts(features.colA(f), features.colB(f))
                    : train.counts(features.colA(f), features.colB(f), features.colC(f));
            double w = features.weight(f) / (2.0 * targetSize);
            for (int i = features.offset(f); i < features.offset(f + 1); i++) {
                target[i] = counts[i - features.offset(f)] * scale;
                cellWeight[i] = w;
            }
        }
        recomputeObjective();
    }

    static byte[][] columns(CodeTable t) {
        byte[][] out = new byte[t.columns()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.column(c);
        }
        return out;
    }

    public FeatureSet features() {
        return features;
    }

    public byte[][] codes() {
        return codes;
    }

    public int size() {
        return size;
    }

    public int targetSize() {
        return targetSize;
    }

    /** The privacy marginals, or null. */
    public PrivacyTargets privacy() {
        return privacy;
    }

    public boolean isChosen(int row) {
        return chosen[row];
    }

    public int poolRows() {
        return chosen.length;
    }

    public double objective() {
        return objective;
    }

    /** Recomputes the objective from the histograms, dropping accumulated rounding drift. */
    public double recomputeObjective() {
        double e = 0;
        for (int i = 0; i < privacyCells; i++) {
            e += cellWeight[i] * Math.abs(hist[i] - target[i]);
        }
        for (int i = privacyCells; i < hist.length; i++) {
            e += privacyCost(i, hist[i] - target[i]);
        }
        objective = e;
        return e;
    }

    /** The privacy part of the objective: the cost of the rows over the capped codes' targets. */
    public double privacyExcess() {
        double e = 0;
        for (int i = privacyCells; i < hist.length; i++) {
            e += privacyCost(i, hist[i] - target[i]);
        }
        return e;
    }

    private double privacyCost(int i, double d) {
        return d > 0 ? overWeight[i - privacyCells] * d : 0;
    }

    public void add(int row) {
        if (chosen[row]) {
            throw new IllegalStateException("row " + row + " already chosen");
        }
        objective -= additionGain(row);
        chosen[row] = true;
        size++;
        gather(row);
        for (int f = 0; f < features.size(); f++) {
            hist[features.cell(f, rowCodes)]++;
        }
    }

    public void remove(int row) {
        if (!chosen[row]) {
            throw new IllegalStateException("row " + row + " not chosen");
        }
        objective -= removalGain(row);
        chosen[row] = false;
        size--;
        gather(row);
        for (int f = 0; f < features.size(); f++) {
            hist[features.cell(f, rowCodes)]--;
        }
    }

    /** How much E drops if this (chosen) row is removed; negative if removing it hurts. */
    public double removalGain(int row) {
        gather(row);
        double g = 0;
        for (int f = 0; f < features.size(); f++) {
            g += removalTerm(features.cell(f, rowCodes));
        }
        return g;
    }

    /** How much E drops if this (unchosen) row is added. */
    public double additionGain(int row) {
        gather(row);
        double g = 0;
        for (int f = 0; f < features.size(); f++) {
            g += additionTerm(features.cell(f, rowCodes));
        }
        return g;
    }

    private void gather(int row) {
        for (int c = 0; c < codes.length; c++) {
            rowCodes[c] = codes[c][row] & 0xFF;
        }
    }

    private double removalTerm(int i) {
        double d = hist[i] - target[i];
        if (i >= privacyCells) {
            return privacyCost(i, d) - privacyCost(i, d - 1);
        }
        return cellWeight[i] * (Math.abs(d) - Math.abs(d - 1));
    }

    private double additionTerm(int i) {
        double d = hist[i] - target[i];
        if (i >= privacyCells) {
            return privacyCost(i, d) - privacyCost(i, d + 1);
        }
        return cellWeight[i] * (Math.abs(d) - Math.abs(d + 1));
    }

    /** The privacy marginals' part of {@link #additionGain} for an unchosen row whose codes are known. */
    public double privacyAdditionGain(int row) {
        double g = 0;
        for (int f = features.accuracyFeatures(); f < features.size(); f++) {
            g += additionTerm(features.offset(f) + (codes[features.colA(f)][row] & 0xFF));
        }
        return g;
    }

    /** An upper bound of {@link #privacyAdditionGain} over all rows: each marginal's best code. */
    public double maxPrivacyAdditionGain() {
        double g = 0;
        for (int f = features.accuracyFeatures(); f < features.size(); f++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = features.offset(f); i < features.offset(f + 1); i++) {
                best = Math.max(best, additionTerm(i));
            }
            g += best;
        }
        return g;
    }

    /** Per-cell removal gains, for scoring many rows at once with {@link RowScorer}. */
    public double[] removalTable() {
        double[] t = new double[hist.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = removalTerm(i);
        }
        return t;
    }

    /** Per-cell addition gains, for scoring many rows at once with {@link RowScorer}. */
    public double[] additionTable() {
        double[] t = new double[hist.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = additionTerm(i);
        }
        return t;
    }

    /** The chosen rows in ascending order. */
    public int[] chosenRows() {
        int[] out = new int[size];
        int k = 0;
        for (int r = 0; r < chosen.length; r++) {
            if (chosen[r]) {
                out[k++] = r;
            }
        }
        return out;
    }

    /** Objective contribution of one phase (uni/bi/tri), scaled back to a mean error in [0,1]. */
    public double phaseError(int phase) {
        double e = 0;
        int phases = 0;
        for (int p = 0; p < 3; p++) {
            phases += features.phaseSize(p) > 0 ? 1 : 0;
        }
        if (features.phaseSize(phase) == 0) {
            return 0;
        }
        for (int f = 0; f < features.size(); f++) {
            if (features.phase(f) != phase) {
                continue;
            }
            for (int i = features.offset(f); i < features.offset(f + 1); i++) {
                e += cellWeight[i] * Math.abs(hist[i] - target[i]);
            }
        }
        return e * phases;
    }
}
