package dev.issosynth.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RawTableTest {
    private final RawTable t = new RawTable(new String[] {"a", "b"},
            new String[][] {{"1", "2", "3"}, {"x", "y", "z"}});

    @Test
    void accessors() {
        assertEquals(3, t.rowCount());
        assertEquals(2, t.columnCount());
        assertEquals("b", t.name(1));
        assertEquals("y", t.cell(1, 1));
        assertEquals(1, t.columnIndex("b"));
        assertEquals(-1, t.columnIndex("c"));
        assertArrayEquals(new String[] {"1", "2", "3"}, t.column(0));
        assertSame(t.column(0), t.column(0), "column() is direct access");
    }

    @Test
    void headerIsACopy() {
        t.header()[0] = "changed";
        assertEquals("a", t.name(0));
    }

    @Test
    void selectRowsAllowsDuplicatesAndOrder() {
        RawTable s = t.selectRows(new int[] {2, 0, 2});
        assertArrayEquals(new String[] {"z", "x", "z"}, s.column(1));
        assertArrayEquals(new String[] {"a", "b"}, s.header());
    }

    @Test
    void headRows() {
        assertArrayEquals(new String[] {"1", "2"}, t.headRows(2).column(0));
        assertEquals(3, t.headRows(10).rowCount());
        assertEquals(0, t.headRows(0).rowCount());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> new RawTable(new String[] {"a"}, new String[][] {{"1"}, {"2"}}));
        assertThrows(IllegalArgumentException.class,
                () -> new RawTable(new String[] {"a", "b"}, new String[][] {{"1"}, {"2", "3"}}));
        assertThrows(IllegalArgumentException.class,
                () -> new RawTable(new String[] {"a", "a"}, new String[][] {{"1"}, {"2"}}));
    }
}
