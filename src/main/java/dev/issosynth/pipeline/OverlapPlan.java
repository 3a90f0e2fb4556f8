package dev.issosynth.pipeline;

import dev.issosynth.quality.CompactCells;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.quality.ValueOverlap;
import dev.issosynth.util.Parallel;

import java.util.Locale;

/**
 * Whether a selection steers the {@link ValueOverlap} (how much of a single training row a row repeats): only when
 * a sample of the pool holds more large overlaps than real records do, so a generator that does not memorise costs
 * neither accuracy nor time.
 */
final class OverlapPlan {
    /**
     * Pool rows the overlap is screened on, and result rows its figure is read from: enough for a bin of 0.5 % (the
     * smallest real share) to read within about 0.001, few enough to cost about 1 s on the 100,000 × 70 table.
     */
    static final int SCREEN_ROWS = 5_000;

    /**
     * The screening: the overlap's yardstick, the pool sample's share of rows per bin, and whether it is steered (a
     * capped bin holds more than the real share by over half of it plus 0.005, the rule partial copies use).
     */
    record Screened(ValueOverlap overlap, double[] poolShares, boolean steered, double seconds) {
        /** The overlap to steer, or null. */
        ValueOverlap steeredOverlap() {
            return steered ? overlap : null;
        }

        /** Shares of the pool sample ([0]) and of real records ([1]) in the capped bins (above the real median). */
        double[] cappedShares() {
            return new double[] {overlap.cappedShare(poolShares), overlap.cappedShare(overlap.shares())};
        }
    }

    private OverlapPlan() {
    }

    /** Screens the overlap on a seeded sample of {@link #SCREEN_ROWS} engine rows ({@code kept}: their pool rows). */
    static Screened screen(PrivacyReference reference, CompactCells poolCells, int engineRows, int[] kept, long seed,
                           Parallel par) {
        long t = System.nanoTime();
        // all reference rows, or a seeded sample within the leave-one-out budget
        int rows = ValueOverlap.affordableRows(reference.rows(), reference.compactColumns());
        ValueOverlap overlap = ValueOverlap.of(referenceCells(reference, rows, seed), rows, par);
        int[] sample = SelectionRun.poolSample(engineRows, kept, SCREEN_ROWS, seed);
        double[] scores = new double[sample.length];
        overlap.scores(poolCells, sample, sample.length, scores, par);
        double[] pool = overlap.binShares(scores);
        boolean steer = overlap.inExcess(pool);
        return new Screened(overlap, pool, steer, (System.nanoTime() - t) / 1e9);
    }

    /** The reference's cells, or those of a seeded sample of {@code k} of its rows. */
    private static CompactCells referenceCells(PrivacyReference reference, int k, long seed) {
        int m = reference.rows();
        if (k == m) {
            return reference.cells();
        }
        int[] pick = dev.issosynth.selection.SwapRefiner.permutation(m, new java.util.SplittableRandom(seed
                ^ 0x4f5645524c4150L));
        char[][] cells = new char[reference.compactColumns()][k];
        for (int c = 0; c < cells.length; c++) {
            for (int i = 0; i < k; i++) {
                cells[c][i] = reference.cells().get(c, pick[i]);
            }
        }
        return CompactCells.of(cells);
    }

    /** One line for the log: the pool sample's share of large overlaps against real records', and the decision. */
    static String describe(Screened s) {
        double[] c = s.cappedShares();
        return String.format(Locale.ROOT, "privacy: value overlap (how much of one training row a row repeats, rare"
                + " values weighing most): %.4f of a pool sample above the real median against %.4f of real records;"
                + " %s (%.1f s)", c[0], c[1], s.steered() ? "steered to the real shares" : "not steered (no more than"
                + " real)", s.seconds());
    }

    /** The overlap figures of the steering report: pool sample, real records and result, above the real median. */
    static SteeringReport.OverlapFigure figure(Screened s, CompactCells poolCells, int[] resultRows, int[] kept,
                                             Parallel par) {
        int[] ids = PrivacySteering.poolRowSample(resultRows, kept, SCREEN_ROWS);
        int n = ids.length;
        double[] scores = new double[n];
        s.overlap().scores(poolCells, ids, n, scores, par);
        double result = n == 0 ? 0 : s.overlap().cappedShare(s.overlap().binShares(scores));
        double[] c = s.cappedShares();
        return new SteeringReport.OverlapFigure(c[0], c[1], result, s.steered());
    }
}
