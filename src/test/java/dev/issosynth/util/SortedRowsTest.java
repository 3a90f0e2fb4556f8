package dev.issosynth.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SortedRowsTest {
    @Test
    void positionsAndRowsAreInverse() {
        int[] sorted = {3, 10, 11, 40, 57};
        int[] rows = {40, 3, 57};
        int[] pos = SortedRows.positions(rows, sorted);
        assertArrayEquals(new int[] {3, 0, 4}, pos);
        assertArrayEquals(rows, SortedRows.rows(pos, sorted));
    }

    @Test
    void aRowOutsideTheNarrowedRowsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SortedRows.positions(new int[] {4}, new int[] {3, 10}));
    }
}
