package dev.issosynth.selection;

import dev.issosynth.util.Parallel;

/**
 * Scores many rows against a per-cell gain table: {@code out[i] = sum_f table[cell_f(rows[i])]}.
 *
 * <p>Why blocked: the rows are scattered over a large pool, so each block's codes are first gathered into a
 * small column-major buffer that stays in cache, then each feature's small slice of the table is applied to
 * the whole block. Every output depends on its own row only, so the result does not depend on thread count.
 */
public final class RowScorer {
    private static final int BLOCK = 2048;

    private RowScorer() {
    }

    public static void score(FeatureSet fs, byte[][] codes, int[] rows, int count, double[] table, double[] out,
                             Parallel par) {
        score(fs, fs.size(), codes, rows, count, table, out, par);
    }

    /** As above over the first {@code features} features only (e.g. without privacy marginals not yet known). */
    public static void score(FeatureSet fs, int features, byte[][] codes, int[] rows, int count, double[] table,
                             double[] out, Parallel par) {
        int columns = features == fs.size() ? codes.length : fs.tableColumns();
        par.forBlocks(count, BLOCK, (b, from, to) -> {
            int n = to - from;
            byte[][] buf = new byte[columns][n];
            for (int c = 0; c < columns; c++) {
                byte[] src = codes[c];
                byte[] dst = buf[c];
                for (int i = 0; i < n; i++) {
                    dst[i] = src[rows[from + i]];
                }
            }
            double[] acc = new double[n];
            for (int f = 0; f < features; f++) {
                int off = fs.offset(f);
                byte[] a = buf[fs.colA(f)];
                switch (fs.arity(f)) {
                    case 1 -> {
                        for (int i = 0; i < n; i++) {
                            acc[i] += table[off + (a[i] & 0xFF)];
                        }
                    }
                    case 2 -> {
                        byte[] bb = buf[fs.colB(f)];
                        int da = fs.dimA(f);
                        for (int i = 0; i < n; i++) {
                            acc[i] += table[off + (a[i] & 0xFF) + da * (bb[i] & 0xFF)];
                        }
                    }
                    default -> {
                        byte[] bb = buf[fs.colB(f)];
                        byte[] cc = buf[fs.colC(f)];
                        int da = fs.dimA(f);
                        int dab = fs.dimAB(f);
                        for (int i = 0; i < n; i++) {
                            acc[i] += table[off + (a[i] & 0xFF) + da * (bb[i] & 0xFF) + dab * (cc[i] & 0xFF)];
                        }
                    }
                }
            }
            System.arraycopy(acc, 0, out, from, n);
        });
    }
}
