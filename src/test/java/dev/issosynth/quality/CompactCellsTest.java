package dev.issosynth.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactCellsTest {
    @TempDir
    Path dir;

    @Test
    void cellsPastTheHeapLimitGoToAnUnlinkedMappedFileAndReadBackTheSame() throws Exception {
        int rows = CompactCells.SEGMENT_ROWS + 1000;
        // one segment's worth on the heap, the rest mapped
        try (CompactCells cells = new CompactCells(2, 2L * CompactCells.SEGMENT_ROWS * 2, dir)) {
            char[] chunk = new char[7777];
            for (int at = 0; at < rows; at += chunk.length) {
                int n = Math.min(chunk.length, rows - at);
                cells.ensure(at + n);
                for (int k = 0; k < 2; k++) {
                    for (int i = 0; i < n; i++) {
                        chunk[i] = (char) ((at + i) * (k + 3) % 65521);
                    }
                    cells.put(k, at, chunk, n); // chunks straddle the segment boundary
                }
            }
            assertTrue(cells.spilled(), "two columns of two segments pass a limit of two segments");
            try (var listing = Files.list(dir)) {
                assertEquals(0, listing.count(), "the mapped file is unlinked once open");
            }
            for (int k = 0; k < 2; k++) {
                for (int r : new int[] {0, 1, CompactCells.SEGMENT_ROWS - 1, CompactCells.SEGMENT_ROWS, rows - 1}) {
                    assertEquals((char) ((long) r * (k + 3) % 65521), cells.get(k, r), "column " + k + " row " + r);
                }
            }
        }
    }

    @Test
    void aViewOfArraysReadsThemAndStaysOnTheHeap() {
        char[][] a = {{1, 2, 3}, {7, 8, 9}};
        CompactCells cells = CompactCells.of(a);
        assertEquals(2, cells.columns());
        assertEquals(3, cells.get(0, 2));
        assertEquals(7, cells.get(1, 0));
        assertFalse(cells.spilled());
        assertFalse(CompactCells.onHeap(1).spilled());
    }
}
