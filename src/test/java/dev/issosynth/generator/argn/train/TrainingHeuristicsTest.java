package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingHeuristicsTest {
    private static final long GIB = 1L << 30;

    @Test
    void workedExample() {
        // 100k rows × 240 sub-cols, M model ≈ 8.2 M params, 24 GB free → s = 1, cap 512, 2^⌊log2(1562.5)⌋ = 1024
        int batch = TrainingHeuristics.batchSize(100_000, 240, 8_200_000L, 24 * GIB);
        assertEquals(512, batch);
        assertEquals(0.004, TrainingHeuristics.learningRate(batch));
    }

    @Test
    void learningRateRounding() {
        assertEquals(0.001, TrainingHeuristics.learningRate(32));
        assertEquals(0.00025, TrainingHeuristics.learningRate(2));
        assertEquals(0.0005, TrainingHeuristics.learningRate(8));
        assertEquals(0.00141, TrainingHeuristics.learningRate(64)); // 0.0014142…
        assertEquals(0.00283, TrainingHeuristics.learningRate(256)); // 0.0028284…
    }

    @Test
    void edgeClipsAndCaps() {
        assertEquals(8, TrainingHeuristics.batchSize(10, 5, 1000, 16 * GIB));
        assertEquals(8, TrainingHeuristics.batchSize(0, 5, 1000, 16 * GIB));
        assertEquals(8, TrainingHeuristics.batchSize(1000, 5, 1000, 16 * GIB)); // 2^⌊log2 15.6⌋ = 8
        assertEquals(16, TrainingHeuristics.batchSize(1024, 5, 1000, 16 * GIB));
        assertEquals(2048, TrainingHeuristics.batchSize(10_000_000, 50, 500_000, 16 * GIB));
        assertEquals(4096, TrainingHeuristics.batchSize(10_000_000, 50, 500_000, 64 * GIB));
        assertEquals(1024, TrainingHeuristics.batchSize(10_000_000, 50, 500_000, 4 * GIB));
        assertEquals(128, TrainingHeuristics.batchSize(10_000_000, 1001, 500_000, 16 * GIB));
        assertEquals(128, TrainingHeuristics.batchSize(10_000_000, 50, 10_000_001, 16 * GIB));
        assertEquals(32, TrainingHeuristics.batchSize(10_000_000, 10_001, 500_000, 16 * GIB));
        assertEquals(16, TrainingHeuristics.batchSize(10_000_000, 10_001, 500_000, 4 * GIB));
        assertEquals(8, TrainingHeuristics.batchSize(10_000_000, 50, 2_000_000_000L, 16 * GIB));
        assertEquals(512, TrainingHeuristics.maxBatchSize(101, 0, 8 * GIB));
        assertEquals(2048, TrainingHeuristics.maxBatchSize(100, 1_000_000, 8 * GIB));
        assertEquals(0.5, TrainingHeuristics.memoryScale(8 * GIB - 1));
        assertEquals(2.0, TrainingHeuristics.memoryScale(32 * GIB));
    }

    @Test
    void splitSizesDisjointAndReproducible() {
        int[][] s = TrainingHeuristics.trainValSplit(1000, 0.8, 7);
        assertEquals(800, s[0].length);
        assertEquals(200, s[1].length);
        boolean[] seen = new boolean[1000];
        for (int[] part : s) {
            for (int r : part) {
                assertFalse(seen[r], "row twice: " + r);
                seen[r] = true;
            }
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        int[][] again = TrainingHeuristics.trainValSplit(1000, 0.8, 7);
        assertArrayEquals(s[0], again[0]);
        assertArrayEquals(s[1], again[1]);
        int[][] other = TrainingHeuristics.trainValSplit(1000, 0.8, 8);
        assertFalse(Arrays.equals(s[1], other[1]));
        // not simply the first 800 rows
        assertFalse(s[0][799] == 799 && s[1][0] == 800);
    }

    @Test
    void splitDefaultsAndTinyTables() {
        int[][] d = TrainingHeuristics.trainValSplit(10, 3);
        assertEquals(8, d[0].length);
        assertEquals(2, d[1].length);
        int[][] two = TrainingHeuristics.trainValSplit(2, 0.8, 1);
        assertEquals(1, two[0].length);
        assertEquals(1, two[1].length);
        int[][] one = TrainingHeuristics.trainValSplit(1, 0.8, 1);
        assertEquals(1, one[0].length);
        assertEquals(0, one[1].length);
        assertEquals(0, TrainingHeuristics.trainValSplit(0, 0.8, 1)[0].length);
    }
}
