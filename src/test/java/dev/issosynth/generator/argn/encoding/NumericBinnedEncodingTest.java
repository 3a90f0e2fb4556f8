package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.schema.MissingValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Binned numerics: equal-mass edges that isolate spikes, and decoding that keeps frequent exact values. */
class NumericBinnedEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final double SPIKE = 1000;
    private static final double RARE = 55_555;
    private static final double OUTLIER = 10_000_000;

    private static NumericBinnedEncoding fit(String[] values, boolean protect, long seed) {
        return assertInstanceOf(NumericBinnedEncoding.class,
                NumericEncoding.fit(values, NA, protect, new SplittableRandom(seed)));
    }

    /**
     * 10,000 integers: 30 % exactly 1000, 4 × 55555 (rare: fewer than the smallest τ, 5), 3 × 10,000,000 (beyond
     * the protected max), the rest uniform in [0, 100,000) (many distinct values, 5 digit positions → binned).
     */
    private static String[] spikeColumn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            v.add("1000");
        }
        for (int i = 0; i < 4; i++) {
            v.add("55555");
        }
        for (int i = 0; i < 3; i++) {
            v.add("10000000");
        }
        while (v.size() < 10_000) {
            int x = r.nextInt(100_000);
            if (x != SPIKE && x != RARE) {
                v.add(Integer.toString(x));
            }
        }
        // shuffle so that order carries nothing
        for (int i = v.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = v.get(i);
            v.set(i, v.get(j));
            v.set(j, t);
        }
        return v.toArray(new String[0]);
    }

    private static Map<Double, Integer> counts(String[] values) {
        Map<Double, Integer> m = new HashMap<>();
        for (String s : values) {
            if (!s.isEmpty()) {
                m.merge(Double.parseDouble(s), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Decodes every training row's code {@code times} times. */
    private static List<String> decodeAll(NumericBinnedEncoding e, String[] values, int times, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = e.encode(values, rng)[0];
        List<String> out = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            for (int c : codes) {
                out.add(e.decode(new int[] {c}, 0, rng));
            }
        }
        return out;
    }

    @Test
    void spikeIsAnEdgeAndDecodesExactlyAtItsRate() {
        String[] values = spikeColumn(1);
        for (long seed = 1; seed <= 3; seed++) {
            NumericBinnedEncoding e = fit(values, true, seed);
            assertTrue(Arrays.binarySearch(e.edges(), SPIKE) >= 0, "the 30 % spike is an edge");
            List<String> d = decodeAll(e, values, 3, seed);
            int n = d.size();
            double p = 3000.0 / values.length;
            long hits = d.stream().filter("1000"::equals).count();
            double sigma = Math.sqrt(p * (1 - p) / n);
            assertEquals(p, (double) hits / n, 3 * sigma, "share of exactly 1000");
            // nothing smeared just below the spike: [900, 1000) holds about what the training data holds there
            long below = d.stream().filter(s -> {
                double x = Double.parseDouble(s);
                return x >= 900 && x < 1000;
            }).count();
            long trainBelow = Arrays.stream(values).mapToDouble(Double::parseDouble).filter(x -> x >= 900 && x < 1000)
                    .count();
            double q = (double) trainBelow / values.length;
            assertEquals(q, (double) below / n, 3 * Math.sqrt(q * (1 - q) / n) + 1e-3, "share in [900, 1000)");
            for (String s : d) {
                assertFalse(s.contains("."), "integers stay integers: " + s);
            }
        }
    }

    @Test
    void rareValueIsNeverKeptExactlyAndOnlyDrawnByChance() {
        String[] values = spikeColumn(2);
        Map<Double, Integer> counts = counts(values);
        for (long seed = 1; seed <= 5; seed++) {
            NumericBinnedEncoding e = fit(values, true, seed);
            double[] edges = e.edges();
            for (int i = 0; i < edges.length - 1; i++) {
                for (double x : e.exactValues(i)) {
                    assertTrue(counts.get(x) >= 5, "only values seen at least τ ≥ 5 times are kept: " + x);
                    assertTrue(x >= edges[i] && x < edges[i + 1], x + " inside its bin");
                }
                assertTrue(Arrays.binarySearch(e.exactValues(i), RARE) < 0);
            }
            // the rare value's bin is ~1,000 wide: a uniform draw hits 55555 with chance ~1/1000; with ~100 draws
            // of that bin per pass, 5 passes give ~0.5 expected hits (an empirical decode would give ~20)
            long hits = decodeAll(e, values, 5, seed).stream().filter("55555"::equals).count();
            assertTrue(hits <= 5, "55555 drawn " + hits + " times");
        }
    }

    @Test
    void roundTripStaysInTheValuesBinAndInsideTheProtectedRange() {
        String[] values = spikeColumn(3);
        NumericBinnedEncoding e = fit(values, true, 4);
        double[] edges = e.edges();
        int last = edges.length - 1;
        assertTrue(last <= 100, "bins " + last);
        assertTrue(edges[last] < OUTLIER, "max is protected: " + edges[last]);
        SplittableRandom rng = new SplittableRandom(5);
        int[] codes = e.encode(values, rng)[0];
        for (int t = 0; t < 3; t++) {
            for (int r = 0; r < values.length; r++) {
                double x = Double.parseDouble(values[r]);
                double y = Double.parseDouble(e.decode(new int[] {codes[r]}, 0, rng));
                assertTrue(y >= edges[0] && y <= edges[last], "inside the protected range: " + y);
                if (x == edges[0] || x == edges[last]) {
                    assertEquals(x, y);
                } else if (x > edges[0] && x < edges[last]) {
                    int bin = 0;
                    while (bin < last - 1 && x >= edges[bin + 1]) {
                        bin++;
                    }
                    assertTrue(y >= edges[bin] && y < edges[bin + 1], x + " decoded to " + y);
                }
            }
        }
        // every code the sampler may draw decodes inside the protected range; the outlier never comes back
        for (int[] c : Codes.allowed(e)) {
            for (int t = 0; t < 200; t++) {
                String d = e.decode(c, 0, rng);
                double y = Double.parseDouble(d);
                assertTrue(y >= edges[0] && y <= edges[last], d);
                assertTrue(y < OUTLIER, d);
            }
        }
    }

    @Test
    void withoutValueProtectionRepeatedValuesAreKeptAndTheRangeIsTrue() {
        String[] values = spikeColumn(4);
        NumericBinnedEncoding e = fit(values, false, 1);
        double[] edges = e.edges();
        assertEquals(0, edges[0], 1000, "true min near 0");
        assertEquals(OUTLIER, edges[edges.length - 1], "true max");
        boolean rareKept = false;
        Map<Double, Integer> counts = counts(values);
        for (int i = 0; i < edges.length - 1; i++) {
            for (double x : e.exactValues(i)) {
                assertTrue(counts.get(x) >= NumericBinnedEncoding.UNPROTECTED_MIN_COUNT, "kept " + x);
                rareKept |= x == RARE;
            }
        }
        assertTrue(rareKept, "55555 (4 rows) is kept exactly without value protection");
        List<String> d = decodeAll(e, values, 2, 3);
        double p = 3000.0 / values.length;
        double share = (double) d.stream().filter("1000"::equals).count() / d.size();
        assertEquals(p, share, 3 * Math.sqrt(p * (1 - p) / d.size()));
        for (String s : d) {
            double y = Double.parseDouble(s);
            assertTrue(y >= edges[0] && y <= edges[edges.length - 1], s);
        }
    }

    @Test
    void decimalsAreKeptForExactAndUniformDraws() {
        // 20 % at 12.50, the rest 0.01 … 99.99 spread → binned (4 non-zero digit positions), two decimals
        SplittableRandom r = new SplittableRandom(9);
        String[] values = new String[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 5 == 0 ? "12.50" : String.format(java.util.Locale.ROOT, "%.2f", r.nextInt(1, 10_000) / 100.0);
        }
        NumericBinnedEncoding e = fit(values, true, 2);
        List<String> d = decodeAll(e, values, 2, 4);
        for (String s : d) {
            assertEquals(2, s.length() - s.indexOf('.') - 1, "two decimals: " + s);
        }
        long spike = d.stream().filter("12.50"::equals).count();
        double p = 0.2 + 1.0 / 9999 * 0.8; // plus the uniform part's own 12.50s
        assertEquals(p, (double) spike / d.size(), 3 * Math.sqrt(p * (1 - p) / d.size()) + 0.001);
    }

    @Test
    void edgesGrowUntilDistinctAndIsolateHeavyValues() {
        // 40 % zeros, 10 % 500, rest spread: a rank-evenly thinned edge list would put 500 inside a bin
        double[] sorted = new double[10_000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i < 4000 ? 0 : i < 5000 ? 500 : 1 + r.nextInt(100_000);
        }
        Arrays.sort(sorted);
        double[] edges = NumericBinnedEncoding.edges(sorted, NumericBinnedEncoding.MAX_BINS);
        assertEquals(NumericBinnedEncoding.MAX_BINS + 1, edges.length);
        assertTrue(Arrays.binarySearch(edges, 500) >= 0);
        assertEquals(0, edges[0]);
        for (int i = 1; i < edges.length; i++) {
            assertTrue(edges[i] > edges[i - 1]);
        }
    }
}
