package dev.issosynth.generator.argn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingSampleTest {
    @Test
    void autoSizeIsWhatTheBudgetCoversInTenEpochs() {
        // 10 minutes x 1e6 sub-column rows a second / 15 sub-columns / 10 epochs
        assertEquals(4_000_000, TrainingSample.autoSize(15, 10));
        assertEquals(400_000, TrainingSample.autoSize(150, 10));
        assertEquals(Long.MAX_VALUE, TrainingSample.autoSize(15, 0), "no budget: every row");
        assertEquals(1_000_000, TrainingSample.size(1_000_000, 15, 10, 0), "a smaller table is used whole");
        assertEquals(4_000_000, TrainingSample.size(10_000_000, 15, 10, 0));
        assertEquals(10_000_000, TrainingSample.size(10_000_000, 15, 0, 0));
        assertEquals(250_000, TrainingSample.size(10_000_000, 15, 10, 250_000), "an explicit cap wins");
        assertEquals(1_000, TrainingSample.size(1_000, 15, 10, 250_000));
    }

    @Test
    void theSampleIsSeededSortedAndDistinct() {
        int[] a = TrainingSample.rows(1000, 100, 5);
        assertEquals(100, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "ascending and distinct at " + i);
        }
        assertTrue(a[0] >= 0 && a[99] < 1000);
        assertArrayEquals(a, TrainingSample.rows(1000, 100, 5));
        assertFalse(java.util.Arrays.equals(a, TrainingSample.rows(1000, 100, 6)));
        int[] all = TrainingSample.rows(10, 10, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertThrows(IllegalArgumentException.class, () -> TrainingSample.rows(10, 11, 1));
    }
}
