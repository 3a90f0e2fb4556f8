package dev.issosynth.selection;

import java.util.List;

/**
 * The marginals the selection matches: every column (univariate), chosen column pairs and chosen triples.
 * Each feature is a joint histogram over the product of its columns' bins, stored in one flat cell space so a
 * whole set of histograms is a single array.
 *
 * <p>The objective weighs each phase (uni, bi, tri) equally and every feature within a phase equally, the way
 * the accuracy metric averages them: a feature's weight is {@code 1 / (phases * featuresInPhase)}.
 *
 * <p>Privacy marginals ({@link PrivacyTargets}), when there are any, come last: one univariate feature each over an
 * extra column numbered after the table's columns, in their own phase, weighed by {@link SubsetState}.
 */
public final class FeatureSet {
    public static final int UNI = 0;
    public static final int BI = 1;
    public static final int TRI = 2;
    public static final int PRIVACY = 3;

    private final int[] colA;
    private final int[] colB;
    private final int[] colC;
    private final int[] dimA;
    private final int[] dimAB;
    private final int[] offset;
    private final int[] phase;
    private final double[] weight;
    private final int totalCells;
    private final int[] phaseSizes = new int[4];
    private final int tableColumns;

    private FeatureSet(int[] tableCardinality, List<int[]> pairs, List<int[]> triples, int[] privacyCodes) {
        int n = tableCardinality.length + pairs.size() + triples.size() + privacyCodes.length;
        tableColumns = tableCardinality.length;
        int[] cardinality = java.util.Arrays.copyOf(tableCardinality, tableColumns + privacyCodes.length);
        System.arraycopy(privacyCodes, 0, cardinality, tableColumns, privacyCodes.length);
        colA = new int[n];
        colB = new int[n];
        colC = new int[n];
        dimA = new int[n];
        dimAB = new int[n];
        offset = new int[n + 1];
        phase = new int[n];
        weight = new double[n];
        int f = 0;
        for (int c = 0; c < tableColumns; c++) {
            set(f++, UNI, cardinality, c, -1, -1);
        }
        for (int[] p : pairs) {
            set(f++, BI, cardinality, p[0], p[1], -1);
        }
        for (int[] t : triples) {
            set(f++, TRI, cardinality, t[0], t[1], t[2]);
        }
        for (int k = 0; k < privacyCodes.length; k++) {
            set(f++, PRIVACY, cardinality, tableColumns + k, -1, -1);
        }
        totalCells = offset[n];
        int phases = 0;
        for (int p = UNI; p <= TRI; p++) {
            phases += phaseSizes[p] > 0 ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            weight[i] = phase[i] == PRIVACY ? 0 : 1.0 / (phases * (double) phaseSizes[phase[i]]);
        }
    }

    private void set(int f, int ph, int[] card, int a, int b, int c) {
        colA[f] = a;
        colB[f] = b;
        colC[f] = c;
        dimA[f] = card[a];
        dimAB[f] = b < 0 ? card[a] : card[a] * card[b];
        int cells = dimAB[f] * (c < 0 ? 1 : card[c]);
        offset[f + 1] = offset[f] + cells;
        phase[f] = ph;
        phaseSizes[ph]++;
    }

    /** All columns plus the given pairs and triples (each an int[] of column indices). */
    public static FeatureSet of(int[] cardinality, List<int[]> pairs, List<int[]> triples) {
        return new FeatureSet(cardinality, pairs, triples, new int[0]);
    }

    /** As {@link #of(int[], List, List)} plus one privacy marginal per entry of {@code privacyCodes} (its codes). */
    public static FeatureSet of(int[] cardinality, List<int[]> pairs, List<int[]> triples, int[] privacyCodes) {
        return new FeatureSet(cardinality, pairs, triples, privacyCodes);
    }

    /** Features of the training statistics: all but the privacy marginals, which come after them. */
    public int accuracyFeatures() {
        return colA.length - phaseSizes[PRIVACY];
    }

    /** The first flat cell of the privacy marginals ({@link #totalCells()} when there are none). */
    public int privacyCells() {
        return offset[accuracyFeatures()];
    }

    /** Columns of the table (the privacy marginals' extra columns are numbered from here). */
    public int tableColumns() {
        return tableColumns;
    }

    public int size() {
        return colA.length;
    }

    public int totalCells() {
        return totalCells;
    }

    public int offset(int f) {
        return offset[f];
    }

    public int cells(int f) {
        return offset[f + 1] - offset[f];
    }

    public int phase(int f) {
        return phase[f];
    }

    public int phaseSize(int ph) {
        return phaseSizes[ph];
    }

    public double weight(int f) {
        return weight[f];
    }

    public int colA(int f) {
        return colA[f];
    }

    public int colB(int f) {
        return colB[f];
    }

    public int colC(int f) {
        return colC[f];
    }

    public int arity(int f) {
        return colB[f] < 0 ? 1 : colC[f] < 0 ? 2 : 3;
    }

    /** Flat cell index (including the feature's offset) of a row given its column codes. */
    public int cell(int f, byte[][] codes, int r) {
        int x = codes[colA[f]][r] & 0xFF;
        if (colB[f] >= 0) {
            x += dimA[f] * (codes[colB[f]][r] & 0xFF);
            if (colC[f] >= 0) {
                x += dimAB[f] * (codes[colC[f]][r] & 0xFF);
            }
        }
        return offset[f] + x;
    }

    /** Flat cell index of a row whose codes were gathered into {@code row[column]} (cheaper than {@link #cell}). */
    public int cell(int f, int[] row) {
        int x = row[colA[f]];
        if (colB[f] >= 0) {
            x += dimA[f] * row[colB[f]];
            if (colC[f] >= 0) {
                x += dimAB[f] * row[colC[f]];
            }
        }
        return offset[f] + x;
    }

    public int dimA(int f) {
        return dimA[f];
    }

    public int dimAB(int f) {
        return dimAB[f];
    }
}
