package dev.issosynth.quality;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyEvaluatorTest {

    @Test
    void accuracyIsOneMinusHalfL1RoundedToFiveDecimals() {
        // p = (0.5, 0.5), q = (0.75, 0.25): 1 - 0.5 * (0.25 + 0.25) = 0.75.
        assertEquals(0.75, AccuracyEvaluator.accuracy(new int[] {2, 2}, 4, new int[] {3, 1}, 4), 0.0);
        // p = (1/3, 2/3), q = (2/3, 1/3): 1 - 1/3 = 0.666666... -> 0.66667.
        assertEquals(0.66667, AccuracyEvaluator.accuracy(new int[] {1, 2}, 3, new int[] {2, 1}, 3), 0.0);
    }

    @Test
    void accuracyMaxFollowsTheNoiseFormula() {
        // p = (0.5, 0.5), n = m = 100: 1 - 0.5 * 2 * sqrt(2/pi * 0.25 * 0.02).
        // = 1 - sqrt(0.01/pi) = 0.943581..., rounded to 5 decimals like the accuracy itself.
        assertEquals(0.94358, AccuracyEvaluator.accuracyMax(new int[] {50, 50}, 100, 100), 0.0);
    }

    @Test
    void handMadeTableGivesTheHandComputedLevels() {
        // Reference: rows (0,0),(0,1),(1,0),(1,1). Synthetic: (0,0),(0,0),(1,1),(1,1).
        CodeTable ref = CodeTable.ofRows(new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 1});
        CodeTable syn = CodeTable.ofRows(new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1});
        try (Parallel par = new Parallel(1)) {
            AccuracyReport r = AccuracyEvaluator.evaluate(ref, syn, 1, par);
            // Univariate: both margins identical -> 1. Bivariate: p = 1/4 each, q = (1/2, 0, 0, 1/2): L1 = 1 -> 0.5.
            assertEquals(1.0, r.univariate(), 0.0);
            assertEquals(0.5, r.bivariate(), 0.0);
            assertTrue(Double.isNaN(r.trivariate()), "two columns have no triples");
            assertEquals(0.75, r.overall(), 1e-12);
            assertEquals(0, r.trivariateCount());
        }
    }

    @Test
    void samplesTenThousandDistinctTriplesWhenThereAreMore() {
        // 50 columns: C(50,3) = 19,600 triples.
        List<int[]> t = AccuracyEvaluator.triples(50, 19_600, 10_000, 3);
        assertEquals(10_000, t.size());
        Set<String> seen = new HashSet<>();
        for (int[] x : t) {
            assertTrue(x[0] < x[1] && x[1] < x[2]);
            assertTrue(seen.add(x[0] + "," + x[1] + "," + x[2]));
        }
        assertEquals(AccuracyEvaluator.triples(50, 19_600, 10_000, 3).get(17)[2], t.get(17)[2], "seeded");
        assertEquals(120, AccuracyEvaluator.triples(10, 120, 10_000, 3).size());
    }

    @Test
    void identicalTablesScoreOne() {
        CodeTable t = CodeTable.ofRows(new int[] {3, 2, 4}, new int[] {0, 1, 3}, new int[] {2, 0, 1}, new int[] {1, 1, 0});
        try (Parallel par = new Parallel(2)) {
            AccuracyReport r = AccuracyEvaluator.evaluate(t, t, 1, par);
            assertEquals(1.0, r.overall(), 0.0);
            assertTrue(r.overallMax() < 1.0);
        }
    }
}
