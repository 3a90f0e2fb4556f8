package dev.issosynth.pipeline;

import dev.issosynth.quality.CompactCells;
import dev.issosynth.quality.PartialCopies;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.List;

/** Which partial-copy combinations a selection steers ({@link PartialCopies}), and what its result shows on them. */
final class PartialCopyPlan {
    /** Pool rows the combinations are screened on. */
    static final int SCREEN_ROWS = 20_000;

    private PartialCopyPlan() {
    }

    /**
     * The combinations worth steering, screened on a seeded sample of the pool; at most as many as one byte a
     * combination per engine row fits in a sixteenth of the heap. Null when the table has too many columns for them.
     */
    static PartialCopies choose(PrivacyReference reference, CompactCells poolCells, int engineRows, int[] kept,
                                long seed) {
        PartialCopies all = PartialCopies.of(reference.cells(), reference.rows());
        if (all == null) {
            return null;
        }
        long room = Runtime.getRuntime().maxMemory() / 16 / Math.max(1, engineRows);
        int max = (int) Math.min(PartialCopies.MAX_STEERED, room);
        return all.inExcess(poolCells, SelectionRun.poolSample(engineRows, kept, SCREEN_ROWS, seed), max);
    }

    /** Per steered combination its columns, the real share and the share of the given result rows. */
    static List<SteeringReport.PartialCopyFigure> figures(PrivacySteering steering, int[] rows, Parallel par) {
        double[] result = steering.partialShares(rows, par);
        List<SteeringReport.PartialCopyFigure> out = new ArrayList<>();
        for (int c = 0; c < result.length; c++) {
            out.add(new SteeringReport.PartialCopyFigure(steering.combination(c), steering.partialRealShare(c),
                    result[c]));
        }
        return List.copyOf(out);
    }
}
