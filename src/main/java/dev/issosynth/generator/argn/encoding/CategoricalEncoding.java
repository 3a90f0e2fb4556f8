package dev.issosynth.generator.argn.encoding;

import dev.issosynth.schema.MissingValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One sub-column {@code cat}. Codes: {@code _RARE_} (0), {@code <<NULL>>} (1) if the training column had missing
 * values, then the kept categories in sorted (String) order. With value protection, categories seen fewer than τ
 * times (τ = 5, 6 or 7, drawn once per fit) are dropped; rare and unknown values encode to {@code _RARE_}.
 */
public final class CategoricalEncoding implements ColumnEncoding {
    private static final long serialVersionUID = 1L;

    public static final String RARE_TOKEN = "_RARE_";
    public static final String NULL_TOKEN = "<<NULL>>";
    static final int RARE_CODE = 0;

    /** What a sampled {@code _RARE_} becomes. */
    public enum RareReplacement {
        /** The literal text {@code _RARE_} (the engine's default); suppressed only if nothing was rare. */
        CONSTANT,
        /** Never sampled (suppressed); if decoded anyway, a random kept category. */
        SAMPLE
    }

    private final MissingValues na;
    private final boolean hasNull;
    private final String[] categories; // kept, sorted
    private final Map<String, Integer> codes;
    private final int rareCategories;
    private final RareReplacement rareReplacement;

    private CategoricalEncoding(MissingValues na, boolean hasNull, String[] categories, int rareCategories,
            RareReplacement rareReplacement) {
        this.na = na;
        this.hasNull = hasNull;
        this.categories = categories;
        this.rareCategories = rareCategories;
        this.rareReplacement = rareReplacement;
        this.codes = new HashMap<>(categories.length * 2);
        for (int i = 0; i < categories.length; i++) {
            codes.put(categories[i], firstCategoryCode() + i);
        }
    }

    public static CategoricalEncoding fit(String[] values, MissingValues na, boolean valueProtection,
            SplittableRandom rng) {
        return fit(values, na, valueProtection, RareReplacement.CONSTANT, rng);
    }

    public static CategoricalEncoding fit(String[] values, MissingValues na, boolean valueProtection,
            RareReplacement rareReplacement, SplittableRandom rng) {
        Map<String, Integer> counts = new TreeMap<>();
        boolean hasNull = false;
        for (String v : values) {
            if (na.isMissing(v)) {
                hasNull = true;
            } else {
                counts.merge(v, 1, Integer::sum);
            }
        }
        int tau = valueProtection ? ValueProtection.rareThreshold(rng) : 0;
        List<String> kept = new ArrayList<>();
        int rare = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= tau) {
                kept.add(e.getKey());
            } else {
                rare++;
            }
        }
        return new CategoricalEncoding(na, hasNull, kept.toArray(new String[0]), rare, rareReplacement);
    }

    private int firstCategoryCode() {
        return hasNull ? 2 : 1;
    }

    /** The kept categories in code order (a copy). */
    public List<String> categories() {
        List<String> out = new ArrayList<>(categories.length);
        Collections.addAll(out, categories);
        return out;
    }

    /** How many distinct training values were dropped as rare. */
    public int rareCategories() {
        return rareCategories;
    }

    public boolean hasNull() {
        return hasNull;
    }

    @Override
    public String kind() {
        return "categorical";
    }

    @Override
    public int subColumns() {
        return 1;
    }

    @Override
    public String subColumnName(int s) {
        check(s);
        return "cat";
    }

    @Override
    public int cardinality(int s) {
        check(s);
        return firstCategoryCode() + categories.length;
    }

    /** The code of one cell. */
    public int code(String value) {
        if (na.isMissing(value)) {
            return hasNull ? 1 : RARE_CODE;
        }
        Integer c = codes.get(value);
        return c == null ? RARE_CODE : c;
    }

    @Override
    public int[][] encode(String[] values, SplittableRandom rng) {
        int[] out = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            out[r] = code(values[r]);
        }
        return new int[][] {out};
    }

    @Override
    public String decode(int[] codes, int offset, SplittableRandom rng) {
        int c = codes[offset];
        if (c == RARE_CODE) {
            if (rareReplacement == RareReplacement.CONSTANT || categories.length == 0) {
                return categories.length == 0 && rareReplacement == RareReplacement.SAMPLE ? "" : RARE_TOKEN;
            }
            return categories[rng.nextInt(categories.length)];
        }
        if (hasNull && c == 1) {
            return "";
        }
        int i = c - firstCategoryCode();
        if (i < 0 || i >= categories.length) {
            throw new IllegalArgumentException("code " + c + " out of range");
        }
        return categories[i];
    }

    @Override
    public boolean suppressed(int s, int code) {
        check(s);
        return code == RARE_CODE && (rareCategories == 0 || rareReplacement == RareReplacement.SAMPLE);
    }

    private static void check(int s) {
        if (s != 0) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
    }
}
