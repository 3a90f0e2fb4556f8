package dev.issosynth.selection;

import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Locale;

/**
 * Greedy trimming: removes, one at a time, the chosen row whose removal lowers the objective most, until the
 * subset has the target size.
 *
 * <p>Why exact and still fast: the objective is a sum of convex terms |h - t|, so as rows leave a cell the
 * gain of removing another row of that cell can only fall. Every stored gain is therefore an upper bound on
 * the current one (lazy greedy): pop the best, recompute it exactly in O(features), and remove it if it still
 * beats the next stored bound; otherwise push it back with the fresh value. Each removal is checked against the
 * exact objective change, so the result equals the one-row-at-a-time greedy without rescoring all rows.
 *
 * <p>Late in a big trim many stored bounds go stale at once, and each removal can cost thousands of single-row
 * rechecks (a 12.5 M-row subset: the last 50,000 removals at about 500 a second). So a subset of at least
 * {@value #RESCORE_MIN_ROWS} rows is rescored whole, on all threads, once the rechecks since the last rescore add up
 * to a quarter of its rows; the heap then holds exact gains again. The removals stay those of the exact greedy
 * (ties aside); smaller subsets never rescore.
 */
public final class Trimmer {
    static final int RESCORE_MIN_ROWS = 1_000_000;

    private Trimmer() {
    }

    /** Statistics of one trimming run. */
    public record Stats(int removed, int recomputations, boolean timedOut) {
    }

    public static Stats trim(SubsetState state, int target, long deadlineNanos, Parallel par, Progress progress) {
        return trim(state, target, deadlineNanos, par, progress, RESCORE_MIN_ROWS);
    }

    /** As above; subsets of at least {@code rescoreMinRows} rows are rescored whole when the rechecks pile up. */
    static Stats trim(SubsetState state, int target, long deadlineNanos, Parallel par, Progress progress,
                      int rescoreMinRows) {
        int chosen = state.size();
        int toRemove = chosen - target;
        if (toRemove <= 0) {
            return new Stats(0, 0, false);
        }
        GainHeap heap = rescored(state, par);
        int removed = 0;
        int recomputations = 0;
        boolean timedOut = false;
        boolean rescores = chosen >= rescoreMinRows;
        long sinceRescore = 0;
        while (removed < toRemove) {
            if (rescores && sinceRescore > chosen / 4) {
                heap = rescored(state, par);
                sinceRescore = 0;
            }
            if ((removed & 255) == 0 && System.nanoTime() > deadlineNanos) {
                timedOut = true;
                break;
            }
            int r = heap.pop();
            double fresh = state.removalGain(r);
            recomputations++;
            sinceRescore++;
            if (heap.isEmpty() || fresh >= heap.topGain()) {
                state.remove(r);
                removed++;
                if ((removed & 1023) == 0) {
                    progress.update(removed / (double) toRemove,
                            String.format(Locale.ROOT, "rows %d  objective %.6f", state.size(), state.objective()));
                }
            } else {
                heap.push(fresh, r);
            }
        }
        // Out of time: finish with the stored bounds, best first, without recomputing.
        while (removed < toRemove) {
            state.remove(heap.pop());
            removed++;
        }
        state.recomputeObjective();
        return new Stats(removed, recomputations, timedOut);
    }

    /** A heap of the exact removal gains of every chosen row. */
    private static GainHeap rescored(SubsetState state, Parallel par) {
        int[] rows = state.chosenRows();
        double[] gains = new double[rows.length];
        RowScorer.score(state.features(), state.codes(), rows, rows.length, state.removalTable(), gains, par);
        return GainHeap.of(rows, gains, rows.length);
    }
}
