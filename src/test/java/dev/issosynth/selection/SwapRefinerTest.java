package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
