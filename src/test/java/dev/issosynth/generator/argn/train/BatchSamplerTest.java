package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSamplerTest {

    private static int[] rows(int n, int offset) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = offset + 3 * i;
        }
        return r;
    }

    @Test
    void eachRowAtMostOncePerEpochAndRemainderDropped() {
        int[] rows = rows(103, 5);
        BatchSampler s = new BatchSampler(rows, 10, 42);
        assertEquals(10, s.stepsPerEpoch());
        int[] buf = new int[10];
        for (int e = 1; e <= 3; e++) {
            int[] count = new int[5 + 3 * 103];
            for (int step = 0; step < s.stepsPerEpoch(); step++) {
                s.next(buf);
                assertEquals(e, s.epoch());
                for (int r : buf) {
                    assertEquals(2, r % 3, "not one of the rows: " + r);
                    count[r]++;
                }
            }
            assertTrue(s.epochDone());
            int covered = 0;
            for (int c : count) {
                assertTrue(c <= 1);
                covered += c;
            }
            assertEquals(100, covered);
        }
    }

    @Test
    void reproduciblePerSeed() {
        int[] rows = rows(64, 0);
        BatchSampler a = new BatchSampler(rows, 8, 1);
        BatchSampler b = new BatchSampler(rows, 8, 1);
        BatchSampler c = new BatchSampler(rows, 8, 2);
        int[] ba = new int[8];
        int[] bb = new int[8];
        int[] bc = new int[8];
        boolean anyDiff = false;
        for (int i = 0; i < 40; i++) {
            a.next(ba);
            b.next(bb);
            c.next(bc);
            assertArrayEquals(ba, bb);
            anyDiff |= !java.util.Arrays.equals(ba, bc);
        }
        assertTrue(anyDiff);
        assertEquals(5, a.epoch());
    }

    @Test
    void epochsAreReshuffledAndFewRowsGiveOneBatch() {
        BatchSampler s = new BatchSampler(rows(50, 0), 50, 9);
        int[] first = new int[50];
        int[] second = new int[50];
        s.next(first);
        s.next(second);
        assertFalse(java.util.Arrays.equals(first, second));
        BatchSampler small = new BatchSampler(rows(5, 0), 8, 9);
        assertEquals(5, small.batchSize());
        assertEquals(1, small.stepsPerEpoch());
    }
}
