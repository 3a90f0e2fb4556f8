package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.schema.MissingValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoricalEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();

    /** 499 x, 499 y and 2 "secret": 1,000 rows, one rare category. */
    private static String[] withRare() {
        List<String> v = new ArrayList<>(Codes.times("x", 499));
        v.addAll(Codes.times("y", 499));
        v.addAll(Codes.times("secret", 2));
        return v.toArray(new String[0]);
    }

    @Test
    void roundTripsExactlyWithMissing() {
        // every count is at least 8 > 7 ≥ τ, so nothing is rare
        List<String> v = new ArrayList<>(Codes.times("b", 20));
        v.addAll(Codes.times("a", 10));
        v.addAll(Codes.times("c d", 8));
        v.addAll(Codes.times("", 3));
        v.addAll(Codes.times("NA", 5));
        String[] values = v.toArray(new String[0]);
        CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(1));
        assertEquals(List.of("a", "b", "c d"), e.categories());
        assertEquals(1 + 1 + 3, e.cardinality(0)); // _RARE_, <<NULL>>, three categories
        String[] out = Codes.roundTrip(e, values, 2);
        for (int r = 0; r < values.length; r++) {
            assertEquals(NA.isMissing(values[r]) ? "" : values[r], out[r]);
        }
        assertTrue(e.suppressed(0, 0), "no rare categories: _RARE_ must not be sampled");
        assertFalse(e.suppressed(0, 1));
    }

    @Test
    void rareCategoryNeverDecoded() {
        String[] values = withRare();
        for (long seed = 0; seed < 20; seed++) {
            CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(seed));
            assertEquals(List.of("x", "y"), e.categories());
            assertEquals(1, e.rareCategories());
            assertEquals(0, e.encode(new String[] {"secret"}, null)[0][0]);
            Set<String> decoded = new HashSet<>();
            for (int[] c : Codes.all(e)) {
                decoded.add(e.decode(c, 0, new SplittableRandom(seed)));
            }
            assertEquals(Set.of("x", "y", CategoricalEncoding.RARE_TOKEN), decoded);
            assertFalse(e.suppressed(0, 0), "CONSTANT keeps _RARE_ when something was rare");
        }
    }

    @Test
    void rareAsSampleSuppressesRareToken() {
        CategoricalEncoding e = CategoricalEncoding.fit(withRare(), NA, true,
                CategoricalEncoding.RareReplacement.SAMPLE, new SplittableRandom(3));
        assertTrue(e.suppressed(0, 0));
        Set<String> decoded = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            decoded.add(e.decode(new int[] {0}, 0, new SplittableRandom(i)));
        }
        assertEquals(Set.of("x", "y"), decoded);
    }

    @Test
    void noValueProtectionKeepsRareCategory() {
        CategoricalEncoding e = CategoricalEncoding.fit(withRare(), NA, false, new SplittableRandom(3));
        assertEquals(List.of("secret", "x", "y"), e.categories());
        assertEquals(0, e.rareCategories());
        String[] values = withRare();
        assertArrayEquals(values, Codes.roundTrip(e, values, 4));
    }

    @Test
    void thresholdIsFiveSixOrSevenAndReproducible() {
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            int t = ValueProtection.rareThreshold(new SplittableRandom(seed));
            assertTrue(t >= 5 && t <= 7, "τ=" + t);
            assertEquals(t, ValueProtection.rareThreshold(new SplittableRandom(seed)));
            seen.add(t);
        }
        assertEquals(Set.of(5, 6, 7), seen);
    }

    @Test
    void countsAtTheThresholdDependOnTau() {
        // a: 4 (always rare), b: 5, c: 6, d: 7 (never rare); b is kept iff τ ≤ 5, c iff τ ≤ 6
        List<String> v = new ArrayList<>(Codes.times("a", 4));
        v.addAll(Codes.times("b", 5));
        v.addAll(Codes.times("c", 6));
        v.addAll(Codes.times("d", 7));
        String[] values = v.toArray(new String[0]);
        Set<List<String>> outcomes = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            int tau = ValueProtection.rareThreshold(new SplittableRandom(seed));
            CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(seed));
            List<String> expected = new ArrayList<>();
            for (String s : List.of("b", "c")) {
                if (("b".equals(s) ? 5 : 6) >= tau) {
                    expected.add(s);
                }
            }
            expected.add("d");
            assertEquals(expected, e.categories(), "seed " + seed + ", τ " + tau);
            assertEquals(e.categories(),
                    CategoricalEncoding.fit(values, NA, true, new SplittableRandom(seed)).categories());
            outcomes.add(e.categories());
        }
        assertEquals(3, outcomes.size());
    }
}
