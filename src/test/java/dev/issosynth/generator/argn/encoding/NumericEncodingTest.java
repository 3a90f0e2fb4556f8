package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumericEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();

    private static ColumnEncoding fit(String[] values, boolean protect, long seed) {
        return NumericEncoding.fit(values, NA, protect, new SplittableRandom(seed));
    }

    /** 0 … n−1 as integers, each once. */
    private static List<String> ints(int n) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(Integer.toString(i));
        }
        return v;
    }

    private static String[] arr(List<String> v) {
        return v.toArray(new String[0]);
    }

    @Test
    void discreteRoundTripsAndKeepsDecimals() {
        List<String> v = new ArrayList<>();
        for (String s : List.of("1.50", "2.00", "-3.25")) {
            v.addAll(Codes.times(s, 10));
        }
        v.addAll(Codes.times("", 4));
        String[] values = arr(v);
        ColumnEncoding e = fit(values, true, 1);
        assertInstanceOf(NumericDiscreteEncoding.class, e);
        assertEquals(1 + 1 + 3, e.cardinality(0)); // _RARE_, <<NULL>>, three values
        String[] out = Codes.roundTrip(e, values, 2);
        assertArrayEquals(values, out);
        assertTrue(e.suppressed(0, 0), "_RARE_ of discrete is always suppressed");
    }

    @Test
    void discreteIntegersStayIntegersEvenInExponentForm() {
        List<String> v = new ArrayList<>();
        for (String s : List.of("1e+05", "2E5", "300000")) {
            v.addAll(Codes.times(s, 10));
        }
        ColumnEncoding e = fit(arr(v), true, 1);
        assertInstanceOf(NumericDiscreteEncoding.class, e);
        Set<String> decoded = new HashSet<>();
        for (int[] c : Codes.allowed(e)) {
            decoded.add(e.decode(c, 0, new SplittableRandom(0)));
        }
        assertEquals(Set.of("100000", "200000", "300000"), decoded);
    }

    @Test
    void discreteDropsRareValueAndNeverDecodesIt() {
        // 1,000 rows: 0..9 with 99 or 100 each and 12345 twice → 10 of 11 distinct values non-rare, share 0.998
        // of rows, so AUTO does NOT pick discrete; force it to check the rare handling.
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            v.addAll(Codes.times(Integer.toString(i), i < 2 ? 99 : 100));
        }
        v.addAll(Codes.times("12345", 2));
        String[] values = arr(v);
        ColumnEncoding auto = fit(values, true, 5);
        assertFalse(auto instanceof NumericDiscreteEncoding, "non-rare share 998/1000 is not > 0.999");
        ColumnEncoding e = NumericEncoding.fit(values, NA, true, NumericEncoding.Mode.DISCRETE,
                new SplittableRandom(5));
        for (int[] c : Codes.all(e)) {
            for (long seed = 0; seed < 5; seed++) {
                String d = e.decode(c, 0, new SplittableRandom(seed));
                assertTrue(Numbers.parse(d) <= 9, d);
            }
        }
        ColumnEncoding open = fit(values, false, 5);
        assertInstanceOf(NumericDiscreteEncoding.class, open, "without protection nothing is rare");
        assertArrayEquals(values, Codes.roundTrip(open, values, 1));
    }

    @Test
    void digitRoundTripsWithinProtectedRange() {
        // 0..299: 300 distinct (not discrete), non-zero digits only at E2, E1, E0 → digit
        List<String> v = ints(300);
        v.addAll(Codes.times("", 7));
        String[] values = arr(v);
        for (long seed = 0; seed < 10; seed++) {
            ColumnEncoding e = fit(values, true, seed);
            NumericDigitEncoding d = assertInstanceOf(NumericDigitEncoding.class, e);
            double[] range = d.range();
            // τ-th smallest / largest of 0..299 with τ in 5..7
            assertTrue(range[0] >= 5 && range[0] <= 7, "min " + range[0]);
            assertTrue(range[1] >= 299 - 7 && range[1] <= 299 - 5, "max " + range[1]);
            assertEquals(List.of("nan", "E2", "E1", "E0"), names(e));
            String[] out = Codes.roundTrip(e, values, seed);
            for (int r = 0; r < values.length; r++) {
                if (values[r].isEmpty()) {
                    assertEquals("", out[r]);
                } else {
                    double x = Math.max(range[0], Math.min(range[1], Double.parseDouble(values[r])));
                    assertEquals(Long.toString((long) x), out[r]);
                }
            }
        }
        ColumnEncoding open = fit(values, false, 1);
        assertArrayEquals(values, Codes.roundTrip(open, values, 1));
    }

    @Test
    void digitKeepsTwoDecimals() {
        // 0.00 .. 2.99: non-zero digits at E0, E-1, E-2 → digit; written with two decimals
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            v.add(String.format(java.util.Locale.ROOT, "%d.%02d", i / 100, i % 100));
        }
        String[] values = arr(v);
        ColumnEncoding e = fit(values, false, 1);
        assertInstanceOf(NumericDigitEncoding.class, e);
        assertEquals(List.of("E0", "E-1", "E-2"), names(e));
        assertArrayEquals(values, Codes.roundTrip(e, values, 1));
        assertTrue(values[150].equals("1.50"));
    }

    @Test
    void digitClipsOutlierInEveryDecodedValue() {
        // 0..299 plus 900: same digit positions, E2 now ranges 0..9
        List<String> v = ints(300);
        v.add("900");
        String[] values = arr(v);
        NumericDigitEncoding e = assertInstanceOf(NumericDigitEncoding.class, fit(values, true, 3));
        double hi = e.range()[1];
        assertTrue(hi < 300);
        for (int[] c : Codes.allowed(e)) {
            double x = Numbers.parse(e.decode(c, 0, null));
            assertTrue(x >= e.range()[0] && x <= hi, "decoded " + x);
        }
        NumericDigitEncoding open = assertInstanceOf(NumericDigitEncoding.class, fit(values, false, 3));
        assertEquals(900, open.range()[1]);
    }

    @Test
    void binnedDecodesIntoTheValuesBinAndClipsOutlier() {
        // 1,000 values i*1.37 (4+ non-zero digit positions) and 1e9 → binned
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            v.add(String.format(java.util.Locale.ROOT, "%.2f", i * 1.37));
        }
        v.add("1000000000");
        v.add("");
        String[] values = arr(v);
        NumericBinnedEncoding e = assertInstanceOf(NumericBinnedEncoding.class, fit(values, true, 7));
        double[] edges = e.edges();
        assertTrue(edges.length - 1 <= 100 && edges.length - 1 >= 90, "bins " + (edges.length - 1));
        assertTrue(edges[edges.length - 1] < 1000 * 1.37, "max is protected: " + edges[edges.length - 1]);
        assertTrue(e.suppressed(0, 0));
        SplittableRandom rng = new SplittableRandom(11);
        int[][] codes = e.encode(values, rng);
        for (int r = 0; r < values.length; r++) {
            String d = e.decode(new int[] {codes[0][r]}, 0, rng);
            if (values[r].isEmpty()) {
                assertEquals("", d);
                continue;
            }
            // as the engine: the lowest/highest edge itself → MIN/MAX token; anything else → its bin, the outer
            // bins reaching to ±∞ (so values beyond the protected range land in the first/last bin)
            double x = Double.parseDouble(values[r]);
            double y = Double.parseDouble(d);
            int last = edges.length - 1;
            if (x == edges[0] || x == edges[last]) {
                assertEquals(x, y, "min/max token decodes to the edge");
            } else {
                int bin = 0;
                while (bin < last - 1 && x >= edges[bin + 1]) {
                    bin++;
                }
                assertTrue(y >= edges[bin] && y < edges[bin + 1], x + " decoded to " + y);
            }
            assertEquals(2, d.length() - d.indexOf('.') - 1, "two decimals: " + d);
        }
        for (int[] c : Codes.allowed(e)) {
            String d = e.decode(c, 0, rng);
            if (!d.isEmpty()) {
                double y = Double.parseDouble(d);
                assertTrue(y >= edges[0] && y <= edges[edges.length - 1], d);
            }
        }
    }

    @Test
    void fewerThanTwentyValuesAreAllProtected() {
        String[] values = arr(ints(15));
        ColumnEncoding e = fit(values, true, 1);
        assertInstanceOf(ProtectedEncoding.class, e);
        for (String d : Codes.roundTrip(e, values, 1)) {
            assertEquals("", d);
        }
        assertArrayEquals(values, Codes.roundTrip(fit(values, false, 1), values, 1));
    }

    @Test
    void digitImputesMissingRowsFromPresentRows() {
        List<String> v = ints(300);
        v.addAll(Codes.times("", 100));
        String[] values = arr(v);
        ColumnEncoding e = fit(values, false, 1);
        int[][] codes = e.encode(values, new SplittableRandom(9));
        Set<List<Integer>> presentRows = new HashSet<>();
        for (int r = 0; r < 300; r++) {
            presentRows.add(digitsOf(codes, r));
        }
        for (int r = 300; r < values.length; r++) {
            assertEquals(1, codes[0][r], "nan flag");
            assertTrue(presentRows.contains(digitsOf(codes, r)), "imputed digits copy a present row");
        }
    }

    private static List<Integer> digitsOf(int[][] codes, int r) {
        List<Integer> out = new ArrayList<>();
        for (int s = 1; s < codes.length; s++) {
            out.add(codes[s][r]);
        }
        return out;
    }

    static List<String> names(ColumnEncoding e) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < e.subColumns(); s++) {
            out.add(e.subColumnName(s));
        }
        return out;
    }
}
