package dev.issosynth.selection;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steering as targets: hand-made tables whose steered histograms can be worked out on paper. */
class SteeredTargetsTest {
    private static final MissingValues NA = MissingValues.defaults();

    @Test
    void unsteeredTargetsAreTheCountsWithTheFirstColumnVaryingFastest() {
        CodeTable t = CodeTable.ofRows(new int[] {2, 3}, new int[] {0, 0}, new int[] {1, 0}, new int[] {1, 2},
                new int[] {1, 2});
        TrainingTargets targets = TrainingTargets.of(t);
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 2}, targets.counts(0, 1));
        assertArrayEquals(new double[] {1, 3}, targets.counts(0));
        assertEquals(false, targets.steered());
        // weights are rescaled to the row count: 4 rows, the last weighs as much as the other three together
        TrainingTargets w = targets.withWeights(new double[] {1, 1, 1, 3});
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3 + 2.0 / 3 + 2}, w.counts(0), 1e-12);
    }

    @Test
    void anImputedColumnTakesItsSharesFromThePresentRowsGivenTheOthers() {
        // A: a1 = 0, a2 = 1, missing = 2; B: b1 = 0, b2 = 1. Rows (A, B):
        // (a1,b1) (a1,b1) (a2,b1) (NA,b1) (a2,b2) (NA,b2)
        CodeTable t = CodeTable.ofRows(new int[] {3, 2}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 0},
                new int[] {2, 0}, new int[] {1, 1}, new int[] {2, 1});
        TrainingTargets imputed = TrainingTargets.of(t).imputing(0, 2);
        // alone: a1 and a2 share the 6 rows as the 4 present rows do (2 : 2)
        assertArrayEquals(new double[] {3, 3, 0}, imputed.counts(0), 1e-12);
        // with B: b1 has 4 rows, present ones split a1 : a2 = 2 : 1; b2 has 2 rows, its one present row is a2
        assertArrayEquals(new double[] {8.0 / 3, 4.0 / 3, 0, 0, 2, 0}, imputed.counts(0, 1), 1e-12);
        // B alone keeps every row
        assertArrayEquals(new double[] {4, 2}, imputed.counts(1), 1e-12);
    }

    /** 100 rows: churn yes in 8 of them; plan a/b (a in 6 of the 8 churners and in 23 of the 92 others); x missing in 10. */
    private static TrainingTable churn() {
        RawTable raw = TestTables.rows(100)
                .column("churn", i -> i < 8 ? "yes" : "no")
                .column("plan", i -> i < 6 || (i >= 8 && i < 31) ? "a" : "b")
                .column("x", i -> i % 10 == 9 ? "" : i % 2 == 0 ? "even" : "odd")
                .build();
        return TrainingTable.of(raw, NA);
    }

    @Test
    void rebalancingWeighsEachCategorysRowsAndKeepsTheirRelations() {
        TrainingTable t = churn();
        Steering s = new Steering(List.of(Steering.Rebalance.parse("churn=yes:0.5")), null, List.of(), List.of(), List.of());
        TrainingTargets targets = SteeredTargets.of(s, t).targets();
        int churn = 0;
        int plan = 1;
        double[] shares = targets.counts(churn);
        int yes = t.schema().binning(churn).code("yes");
        int no = t.schema().binning(churn).code("no");
        assertEquals(50, shares[yes], 1e-6);
        assertEquals(50, shares[no], 1e-6);
        double[] joint = targets.counts(churn, plan);
        int a = t.schema().binning(plan).code("a");
        int cards = t.codes().cardinality(churn);
        // within the churners plan a keeps its 6 of 8, within the others its 23 of 92
        assertEquals(50 * 6 / 8.0, joint[yes + cards * a], 1e-6);
        assertEquals(50 * 23 / 92.0, joint[no + cards * a], 1e-6);
    }

    @Test
    void fairnessMakesTheTargetIndependentOfTheSensitiveColumn() {
        TrainingTable t = churn();
        Steering s = new Steering(List.of(), "churn", List.of("plan"), List.of(), List.of());
        SteeredTargets steered = SteeredTargets.of(s, t);
        double[] joint = steered.targets().counts(0, 1);
        double[] churn = steered.targets().counts(0);
        double[] plan = steered.targets().counts(1);
        int cards = t.codes().cardinality(0);
        for (int c = 0; c < cards; c++) {
            for (int p = 0; p < t.codes().cardinality(1); p++) {
                assertEquals(churn[c] * plan[p] / 100, joint[c + cards * p], 1e-6, "independent: " + c + ", " + p);
            }
        }
        // the marginals stay the training's: 8 churners, 29 on plan a
        assertEquals(8, churn[t.schema().binning(0).code("yes")], 1e-6);
        assertEquals(29, plan[t.schema().binning(1).code("a")], 1e-6);
        assertEquals(List.of(0, 1), List.of(steered.forcedPairs().get(0)[0], steered.forcedPairs().get(0)[1]));
    }

    @Test
    void imputationRulesOutPoolRowsMissingTheValue() {
        TrainingTable t = churn();
        SteeredTargets steered = SteeredTargets.of(new Steering(List.of(), null, List.of(), List.of("x"), List.of()), t);
        assertTrue(steered.screensPool());
        int na = t.schema().binning(2).naCode();
        assertEquals(0, steered.targets().counts(2)[na]);
        byte[] out = steered.ruledOut(t.codes());
        int ruled = 0;
        for (byte b : out) {
            ruled += b;
        }
        assertEquals(10, ruled, "the 10 training rows without x");
    }

    @Test
    void whatCannotBeSteeredIsNamed() {
        TrainingTable t = churn();
        assertTrue(assertThrows(InputException.class, () -> SteeredTargets.of(new Steering(List.of(
                Steering.Rebalance.parse("churn=maybe:0.2")), null, List.of(), List.of(), List.of()), t)).getMessage()
                .contains("no value 'maybe' in that column (it has no, yes)"));
        assertTrue(assertThrows(InputException.class, () -> SteeredTargets.of(new Steering(List.of(
                Steering.Rebalance.parse("churn=yes:0.3,no:0.3")), null, List.of(), List.of(), List.of()), t)).getMessage()
                .contains("must add up to 1"));
        assertTrue(assertThrows(InputException.class, () -> SteeredTargets.of(new Steering(List.of(), null,
                List.of(), List.of("nope"), List.of()), t)).getMessage().contains("--impute nope: no such column"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Steering.Rebalance.parse("churn=yes:1.5"))
                .getMessage().contains("between 0 and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Steering.Rebalance.parse("churn"))
                .getMessage().contains("COLUMN=VALUE:SHARE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Steering(List.of(), "churn", List.of(),
                List.of(), List.of())).getMessage().contains("needs --sensitive"));
        assertEquals(Map.of("yes", 0.5, "no", 0.5), Steering.Rebalance.parse("churn = yes:0.5, no:0.5").shares());
    }
}
