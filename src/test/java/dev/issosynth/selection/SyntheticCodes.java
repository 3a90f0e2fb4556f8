package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;

import java.util.SplittableRandom;

/** Builders for binned test tables with known structure (shared by selection tests and the bench). */
public final class SyntheticCodes {
    private SyntheticCodes() {
    }

    /**
     * A table whose columns form chains: column c copies column c-1 with probability {@code keep}, else takes
     * a random bin; so neighbouring columns are strongly dependent and far ones weakly.
     */
    public static CodeTable chained(int rows, int columns, int bins, double keep, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] card = new int[columns];
        byte[][] codes = new byte[columns][rows];
        for (int c = 0; c < columns; c++) {
            card[c] = bins;
        }
        for (int r = 0; r < rows; r++) {
            int prev = skewed(rng, bins);
            for (int c = 0; c < columns; c++) {
                int v = c > 0 && rng.nextDouble() < keep ? prev : skewed(rng, bins);
                codes[c][r] = (byte) v;
                prev = v;
            }
        }
        return new CodeTable(codes, card);
    }

    private static int skewed(SplittableRandom rng, int bins) {
        // Geometric-ish: low bins more likely, like real marginals.
        double u = rng.nextDouble();
        return Math.min(bins - 1, (int) (bins * u * u));
    }

    /** A pool made of rows of {@code source}, each cell replaced by a random cell of its column w.p. noise. */
    public static CodeTable noisyCopies(CodeTable source, int rows, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = source.columns();
        byte[][] codes = new byte[m][rows];
        for (int r = 0; r < rows; r++) {
            int src = rng.nextInt(source.rows());
            for (int c = 0; c < m; c++) {
                int from = rng.nextDouble() < noise ? rng.nextInt(source.rows()) : src;
                codes[c][r] = source.column(c)[from];
            }
        }
        return new CodeTable(codes, source.cardinalities());
    }

    /** Every column sampled independently from the column's values in {@code source}. */
    public static CodeTable independent(CodeTable source, int rows, long seed) {
        return noisyCopies(source, rows, 1.0, seed);
    }
}
