package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.schema.MissingValues;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One categorical per character position; rare characters at a position become padding and vanish. */
class CharacterEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();

    private static String[] plates() {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            v.add((i % 2 == 0 ? "W" : "G") + "-" + (100 + i % 8)); // W-100..G-107: common at every position
        }
        v.add("Z-9999"); // one person's plate: Z, the 9s and the extra digit are rare
        v.add("");       // missing
        return v.toArray(String[]::new);
    }

    @Test
    void commonValuesRoundTripAndRareCharactersVanish() {
        CharacterEncoding e = CharacterEncoding.fit(plates(), NA, true, new SplittableRandom(1));
        assertEquals(1 + 6, e.subColumns(), "nan, then P0..P5 (the longest value has 6 characters)");
        assertEquals("nan", e.subColumnName(0));
        assertEquals("P0", e.subColumnName(1));
        assertEquals(3, e.cardinality(1), "padding, G, W");
        assertEquals(2, e.cardinality(2), "padding, -");
        assertEquals(1, e.cardinality(6), "only padding at the 6th position: its one character is rare");
        int[][] codes = e.encode(plates(), new SplittableRandom(2));
        int[] row = new int[e.subColumns()];
        for (int r = 0; r < 80; r++) {
            for (int s = 0; s < row.length; s++) {
                row[s] = codes[s][r];
            }
            assertEquals(plates()[r], e.decode(row, 0, new SplittableRandom(3)));
        }
        for (int s = 0; s < row.length; s++) {
            row[s] = codes[s][80];
        }
        String rare = e.decode(row, 0, new SplittableRandom(3));
        assertEquals("-", rare, "Z, 9, 9, 9, 9 are each seen once at their place: nothing of them is released");
        for (int s = 0; s < row.length; s++) {
            row[s] = codes[s][81];
        }
        assertEquals(1, codes[0][81]);
        assertEquals("", e.decode(row, 0, new SplittableRandom(3)), "missing");
        for (int s = 0; s < e.subColumns(); s++) {
            assertFalse(e.suppressed(s, 0));
        }
    }

    @Test
    void withoutProtectionEveryCharacterIsKeptAndTheModelFileKeepsTheEncoding() throws Exception {
        CharacterEncoding e = CharacterEncoding.fit(plates(), NA, false, new SplittableRandom(1));
        int[][] codes = e.encode(plates(), new SplittableRandom(2));
        int[] row = new int[e.subColumns()];
        for (int s = 0; s < row.length; s++) {
            row[s] = codes[s][80];
        }
        assertEquals("Z-9999", e.decode(row, 0, new SplittableRandom(3)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.writeTo(new BinaryWriter(new DataOutputStream(bytes)));
        ColumnEncoding back = Encodings.readEncoding(new BinaryReader(bytes.toByteArray()));
        assertEquals("character", back.kind());
        assertArrayEquals(codes[3], back.encode(plates(), new SplittableRandom(2))[3]);
        assertEquals("Z-9999", back.decode(row, 0, new SplittableRandom(3)));
    }
}
