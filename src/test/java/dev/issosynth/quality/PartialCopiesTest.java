package dev.issosynth.quality;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PartialCopiesTest {
    /**
     * Six reference rows over three compact columns (value numbers):
     * <pre>
     *   col 0: 0 0 0 1 1 2
     *   col 1: 0 0 1 1 2 2
     *   col 2: 0 0 0 1 1 1
     * </pre>
     * Combinations in order: (0,1), (0,1,2), (0,2), (1,2).
     */
    private static CompactCells reference() {
        return CompactCells.of(new char[][] {
                {0, 0, 0, 1, 1, 2},
                {0, 0, 1, 1, 2, 2},
                {0, 0, 0, 1, 1, 1}});
    }

    @Test
    void everyPairAndTripleWithTheSharesRealRecordsShowAgainstTheOtherRows() {
        PartialCopies p = PartialCopies.of(reference(), 6);
        assertEquals(4, p.size());
        assertArrayEquals(new int[] {0, 1}, p.columns(0));
        assertArrayEquals(new int[] {0, 1, 2}, p.columns(1));
        assertArrayEquals(new int[] {0, 2}, p.columns(2));
        assertArrayEquals(new int[] {1, 2}, p.columns(3));
        // (0,1): (0,0) twice, the rest once: rows 0 and 1 each repeat one other row, 4 rows none
        assertArrayEquals(new double[] {4 / 6.0, 2 / 6.0, 0}, p.shares(0), 1e-12);
        // (0,1,2): (0,0,0) twice
        assertArrayEquals(new double[] {4 / 6.0, 2 / 6.0, 0}, p.shares(1), 1e-12);
        // (0,2): (0,0) three times (each row repeats 2 others: shared), (1,1) twice (single), (2,1) once
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, p.shares(2), 1e-12);
        // (1,2): (0,0) twice, (2,1) twice, (1,0) and (1,1) once
        assertArrayEquals(new double[] {2 / 6.0, 4 / 6.0, 0}, p.shares(3), 1e-12);
    }

    @Test
    void aRowIsCodedByHowManyReferenceRowsHaveItsValues() {
        PartialCopies p = PartialCopies.of(reference(), 6);
        CompactCells pool = CompactCells.of(new char[][] {{0, 0, 2}, {0, 1, 0}, {0, 0, 9}});
        assertEquals(PartialCopies.SHARED, p.code(0, pool, 0), "(0,0) on (0,1): two reference rows");
        assertEquals(PartialCopies.SINGLE, p.code(0, pool, 1), "(0,1) on (0,1): reference row 2 only");
        assertEquals(PartialCopies.NONE, p.code(0, pool, 2), "(2,0) on (0,1): no reference row");
        assertEquals(PartialCopies.SHARED, p.code(2, pool, 0), "(0,0) on (0,2): three reference rows");
    }

    @Test
    void onlyCombinationsThePoolRepeatsFromSingleRowsMoreOftenThanRealRecordsAreSteered() {
        PartialCopies p = PartialCopies.of(reference(), 6);
        // four pool rows: (0,1,0) (1,1,1) (2,2,0) (2,2,0)
        CompactCells pool = CompactCells.of(new char[][] {{0, 1, 2, 2}, {1, 1, 2, 2}, {0, 1, 0, 0}});
        int[] all = {0, 1, 2, 3};
        // single shares: (0,1) 4/4 against 2/6 real: kept; (0,1,2) 2/4 against 2/6: an excess of 1/6, under the
        // threshold 2/6 / 2 + 0.005; (0,2) 0/4; (1,2) 2/4 against 4/6
        PartialCopies kept = p.inExcess(pool, all, 10);
        assertEquals(1, kept.size());
        assertArrayEquals(new int[] {0, 1}, kept.columns(0));
        assertArrayEquals(p.shares(0), kept.shares(0));
        assertEquals(PartialCopies.SINGLE, kept.code(0, pool, 3));
        assertEquals(0, p.inExcess(pool, all, 0).size(), "no room: none");
    }

    @Test
    void tablesOfManyColumnsOrOneRowHaveNone() {
        assertNull(PartialCopies.of(CompactCells.of(new char[PartialCopies.MAX_COLUMNS + 1][4]), 4));
        assertNull(PartialCopies.of(CompactCells.of(new char[][] {{1}}), 1));
        assertNull(PartialCopies.of(reference(), 1));
    }
}
