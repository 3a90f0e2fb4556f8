package dev.issosynth.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The steering's reference size and random cuts follow the search budget (3.5e9 row pairs x groups). */
class PrivacyPlanTest {
    private static final SelectionRun.Privacy DEFAULTS = new SelectionRun.Privacy(true, 0);

    @Test
    void largeResultsGetASmallerReferenceAndOneRandomCut() {
        // 100,000 result rows: IPF subset 125,000; with 13 groups only 2,153 rows fit, below 8,000: one cut,
        // 3.5e9 / (125,000 x 7) = 4,000 rows
        assertArrayEquals(new int[] {4_000, 1}, DEFAULTS.referencePlan(125_000, 100_000));
        // census halves: 24,421 rows, IPF subset 30,526: 3.5e9 / (30,526 x 13) = 8,819 rows with three cuts
        assertArrayEquals(new int[] {8_819, 3}, DEFAULTS.referencePlan(30_526, 24_421));
        // small tables: the cap (the fit takes at most the training rows), three cuts
        assertArrayEquals(new int[] {25_000, 3}, DEFAULTS.referencePlan(6_250, 5_000));
        // a huge result: never below 2,500 rows
        assertArrayEquals(new int[] {2_500, 1}, DEFAULTS.referencePlan(10_000_000, 10_000_000));
    }

    @Test
    void aGivenSampleIsKeptAndTheBudgetDecidesTheCuts() {
        assertArrayEquals(new int[] {500, 3}, new SelectionRun.Privacy(true, 500).referencePlan(125_000, 100_000));
        assertArrayEquals(new int[] {20_000, 1}, new SelectionRun.Privacy(true, 20_000).referencePlan(125_000, 100_000));
    }

    @Test
    void theMarginMustLeaveRoomBelowOneHalf() {
        assertEquals(0.1, DEFAULTS.margin());
        assertThrows(IllegalArgumentException.class, () -> new SelectionRun.Privacy(true, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SelectionRun.Privacy(true, 0, -0.01));
    }

    @Test
    void categoricalColumnsOfNearlyAllDistinctValuesAreReportedAsIdentifiers() {
        // 40 rows: "code" distinct in 38 (95 %), "city" 4 values, "amount" numeric and distinct (numbers are not
        // embedded as categories), "tag" distinct in 35 of 40 (87.5 %, below 90 %)
        dev.issosynth.io.RawTable t = dev.issosynth.testing.TestTables.columns("code", "city", "amount", "tag")
                .rows(40, i -> new String[] {"c" + Math.min(i, 37), "town" + (i % 4), Integer.toString(i * 7),
                    "t" + Math.min(i, 34)}).build();
        dev.issosynth.schema.TrainingTable train = dev.issosynth.schema.TrainingTable.of(t,
                dev.issosynth.schema.MissingValues.defaults());
        assertEquals(java.util.List.of("code"), SelectionRun.identifierColumns(train));
    }
}
