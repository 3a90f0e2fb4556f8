package dev.issosynth.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverlapPlanTest {
    @Test
    void theLeaveOneOutBudgetCutsOnlyWideOrLargeReferences() {
        // rows² × columns within 1.75e9: 70 columns allow 5,000 rows, 15 columns 10,801
        assertEquals(5_000, OverlapPlan.referenceRows(8_000, 70));
        assertEquals(10_801, OverlapPlan.referenceRows(25_000, 15));
        assertEquals(9_939, OverlapPlan.referenceRows(9_939, 10), "baseball's whole reference");
        assertEquals(654, OverlapPlan.referenceRows(654, 8));
        assertEquals(2, OverlapPlan.referenceRows(2, 1_000_000_000), "never below 2 rows");
    }
}
