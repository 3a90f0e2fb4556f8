package dev.issosynth.report;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;

/** Bin counts and Cramér's V between binned columns. */
public final class Associations {
    private Associations() {
    }

    /** Rows per bin of one column. */
    static int[] counts(CodeTable t, int col) {
        int[] h = new int[t.cardinality(col)];
        byte[] a = t.column(col);
        for (int r = 0; r < t.rows(); r++) {
            h[a[r] & 0xFF]++;
        }
        return h;
    }

    /** Joint rows per bin pair, {@code h[binA][binB]}. */
    static int[][] joint(CodeTable t, int colA, int colB) {
        int[][] h = new int[t.cardinality(colA)][t.cardinality(colB)];
        byte[] a = t.column(colA);
        byte[] b = t.column(colB);
        for (int r = 0; r < t.rows(); r++) {
            h[a[r] & 0xFF][b[r] & 0xFF]++;
        }
        return h;
    }

    /**
     * Cramér's V of every pair of columns (symmetric, diagonal 1; 0 when a column has a single non-empty bin):
     * sqrt(chi² / n / (min(r, c) - 1)) over the non-empty bins, without bias correction.
     */
    public static double[][] cramersV(CodeTable t, Parallel par) {
        int m = t.columns();
        double[][] v = new double[m][m];
        int pairs = m * (m - 1) / 2;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int i = 0, p = 0; i < m; i++) {
            v[i][i] = 1;
            for (int j = i + 1; j < m; j++, p++) {
                first[p] = i;
                second[p] = j;
            }
        }
        par.forTasks(pairs, p -> {
            double x = cramersV(joint(t, first[p], second[p]), t.rows());
            v[first[p]][second[p]] = x;
            v[second[p]][first[p]] = x;
        });
        return v;
    }

    static double cramersV(int[][] h, int n) {
        if (n == 0) {
            return 0;
        }
        int ra = h.length;
        int rb = h[0].length;
        long[] rowSum = new long[ra];
        long[] colSum = new long[rb];
        for (int a = 0; a < ra; a++) {
            for (int b = 0; b < rb; b++) {
                rowSum[a] += h[a][b];
                colSum[b] += h[a][b];
            }
        }
        int rowsUsed = 0;
        int colsUsed = 0;
        for (long s : rowSum) {
            rowsUsed += s > 0 ? 1 : 0;
        }
        for (long s : colSum) {
            colsUsed += s > 0 ? 1 : 0;
        }
        int k = Math.min(rowsUsed, colsUsed) - 1;
        if (k <= 0) {
            return 0;
        }
        // chi² = n * (sum O² / (R C) - 1)
        double sum = 0;
        for (int a = 0; a < ra; a++) {
            if (rowSum[a] == 0) {
                continue;
            }
            for (int b = 0; b < rb; b++) {
                if (h[a][b] != 0) {
                    sum += (double) h[a][b] * h[a][b] / ((double) rowSum[a] * colSum[b]);
                }
            }
        }
        double phi2 = Math.max(0, sum - 1);
        return Math.min(1, Math.sqrt(phi2 / k));
    }
}
