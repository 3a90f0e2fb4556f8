package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowExpander;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which columns count as keys, and what the table looks like without them and with fresh ones. */
class KeyColumnsTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final int N = 40;

    private static String[] column(IntFunction<String> cell) {
        String[] v = new String[N];
        for (int i = 0; i < N; i++) {
            v[i] = cell.apply(i);
        }
        return v;
    }

    private static boolean key(String name, IntFunction<String> cell) {
        return KeyColumns.looksLikeKey(name, column(cell), NA);
    }

    @Test
    void obviousKeysAreFound() {
        assertTrue(key("player", i -> "smithjo" + String.format("%02d", i)), "tokens with digits");
        assertTrue(key("id", i -> Integer.toString(1000 + i)), "whole numbers named id");
        assertTrue(key("customer_id", i -> Integer.toString(7 * i + 3)), "..._id");
        assertTrue(key("PassengerId", i -> Integer.toString(i + 1)), "camel-case ...Id");
        assertTrue(key("order key", i -> "K" + i), "... key");
        assertTrue(key("uuid", i -> String.format("%08x-1e2f", 0x1a2b3c4d + i)), "uuid-like tokens");
    }

    @Test
    void uniqueDataIsNoKey() {
        assertFalse(key("count", i -> Integer.toString(i)), "unique whole numbers without an id-like name");
        assertFalse(key("paid", i -> Integer.toString(i)), "'paid' only ends in id");
        assertFalse(key("width", i -> "1." + (1000 + i)), "unique measurements");
        assertFalse(key("day", i -> String.format("2024-01-%02d", 1 + i % 28) + (i < 28 ? "" : "T12:00:00")),
                "unique dates");
        assertFalse(key("name", i -> "Person Number " + i), "free text with spaces");
        assertFalse(key("id", i -> "A" + (i % 39)), "a repeated value");
        assertFalse(key("id", i -> i == 5 ? "" : "A" + i), "a missing value");
        assertFalse(KeyColumns.looksLikeKey("id", new String[] {"a1", "a2", "a3"}, NA), "too few rows to tell");
    }

    private static RawTable table() {
        return new RawTable(new String[] {"age", "id", "city"}, new String[][] {
                column(i -> Integer.toString(20 + i % 7)), column(i -> "cu" + (100 + i)),
                column(i -> i % 2 == 0 ? "Graz" : "Linz")});
    }

    @Test
    void theRuleDecidesAndTheTableLosesItsKeys() {
        RawTable t = table();
        KeyColumns auto = KeyColumns.of(t, NA, KeyRule.auto(), "t.csv");
        assertEquals(List.of("id"), auto.names());
        RawTable without = auto.drop(t);
        assertArrayEquals(new String[] {"age", "city"}, without.header());
        assertEquals("Linz", without.cell(1, 1));
        assertTrue(KeyColumns.of(t, NA, KeyRule.none(), "t.csv").isEmpty());
        RawTable twoKeys = new RawTable(new String[] {"n", "id", "city"}, new String[][] {
                column(Integer::toString), t.column(1), t.column(2)});
        assertEquals(List.of("n", "id"), KeyColumns.of(twoKeys, NA, KeyRule.parse("id, n"), "t.csv").names(),
                "named keys, in file order");
        InputException repeats = assertThrows(InputException.class,
                () -> KeyColumns.of(t, NA, KeyRule.parse("city"), "t.csv"));
        assertTrue(repeats.getMessage().contains("key column city is not unique per row ('Graz' repeats)"),
                repeats.getMessage());
        InputException unknown = assertThrows(InputException.class,
                () -> KeyColumns.of(t, NA, KeyRule.parse("zip"), "t.csv"));
        assertTrue(unknown.getMessage().contains("does not have: zip"), unknown.getMessage());
        RawTable onlyId = new RawTable(new String[] {"id"}, new String[][] {column(i -> "k" + i)});
        assertThrows(InputException.class, () -> KeyColumns.of(onlyId, NA, KeyRule.auto(), "k.csv"));
    }

    @Test
    void freshKeysGoBackInTheirPlaceNeverATrainingKey() {
        RawTable t = table();
        KeyColumns keys = KeyColumns.of(t, NA, KeyRule.auto(), "t.csv");
        RowExpander e = keys.expander(t, 5);
        assertArrayEquals(new String[] {"age", "id", "city"}, e.header());
        Set<String> training = Set.of(t.column(1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String[] row = e.expand(new String[] {"33", "Wien"});
            assertEquals("33", row[0]);
            assertEquals("Wien", row[2]);
            assertFalse(training.contains(row[1]), row[1]);
            assertTrue(seen.add(row[1]), "repeated key " + row[1]);
            assertTrue(row[1].matches("cu\\d{3,}"), "shape of cu100..cu139: " + row[1]);
        }
        RowExpander again = keys.expander(t, 5);
        RowExpander other = keys.expander(t, 6);
        String a = again.expand(new String[] {"1", "x"})[1];
        assertEquals(a, keys.expander(t, 5).expand(new String[] {"1", "x"})[1], "same seed, same keys");
        assertFalse(a.equals(other.expand(new String[] {"1", "x"})[1]), "another seed, other keys");
    }

    @Test
    void aTrainingTableModelsOnlyItsOtherColumns() {
        TrainingTable t = TrainingTable.of(table(), NA);
        assertEquals(List.of("id"), t.keys().names());
        assertArrayEquals(new String[] {"age", "city"}, t.header());
        assertEquals(3, t.full().columnCount());
        assertArrayEquals(new String[] {"age", "city"}, t.schema().names());
        RawTable holdout = new RawTable(new String[] {"city", "id", "age"},
                new String[][] {{"Graz"}, {"zz9"}, {"40"}});
        assertArrayEquals(new String[] {"city", "age"}, t.modelledPart(holdout).header());
    }
}
