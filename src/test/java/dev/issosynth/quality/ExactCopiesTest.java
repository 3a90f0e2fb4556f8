package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import org.junit.jupiter.api.Test;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExactCopiesTest {
    @Test
    void flagsCopiesCellByCellAndMeasuresHowOftenRealRowsRepeat() {
        // rows: (a,1) twice, (b,2), (c,3): 2 of 4 rows have an identical other row
        RawTable train = columns("k", "v").row("a", "1").row("a", "1").row("b", "2").row("c", "3").build();
        ExactCopies copies = ExactCopies.of(TrainingTable.of(train, MissingValues.defaults()));
        assertEquals(0.5, copies.repeatShare(), 1e-15);
        RawTable pool = columns("v", "k").row("1", "a").row("2", "a").row("3", "c").row("1.0", "a").build();
        // columns matched by name; "1.0" is other text than "1"
        assertArrayEquals(new byte[] {1, 0, 1, 0}, copies.screen(pool));
    }

    @Test
    void aTableWithoutRepeatsHasNone() {
        RawTable train = columns("k").row("a").row("b").row("c").build();
        assertEquals(0.0, ExactCopies.of(TrainingTable.of(train, MissingValues.defaults())).repeatShare());
    }
}
