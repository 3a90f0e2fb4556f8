package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwapRefinerTest {

    @Test
    void swapsInTheMissingRow() {
        // Train: bins 0 and 1 once each. Subset: two rows of bin 0. The pool's bin-1 row must come in.
        CodeTable train = CodeTable.ofRows(new int[] {2}, new int[] {0}, new int[] {1});
        CodeTable pool = CodeTable.ofRows(new int[] {2}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {1});
        SubsetState s = new SubsetState(FeatureSet.of(train.cardinalities(), List.of(), List.of()), train, pool, 2);
        s.add(0);
        s.add(1);
        assertEquals(0.5, s.objective(), 1e-12);
        try (Parallel par = new Parallel(1)) {
            SwapRefiner.refine(s, new SwapRefiner.Params(10, 10, 10, Long.MAX_VALUE, 1), par, Progress.silent());
        }
        assertEquals(0.0, s.objective(), 1e-12);
        assertTrue(s.isChosen(3));
        assertEquals(2, s.size());
    }

    @Test
    void neverRaisesTheObjectiveAndKeepsTheSize() {
        CodeTable train = SyntheticCodes.chained(500, 6, 5, 0.6, 41);
        CodeTable pool = SyntheticCodes.noisyCopies(train, 5000, 0.5, 42);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), FeatureRankerTest.allPairs(6), List.of(new int[] {0, 1, 2}));
        SubsetState s = new SubsetState(fs, train, pool, 500);
        for (int r = 0; r < 500; r++) {
            s.add(r);
        }
        double before = s.recomputeObjective();
        try (Parallel par = new Parallel(2)) {
            double last = before;
            for (int round = 0; round < 5; round++) {
                SwapRefiner.Stats st = SwapRefiner.refine(s, new SwapRefiner.Params(1, 200, 1000, Long.MAX_VALUE, round), par, Progress.silent());
                assertTrue(st.objectiveAfter() <= last + 1e-12, "round " + round + " raised the objective");
                last = st.objectiveAfter();
                assertEquals(500, s.size());
            }
            assertTrue(last < before, "refinement found nothing to improve");
        }
    }

    @Test
    void scoresABigSubsetInRotatingWindowsThatCoverEveryChosenRow() {
        CodeTable train = CodeTable.ofRows(new int[] {2}, new int[] {0});
        CodeTable pool = SyntheticCodes.noisyCopies(CodeTable.ofRows(new int[] {2}, new int[] {0}, new int[] {1}), 20, 0.5, 3);
        SubsetState s = new SubsetState(FeatureSet.of(train.cardinalities(), List.of(), List.of()), train, pool, 7);
        int[] chosen = {1, 4, 5, 9, 12, 16, 19};
        for (int r : chosen) {
            s.add(r);
        }
        // a window of 3: rows in pool order from where the last window stopped, wrapping around
        SwapRefiner.Removals windows = new SwapRefiner.Removals(3);
        int[] buf = new int[3];
        assertEquals(3, windows.next(s, buf));
        assertArrayEquals(new int[] {1, 4, 5}, buf);
        assertEquals(3, windows.next(s, buf));
        assertArrayEquals(new int[] {9, 12, 16}, buf);
        assertEquals(3, windows.next(s, buf));
        assertArrayEquals(new int[] {19, 1, 4}, buf);
        // a subset no bigger than the window: all chosen rows, ascending, every time
        SwapRefiner.Removals whole = new SwapRefiner.Removals(7);
        int[] all = new int[7];
        for (int round = 0; round < 2; round++) {
            assertEquals(7, whole.next(s, all));
            assertArrayEquals(chosen, all);
        }
    }

    @Test
    void improvesABigSubsetScoredInWindows() {
        CodeTable train = SyntheticCodes.chained(2000, 6, 5, 0.6, 51);
        CodeTable pool = SyntheticCodes.noisyCopies(train, 20000, 0.5, 52);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), FeatureRankerTest.allPairs(6), List.of());
        SubsetState s = new SubsetState(fs, train, pool, 2000);
        for (int r = 0; r < 2000; r++) {
            s.add(r);
        }
        double before = s.recomputeObjective();
        try (Parallel par = new Parallel(2)) {
            // 250 candidates a round: the 2,000 chosen rows are scored in windows of 250
            SwapRefiner.Stats st = SwapRefiner.refine(s, new SwapRefiner.Params(40, 100, 250, Long.MAX_VALUE, 9), par,
                    Progress.silent());
            assertTrue(st.objectiveAfter() < 0.8 * before, before + " -> " + st.objectiveAfter());
            assertEquals(2000, s.size());
        }
    }
}
