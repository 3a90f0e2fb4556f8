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

    @Test
    void agreesWithASetOfRowListsOnARandomTableWithManyRepeats() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        String[] alphabet = {"a", "b", "", "1", "1.0"};
        dev.issosynth.testing.TestTables.RowBuilder t = columns("x", "y", "z");
        java.util.Map<java.util.List<String>, Integer> oracle = new java.util.HashMap<>();
        for (int r = 0; r < 2000; r++) {
            String[] row = {alphabet[rng.nextInt(5)], alphabet[rng.nextInt(5)], String.valueOf(rng.nextInt(40))};
            t.row(row);
            oracle.merge(java.util.Arrays.asList(row), 1, Integer::sum);
        }
        ExactCopies copies = ExactCopies.of(TrainingTable.of(t.build(), MissingValues.defaults()));
        long repeated = oracle.values().stream().filter(k -> k > 1).mapToLong(k -> k).sum();
        assertEquals(repeated / 2000.0, copies.repeatShare(), 1e-15);
        dev.issosynth.testing.TestTables.RowBuilder pool = columns("x", "y", "z");
        byte[] expected = new byte[3000];
        for (int r = 0; r < 3000; r++) {
            String[] row = {alphabet[rng.nextInt(5)], alphabet[rng.nextInt(5)], String.valueOf(rng.nextInt(60))};
            pool.row(row);
            expected[r] = (byte) (oracle.containsKey(java.util.Arrays.asList(row)) ? 1 : 0);
        }
        assertArrayEquals(expected, copies.screen(pool.build()));
    }
}
