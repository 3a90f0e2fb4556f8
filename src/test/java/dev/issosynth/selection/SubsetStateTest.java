package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubsetStateTest {

    @Test
    void objectiveIsWeightedHalfL1OverTargetSize() {
        // One column, 2 bins. Train: 3x bin0, 1x bin1 -> target for size 4: {3, 1}.
        CodeTable train = CodeTable.ofRows(new int[] {2}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {1});
        CodeTable pool = CodeTable.ofRows(new int[] {2}, new int[] {0}, new int[] {1}, new int[] {1}, new int[] {1});
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(), List.of());
        SubsetState s = new SubsetState(fs, train, pool, 4);
        for (int r = 0; r < 4; r++) {
            s.add(r);
        }
        // Subset {1 x bin0, 3 x bin1}: |1-3| + |3-1| = 4, / (2*4) = 0.5 = TVD of (0.75,0.25) vs (0.25,0.75).
        assertEquals(0.5, s.objective(), 1e-12);
        assertEquals(0.5, s.recomputeObjective(), 1e-12);
    }

    @Test
    void gainsEqualTheExactObjectiveChange() {
        CodeTable train = SyntheticCodes.chained(300, 5, 4, 0.5, 1);
        CodeTable pool = SyntheticCodes.independent(train, 1000, 2);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(new int[] {0, 1}, new int[] {2, 4}),
                List.of(new int[] {1, 2, 3}));
        SubsetState s = new SubsetState(fs, train, pool, 300);
        SplittableRandom rng = new SplittableRandom(5);
        for (int step = 0; step < 2000; step++) {
            int r = rng.nextInt(pool.rows());
            double before = s.recomputeObjective();
            if (s.isChosen(r)) {
                double g = s.removalGain(r);
                s.remove(r);
                assertEquals(before - g, s.recomputeObjective(), 1e-12);
            } else {
                double g = s.additionGain(r);
                s.add(r);
                assertEquals(before - g, s.recomputeObjective(), 1e-12);
            }
        }
    }

    @Test
    void incrementalObjectiveDoesNotDrift() {
        CodeTable train = SyntheticCodes.chained(200, 4, 5, 0.5, 3);
        CodeTable pool = SyntheticCodes.independent(train, 500, 4);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(new int[] {0, 1}), List.of());
        SubsetState s = new SubsetState(fs, train, pool, 200);
        SplittableRandom rng = new SplittableRandom(9);
        for (int step = 0; step < 5000; step++) {
            int r = rng.nextInt(pool.rows());
            if (s.isChosen(r)) {
                s.remove(r);
            } else {
                s.add(r);
            }
        }
        double incremental = s.objective();
        assertEquals(s.recomputeObjective(), incremental, 1e-9);
    }

    @Test
    void rowScorerMatchesSingleRowGains() {
        CodeTable train = SyntheticCodes.chained(400, 6, 6, 0.5, 5);
        CodeTable pool = SyntheticCodes.independent(train, 5000, 6);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(new int[] {0, 5}, new int[] {1, 2}),
                List.of(new int[] {0, 2, 4}));
        SubsetState s = new SubsetState(fs, train, pool, 400);
        for (int r = 0; r < 600; r++) {
            s.add(r * 7);
        }
        int[] chosen = s.chosenRows();
        double[] gains = new double[chosen.length];
        try (dev.issosynth.util.Parallel par = new dev.issosynth.util.Parallel(2)) {
            RowScorer.score(fs, s.codes(), chosen, chosen.length, s.removalTable(), gains, par);
        }
        for (int i = 0; i < chosen.length; i++) {
            assertEquals(s.removalGain(chosen[i]), gains[i], 0.0, "row " + chosen[i]);
        }
    }
}
