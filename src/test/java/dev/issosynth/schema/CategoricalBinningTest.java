package dev.issosynth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalBinningTest {
    private static final MissingValues NA = MissingValues.defaults();

    private static String[] repeat(Object... valueCountPairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            for (int k = 0; k < (Integer) valueCountPairs[i + 1]; k++) {
                out.add((String) valueCountPairs[i]);
            }
        }
        return out.toArray(new String[0]);
    }

    private static List<String> labels(ColumnBinning b) {
        List<String> l = new ArrayList<>();
        for (int k = 0; k < b.binCount(); k++) {
            l.add(b.label(k));
        }
        return l;
    }

    @Test
    void topTenWithCountAtLeastFiveSortedPlusSpecials() {
        String[] v = repeat("m", 20, "b", 9, "z", 5, "rare", 4, "NA", 6, "", 1);
        CategoricalBinning b = CategoricalBinning.fit(v, NA);
        // ranked: m 20, (n/a) 7 (NA + empty), b 9 ... kept with count >= 5: m, b, z, (n/a) → sorted, specials last
        assertEquals(List.of("b", "m", "z", "(empty)", "(other)", "_RARE_", "(n/a)"), labels(b));
        assertEquals(0, b.code("b"));
        assertEquals(2, b.code("z"));
        assertEquals(4, b.code("rare"), "too rare → (other)");
        assertEquals(4, b.code("never seen"), "unseen pool value → (other)");
        assertEquals(6, b.code("NA"));
        assertEquals(6, b.code(""));
        assertEquals(6, b.code(null));
        assertEquals(6, b.code("  "));
        assertEquals(4, b.otherCode());
        assertEquals(6, b.naCode());
    }

    @Test
    void onlyTenKeptTiesAtTheCutBrokenAlphabetically() {
        // 12 values with count 5 each: the alphabetically first 10 are kept
        List<Object> pairs = new ArrayList<>();
        for (char c = 'l'; c >= 'a'; c--) {
            pairs.add(String.valueOf(c));
            pairs.add(5);
        }
        CategoricalBinning b = CategoricalBinning.fit(repeat(pairs.toArray()), NA);
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                "(empty)", "(other)", "_RARE_", "(n/a)"), labels(b));
        assertEquals(14, b.binCount());
        assertEquals(b.otherCode(), b.code("k"));
    }

    @Test
    void missingCompetesForATopTenSlot() {
        List<Object> pairs = new ArrayList<>(List.of("", 50));
        for (char c = 'a'; c <= 'j'; c++) {
            pairs.add(String.valueOf(c));
            pairs.add(10);
        }
        CategoricalBinning b = CategoricalBinning.fit(repeat(pairs.toArray()), NA);
        // (n/a) ranks first and takes a slot: only a..i stay, j goes to (other)
        assertEquals(13, b.binCount());
        assertEquals(b.otherCode(), b.code("j"));
        assertEquals("i", b.label(8));
    }

    @Test
    void keptValueEqualToASpecialMovesToItsSlot() {
        CategoricalBinning b = CategoricalBinning.fit(repeat("(other)", 6, "x", 6, "_RARE_", 5), NA);
        assertEquals(List.of("x", "(empty)", "(other)", "_RARE_", "(n/a)"), labels(b));
        assertEquals(2, b.code("(other)"));
        assertEquals(3, b.code("_RARE_"));
    }

    @Test
    void constantAndAllMissingColumns() {
        assertEquals(List.of("k", "(empty)", "(other)", "_RARE_", "(n/a)"),
                labels(CategoricalBinning.fit(repeat("k", 5), NA)));
        CategoricalBinning empty = CategoricalBinning.fit(repeat("", 3, "NA", 3), NA);
        assertEquals(List.of("(empty)", "(other)", "_RARE_", "(n/a)"), labels(empty));
        assertEquals(3, empty.code(""));
        assertEquals(1, empty.code("x"));
    }

    @Test
    void extraNaTokens() {
        MissingValues na = NA.withExtra(List.of("?"));
        CategoricalBinning b = CategoricalBinning.fit(repeat("Private", 5, "?", 5), na);
        assertEquals(List.of("Private", "(empty)", "(other)", "_RARE_", "(n/a)"), labels(b));
        assertEquals(b.naCode(), b.code("?"));
        CategoricalBinning plain = CategoricalBinning.fit(repeat("Private", 5, "?", 5), NA);
        assertEquals(0, plain.code("?"), "without --na-values '?' is a category");
    }
}
