package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.schema.MissingValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
            assertEquals(3, decoded.size());
            assertTrue(decoded.containsAll(Set.of("x", "y")));
            // two "secret" rows are too few for the character model: a neutral token
            String rare = e.decode(new int[] {0}, 0, new SplittableRandom(seed));
            assertTrue(rare.matches("rare_[a-z0-9]{8}"), rare);
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

    // ---- decoding _RARE_ to new synthetic values (RareValueModel) ----

    /** {@code n} distinct ids shaped like baseball's: 5 + 2 lower-case letters, then "0" and a digit. */
    private static String[] uniqueIds(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<String> ids = new java.util.LinkedHashSet<>();
        while (ids.size() < n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            ids.add(sb.append('0').append(r.nextInt(10)).toString());
        }
        return ids.toArray(new String[0]);
    }

    private static List<String> drawRare(CategoricalEncoding e, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(e.decode(new int[] {0}, 0, rng));
        }
        return out;
    }

    /** Training values seen fewer than 5 times (rare under every τ). */
    private static Set<String> rareValues(String[] values) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        Set<String> out = new HashSet<>();
        counts.forEach((v, c) -> {
            if (c < 5) {
                out.add(v);
            }
        });
        return out;
    }

    @Test
    void uniqueKeyColumnDecodesToDistinctNewIdsOfTheSameShape() {
        String[] ids = uniqueIds(3000, 11);
        Set<String> train = Set.of(ids);
        CategoricalEncoding e = CategoricalEncoding.fit(ids, NA, true, new SplittableRandom(5));
        assertEquals(List.of(), e.categories());
        assertEquals(3000, e.rareCategories());
        assertFalse(e.suppressed(0, 0));
        List<String> out = drawRare(e, 5000, 9);
        Set<String> distinct = new HashSet<>(out);
        assertTrue(distinct.size() >= 4950, "distinct " + distinct.size());
        for (String s : out) {
            assertFalse(train.contains(s), s);
            assertTrue(s.matches("[a-z]{7}0[0-9]"), s);
        }
    }

    @Test
    void rareDecodeNeverReproducesARareTrainingValue() {
        // 3-letter words over {a,b,c}: 27 possible, 20 occur 1-4 times each (all rare), plus two kept categories;
        // the character model generates all 27 readily, so 20 of them must be rejected
        SplittableRandom r = new SplittableRandom(1);
        List<String> v = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (char a = 'a'; a <= 'c'; a++) {
            for (char b = 'a'; b <= 'c'; b++) {
                for (char c = 'a'; c <= 'c'; c++) {
                    words.add("" + a + b + c);
                }
            }
        }
        java.util.Collections.shuffle(words, new java.util.Random(5)); // novel words not all sharing a letter
        Set<String> novel = new HashSet<>(words.subList(20, 27));
        for (String w : words.subList(0, 20)) {
            v.addAll(Codes.times(w, 1 + r.nextInt(4)));
        }
        v.addAll(Codes.times("kept1", 30));
        v.addAll(Codes.times("kept2", 30));
        String[] values = v.toArray(new String[0]);
        Set<String> train = new HashSet<>(v);
        Set<String> rare = rareValues(values);
        assertEquals(20, rare.size());
        int novelSeen = 0;
        for (long seed = 0; seed < 10; seed++) {
            CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(seed));
            assertEquals(List.of("kept1", "kept2"), e.categories());
            for (String s : drawRare(e, 2000, seed)) {
                assertFalse(train.contains(s), s); // no rare and no kept training value
                assertNotEquals(CategoricalEncoding.RARE_TOKEN, s);
                if (novel.contains(s)) {
                    novelSeen++;
                } else {
                    assertTrue(s.matches("rare_[a-z0-9]{8}"), s);
                }
            }
        }
        assertTrue(novelSeen > 10_000, "the model's own words: " + novelSeen + " of 20,000");
    }

    @Test
    void rareDecodeFallsBackWhenEveryGeneratableValueIsATrainingValue() {
        // 2-letter words over {a,b}: all 4 occur 3 times (rare); the model can only make training values
        List<String> v = new ArrayList<>();
        for (String w : List.of("aa", "ab", "ba", "bb")) {
            v.addAll(Codes.times(w, 3));
        }
        v.addAll(Codes.times("zz", 40));
        String[] values = v.toArray(new String[0]);
        CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(2));
        for (String s : drawRare(e, 3000, 4)) {
            assertTrue(s.matches("rare_[a-z0-9]{8}"), s);
        }
    }

    @Test
    void rareDecodeOfNamesOverManySeedsNeverEmitsARareTrainingValue() {
        // a long-tailed name-like column: 4,000 rows over 2,500 values, most of them rare
        SplittableRandom r = new SplittableRandom(3);
        String[] syll = {"an", "ber", "ca", "do", "el", "fi", "gor", "ha", "in", "jo", "ka", "li", "mo", "ne"};
        String[] values = new String[4000];
        for (int i = 0; i < values.length; i++) {
            int k = i < 1500 ? r.nextInt(40) : 40 + r.nextInt(2460);
            SplittableRandom w = new SplittableRandom(k);
            StringBuilder sb = new StringBuilder();
            int parts = 2 + w.nextInt(2);
            for (int p = 0; p < parts; p++) {
                sb.append(syll[w.nextInt(syll.length)]);
            }
            values[i] = Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
        }
        Set<String> rare = rareValues(values);
        assertTrue(rare.size() > 300, "rare " + rare.size());
        for (long seed = 0; seed < 5; seed++) {
            CategoricalEncoding e = CategoricalEncoding.fit(values, NA, true, new SplittableRandom(seed));
            Set<String> kept = new HashSet<>(e.categories());
            List<String> out = drawRare(e, 4000, seed);
            for (String s : out) {
                assertFalse(rare.contains(s), s);
                assertFalse(kept.contains(s), s);
                assertTrue(Character.isUpperCase(s.codePointAt(0)), s);
            }
            assertTrue(new HashSet<>(out).size() > 1000, "distinct " + new HashSet<>(out).size());
        }
    }

    @Test
    void rareDecodeIsDeterministicForASeed() {
        String[] ids = uniqueIds(1000, 3);
        CategoricalEncoding a = CategoricalEncoding.fit(ids, NA, true, new SplittableRandom(7));
        CategoricalEncoding b = CategoricalEncoding.fit(ids, NA, true, new SplittableRandom(7));
        assertEquals(drawRare(a, 500, 1), drawRare(b, 500, 1));
        assertNotEquals(drawRare(a, 500, 1), drawRare(a, 500, 2));
    }

    @Test
    void noValueProtectionKeepsOldBehaviourForUniqueKeys() {
        String[] ids = uniqueIds(500, 4);
        CategoricalEncoding e = CategoricalEncoding.fit(ids, NA, false, new SplittableRandom(7));
        assertEquals(500, e.categories().size());
        assertEquals(0, e.rareCategories());
        assertTrue(e.suppressed(0, 0));
        assertArrayEquals(ids, Codes.roundTrip(e, ids, 3));
        assertEquals(CategoricalEncoding.RARE_TOKEN, e.decode(new int[] {0}, 0, new SplittableRandom(1)));
    }

    @Test
    void sampleWithNothingCommonFallsBackToNewValues() {
        String[] ids = uniqueIds(40, 4); // every value seen once: no common category to draw
        CategoricalEncoding e = CategoricalEncoding.fit(ids, NA, true, CategoricalEncoding.RareReplacement.SAMPLE,
                new SplittableRandom(3));
        assertFalse(e.suppressed(0, 0), "_RARE_ stays drawable, or the column could not be sampled at all");
        Set<String> training = Set.of(ids);
        for (String v : drawRare(e, 30, 1)) {
            assertFalse(v.isEmpty() || training.contains(v), v);
        }
    }

    @Test
    void sampleModeUnchanged() {
        String[] ids = uniqueIds(500, 4);
        List<String> v = new ArrayList<>(List.of(ids));
        v.addAll(Codes.times("k", 20));
        CategoricalEncoding e = CategoricalEncoding.fit(v.toArray(new String[0]), NA, true,
                CategoricalEncoding.RareReplacement.SAMPLE, new SplittableRandom(3));
        assertTrue(e.suppressed(0, 0));
        assertEquals(Set.of("k"), new HashSet<>(drawRare(e, 50, 1)));
    }

    @Test
    void rareModelSurvivesTheModelFile() throws Exception {
        CategoricalEncoding e = CategoricalEncoding.fit(uniqueIds(1000, 3), NA, true, new SplittableRandom(7));
        assertEquals(drawRare(e, 200, 1), drawRare(Codes.viaModelFile(e), 200, 1));
    }
}
