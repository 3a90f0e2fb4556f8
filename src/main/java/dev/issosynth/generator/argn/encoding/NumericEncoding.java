package dev.issosynth.generator.argn.encoding;

import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The engine's NUMERIC_AUTO: analysis of a numeric column, then one of {@link NumericDiscreteEncoding},
 * {@link NumericDigitEncoding} or {@link NumericBinnedEncoding} (or {@link ProtectedEncoding} when value
 * protection leaves no min/max). Cells that are missing or do not parse as numbers count as missing.
 */
public final class NumericEncoding {
    /** Discrete only with fewer distinct values than this. */
    static final int DISCRETE_MAX_VALUES = 100;
    /** Discrete only if the share of rows with a non-rare value is above this. */
    static final double DISCRETE_MIN_NON_RARE = 0.999;
    /** Digit only if at most this many digit positions ever hold a non-zero digit. */
    static final int DIGIT_MAX_DIGITS = 3;
    /** Highest and lowest digit positions considered (E18 … E-8). */
    static final int MAX_POSITION = 18;
    static final int MIN_POSITION = -8;
    static final int POSITIONS = MAX_POSITION - MIN_POSITION + 1;

    /** Which encoding to use; AUTO is the engine's heuristic. */
    public enum Mode {
        AUTO, DISCRETE, DIGIT, BINNED
    }

    private NumericEncoding() {
    }

    /** The engine's heuristic (AUTO). */
    public static ColumnEncoding fit(String[] values, MissingValues na, boolean valueProtection,
            SplittableRandom rng) {
        return fit(values, na, valueProtection, Mode.AUTO, rng);
    }

    public static ColumnEncoding fit(String[] values, MissingValues na, boolean valueProtection, Mode mode,
            SplittableRandom rng) {
        Analysis a = new Analysis(values, na);
        double[] range = ValueProtection.range(a.x, valueProtection, rng);
        if (mode == Mode.AUTO || mode == Mode.DISCRETE) {
            // Discrete: counts per distinct value, rare ones dropped with a fresh τ.
            TreeMap<Double, Integer> counts = new TreeMap<>();
            for (int r = 0; r < a.x.length; r++) {
                if (a.present[r]) {
                    counts.merge(a.x[r], 1, Integer::sum);
                    if (mode == Mode.AUTO && counts.size() >= DISCRETE_MAX_VALUES) {
                        break;
                    }
                }
            }
            if (mode == Mode.DISCRETE || counts.size() < DISCRETE_MAX_VALUES) {
                int tau = valueProtection ? ValueProtection.rareThreshold(rng) : 0;
                int total = 0;
                int kept = 0;
                double[] keptValues = counts.entrySet().stream().filter(e -> e.getValue() >= tau)
                        .mapToDouble(Map.Entry::getKey).toArray();
                for (int c : counts.values()) {
                    total += c;
                    kept += c >= tau ? c : 0;
                }
                double nonRare = total == 0 ? 1.0 : (double) kept / total;
                if (mode == Mode.DISCRETE || nonRare > DISCRETE_MIN_NON_RARE) {
                    return new NumericDiscreteEncoding(a.hasNull, keptValues, a.text, na);
                }
            }
        }
        if (range == null) {
            return new ProtectedEncoding(mode == Mode.DIGIT ? "E0" : "bin");
        }
        if (mode == Mode.DIGIT || (mode == Mode.AUTO && a.nonZeroPositions() <= DIGIT_MAX_DIGITS)) {
            return NumericDigitEncoding.fit(a, range[0], range[1], na);
        }
        int minCount = valueProtection ? ValueProtection.rareThreshold(rng)
                : NumericBinnedEncoding.UNPROTECTED_MIN_COUNT;
        return NumericBinnedEncoding.build(a, range[0], range[1], na, minCount);
    }

    /** Parsed column and its digit statistics (of the raw, unclipped values, as the engine does). */
    static final class Analysis {
        final double[] x;
        final boolean[] present;
        final boolean hasNull;
        final boolean hasNeg;
        final int presentCount;
        final NumberText text;
        /** Per position index p = MAX_POSITION - position: the smallest and largest digit seen. */
        final int[] minDigit = new int[POSITIONS];
        final int[] maxDigit = new int[POSITIONS];

        Analysis(String[] values, MissingValues na) {
            int n = values.length;
            x = new double[n];
            present = new boolean[n];
            boolean nul = false;
            boolean neg = false;
            int count = 0;
            Arrays.fill(minDigit, 9);
            for (int r = 0; r < n; r++) {
                double v = na.isMissing(values[r]) ? Double.NaN : Numbers.parse(values[r]);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    x[r] = Double.NaN;
                    nul = true;
                    continue;
                }
                x[r] = v + 0.0; // no negative zero
                present[r] = true;
                count++;
                neg |= v < 0;
                char[] d = digits(v);
                for (int p = 0; p < POSITIONS; p++) {
                    int dig = d[p] - '0';
                    minDigit[p] = Math.min(minDigit[p], dig);
                    maxDigit[p] = Math.max(maxDigit[p], dig);
                }
            }
            if (count == 0) {
                Arrays.fill(minDigit, 0);
            }
            hasNull = nul;
            hasNeg = neg;
            presentCount = count;
            text = NumberText.of(values, present);
        }

        int nonZeroPositions() {
            int k = 0;
            for (int p = 0; p < POSITIONS; p++) {
                k += maxDigit[p] > 0 ? 1 : 0;
            }
            return k;
        }

        /** Lowest position holding a non-zero digit in some value, 0 if none. */
        int minDecimal() {
            for (int p = POSITIONS - 1; p >= 0; p--) {
                if (maxDigit[p] > 0) {
                    return MAX_POSITION - p;
                }
            }
            return 0;
        }
    }

    /**
     * The digits of |v| at positions E18 … E-8 (index 0 = E18), from the shortest decimal form of the double
     * (digits beyond E-8 cut, digits above E18 ignored).
     */
    static char[] digits(double v) {
        String s = BigDecimal.valueOf(Math.abs(v)).setScale(-MIN_POSITION, RoundingMode.DOWN).unscaledValue()
                .toString();
        char[] out = new char[POSITIONS];
        Arrays.fill(out, '0');
        int len = Math.min(s.length(), POSITIONS);
        s.getChars(s.length() - len, s.length(), out, POSITIONS - len);
        return out;
    }

    static double clip(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Codes of a discrete value list: {@code value → code}. */
    static Map<Double, Integer> codeMap(double[] values, int first) {
        Map<Double, Integer> m = new HashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            m.put(values[i], first + i);
        }
        return m;
    }
}
