package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpfSelectorTest {

    /** Training table with joint counts {@code counts[a][b]} over two binary columns. */
    private static CodeTable twoByTwo(int[][] counts) {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        int[][] rows = new int[n][];
        int k = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < counts[a][b]; i++) {
                    rows[k++] = new int[] {a, b};
                }
            }
        }
        return CodeTable.ofRows(new int[] {2, 2}, rows);
    }

    @Test
    void reproducesKnownPairMarginOnAUniformPool() {
        // Training: 40/10/10/40 out of 100. Pool: 1000 rows of each cell, grouped by cell.
        CodeTable train = twoByTwo(new int[][] {{40, 10}, {10, 40}});
        CodeTable pool = twoByTwo(new int[][] {{1000, 1000}, {1000, 1000}});
        try (Parallel par = new Parallel(2)) {
            IpfSelector.Result res = IpfSelector.select(train, pool, List.of(new int[] {0, 1}), 100, 3, 7, par, Progress.silent());
            // Weighted pool histogram = target scaled to 100: each row of cell (0,0) weighs 40/1000.
            double[] h = IpfSelector.histogram(pool, new int[] {0, 1}, res.weights(), par);
            assertEquals(40, h[0], 1e-3);
            assertEquals(10, h[1], 1e-3);
            assertEquals(10, h[2], 1e-3);
            assertEquals(40, h[3], 1e-3);
            // Rounding keeps exactly 100 distinct rows; systematic sampling of a grouped pool is within 1 per cell.
            assertEquals(100, res.rows().length);
            int[] cells = new int[4];
            for (int r : res.rows()) {
                cells[pool.code(0, r) + 2 * pool.code(1, r)]++;
            }
            assertEquals(40, cells[0], 1);
            assertEquals(10, cells[1], 1);
            assertEquals(10, cells[2], 1);
            assertEquals(40, cells[3], 1);
            assertDistinctAscending(res.rows());
        }
    }

    @Test
    void fitsSeveralConsistentPairsAtOnce() {
        CodeTable train = SyntheticCodes.chained(2000, 4, 3, 0.7, 11);
        CodeTable pool = SyntheticCodes.noisyCopies(train, 40_000, 0.5, 12);
        List<int[]> pairs = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 3});
        try (Parallel par = new Parallel(1)) {
            IpfSelector.Result res = IpfSelector.select(train, pool, pairs, 2000, 50, 1, par, Progress.silent());
            for (int[] pair : pairs) {
                double[] target = IpfSelector.pairTarget(train, pair, 2000);
                double[] fitted = IpfSelector.histogram(pool, pair, res.weights(), par);
                for (int i = 0; i < target.length; i++) {
                    assertEquals(target[i], fitted[i], 0.5, "pair " + pair[0] + "," + pair[1] + " cell " + i);
                }
            }
        }
    }

    @Test
    void capsWeightsSoEveryRowIsChosenAtMostOnce() {
        // The pool has only 5 rows of cell (1,1) but the target wants 40: they must all be chosen, once each.
        CodeTable train = twoByTwo(new int[][] {{40, 10}, {10, 40}});
        CodeTable pool = twoByTwo(new int[][] {{1000, 1000}, {1000, 5}});
        try (Parallel par = new Parallel(2)) {
            IpfSelector.Result res = IpfSelector.select(train, pool, List.of(new int[] {0, 1}), 100, 6, 3, par, Progress.silent());
            for (float w : res.weights()) {
                assertTrue(w <= 1f, "weight above 1: " + w);
            }
            double sum = 0;
            for (float w : res.weights()) {
                sum += w;
            }
            assertEquals(100, sum, 1e-2);
            assertEquals(100, res.rows().length);
            assertDistinctAscending(res.rows());
            int rare = 0;
            for (int r : res.rows()) {
                rare += pool.code(0, r) == 1 && pool.code(1, r) == 1 ? 1 : 0;
            }
            assertEquals(5, rare);
        }
    }

    @Test
    void systematicSampleTakesExactlyKDistinctRows() {
        float[] w = {0.5f, 0.5f, 1f, 0f, 0.25f, 0.75f};
        int[] rows = IpfSelector.systematicSample(w, 3, 0.1);
        assertEquals(3, rows.length);
        assertDistinctAscending(rows);
        // Weight 1 is always taken, weight 0 never.
        assertTrue(java.util.Arrays.stream(rows).anyMatch(r -> r == 2));
        assertTrue(java.util.Arrays.stream(rows).noneMatch(r -> r == 3));
    }

    @Test
    void systematicSampleTopsUpWithTheHeaviestRowsWhenWeightsFallShort() {
        // Weights sum to 1.2 but k = 2: the walk from 0.1 takes row 3 only (cum 0.2, 0.3, 0.4, 1.3); the top-up
        // adds the heaviest remaining row, ties going to the smaller index: row 0.
        int[] rows = IpfSelector.systematicSample(new float[] {0.1f, 0.1f, 0.1f, 0.9f}, 2, 0.1);
        assertEquals(List.of(0, 3), java.util.Arrays.stream(rows).boxed().toList());
    }

    static void assertDistinctAscending(int[] rows) {
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i] > rows[i - 1], "rows not distinct ascending at " + i);
        }
    }
}
