package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrimmerTest {

    @Test
    void removesTheSurplusOfEachOverfullBin() {
        // Train has one row of each of 4 bins; the subset A,A,A,B,B,C,D,D must shrink to A,B,C,D.
        CodeTable train = CodeTable.ofRows(new int[] {4}, new int[] {0}, new int[] {1}, new int[] {2}, new int[] {3});
        CodeTable pool = CodeTable.ofRows(new int[] {4}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {1},
                new int[] {1}, new int[] {2}, new int[] {3}, new int[] {3});
        SubsetState s = new SubsetState(FeatureSet.of(train.cardinalities(), List.of(), List.of()), train, pool, 4);
        for (int r = 0; r < 8; r++) {
            s.add(r);
        }
        try (Parallel par = new Parallel(1)) {
            Trimmer.Stats st = Trimmer.trim(s, 4, Long.MAX_VALUE, par, Progress.silent());
            assertEquals(4, st.removed());
        }
        assertEquals(4, s.size());
        int[] bins = new int[4];
        for (int r : s.chosenRows()) {
            bins[pool.code(0, r)]++;
        }
        assertEquals(List.of(1, 1, 1, 1), List.of(bins[0], bins[1], bins[2], bins[3]));
        assertEquals(0.0, s.objective(), 1e-12);
    }

    @Test
    void everyRemovalIsTheBestSingleRemovalAndNeverRaisesTheObjectiveWhileOneHelps() {
        CodeTable train = SyntheticCodes.chained(300, 5, 4, 0.6, 21);
        CodeTable pool = SyntheticCodes.independent(train, 3000, 22);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 4}),
                List.of(new int[] {0, 1, 2}));
        SubsetState s = new SubsetState(fs, train, pool, 300);
        for (int r = 0; r < 450; r++) {
            s.add(r);
        }
        try (Parallel par = new Parallel(2)) {
            while (s.size() > 300) {
                double best = Double.NEGATIVE_INFINITY;
                for (int r : s.chosenRows()) {
                    best = Math.max(best, s.removalGain(r));
                }
                double before = s.recomputeObjective();
                Trimmer.trim(s, s.size() - 1, Long.MAX_VALUE, par, Progress.silent());
                double after = s.recomputeObjective();
                // The lazy greedy removed a row whose gain equals the best brute-force gain.
                assertEquals(best, before - after, 1e-12);
                if (best > 0) {
                    assertTrue(after < before);
                }
            }
        }
        assertEquals(300, s.size());
    }

    @Test
    void reachesTheExactSizeEvenWhenTheTimeBudgetIsGone() {
        CodeTable train = SyntheticCodes.chained(200, 4, 4, 0.6, 31);
        CodeTable pool = SyntheticCodes.independent(train, 1000, 32);
        SubsetState s = new SubsetState(FeatureSet.of(train.cardinalities(), List.of(), List.of()), train, pool, 200);
        for (int r = 0; r < 500; r++) {
            s.add(r);
        }
        try (Parallel par = new Parallel(1)) {
            Trimmer.Stats st = Trimmer.trim(s, 200, System.nanoTime() - 1, par, Progress.silent());
            assertTrue(st.timedOut());
        }
        assertEquals(200, s.size());
        assertFalse(Double.isNaN(s.objective()));
    }

    @Test
    void rescoringABigSubsetKeepsTheGreedyRemovals() {
        CodeTable train = SyntheticCodes.chained(2000, 6, 5, 0.6, 31);
        CodeTable pool = SyntheticCodes.independent(train, 6000, 32);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), FeatureRankerTest.allPairs(6), List.of(new int[] {0, 1, 2}));
        SubsetState lazy = new SubsetState(fs, train, pool, 2000);
        SubsetState rescoring = new SubsetState(fs, train, pool, 2000);
        for (int r = 0; r < 4000; r++) {
            lazy.add(r);
            rescoring.add(r);
        }
        try (Parallel par = new Parallel(2)) {
            Trimmer.Stats a = Trimmer.trim(lazy, 2000, Long.MAX_VALUE, par, Progress.silent(), Integer.MAX_VALUE);
            // every 1,000 rechecks (a quarter of the 4,000 rows) the heap is rebuilt from exact gains
            Trimmer.Stats b = Trimmer.trim(rescoring, 2000, Long.MAX_VALUE, par, Progress.silent(), 0);
            assertEquals(2000, a.removed());
            assertEquals(2000, b.removed());
            assertTrue(b.recomputations() < a.recomputations(), b.recomputations() + " vs " + a.recomputations());
            // the same greedy: equal objective (ties may pick other rows of equal gain)
            assertEquals(lazy.recomputeObjective(), rescoring.recomputeObjective(), 1e-9);
        }
    }
}
