package dev.issosynth.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedCellsTest {
    @TempDir
    Path dir;

    @Test
    void equalCellsOfAColumnShareOneStringUpToTheBound() {
        SharedCells shared = new SharedCells(2, 2);
        String first = shared.share(0, new String("x"));
        assertSame(first, shared.share(0, new String("x")));
        // another column keeps its own values
        String other = shared.share(1, new String("x"));
        assertNotSame(first, other);
        assertEquals(2, shared.entries());
        // the bound is reached: a new value stays as it is, known values are still shared
        String y = new String("y");
        assertSame(y, shared.share(0, y));
        assertNotSame(y, shared.share(0, new String("y")));
        assertSame(first, shared.share(0, new String("x")));
        assertEquals(2, shared.entries());
        assertNull(shared.share(0, null));
    }

    @Test
    void aTableReadWholeHoldsOneStringPerDistinctValueOfAColumn() {
        StringBuilder csv = new StringBuilder("sex,age\n");
        for (int r = 0; r < 5000; r++) {
            csv.append(r % 2 == 0 ? "Male" : "Female").append(',').append(20 + r % 3).append('\n');
        }
        RawTable t = CsvReader.read(TestFiles.write(dir, "t.csv", csv.toString()));
        assertEquals(5000, t.rowCount());
        assertEquals(2, distinctObjects(t.column(0)));
        assertEquals(3, distinctObjects(t.column(1)));
        assertEquals("Female", t.cell(0, 4999));
        assertEquals("21", t.cell(1, 4999)); // 4999 % 3 = 1
    }

    private static int distinctObjects(String[] cells) {
        java.util.Set<String> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Collections.addAll(seen, cells);
        return seen.size();
    }
}
