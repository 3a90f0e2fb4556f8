package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;
import java.io.IOException;
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
 *
 * <p>Decoding {@code _RARE_} (CONSTANT, the default): the engine writes the literal text {@code _RARE_}. We instead
 * write a new value drawn from a character-level model of the rare values ({@link RareValueModel}: length and
 * per-position character frequencies, each entry seen at least τ times), re-drawn up to {@value #RARE_ATTEMPTS} times
 * while it equals a training value (kept categories checked exactly, rare ones through the model's Bloom filter) or
 * a missing-value token; if no draw is valid, a neutral token {@code rare_} + 8 random characters of
 * {@code [a-z0-9]}. So a unique-key column yields distinct ids of the training ids' shape instead of one constant,
 * and the metric files them under {@code (other)}, as it does the training data's rare values.
 */
public final class CategoricalEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 1;

    public static final String RARE_TOKEN = "_RARE_";
    public static final String NULL_TOKEN = "<<NULL>>";
    static final int RARE_CODE = 0;
    /** Draws from the rare-value model before falling back to a neutral token. */
    static final int RARE_ATTEMPTS = 20;
    static final String FALLBACK_PREFIX = "rare_";

    /** What a sampled {@code _RARE_} becomes. */
    public enum RareReplacement {
        /**
         * The engine's default: suppressed only if nothing was rare. The engine writes the literal text
         * {@code _RARE_}; we write a new synthetic value (see the class comment).
         */
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
    /** Null if nothing was rare, and for SAMPLE. */
    private final RareValueModel rareModel;

    private CategoricalEncoding(MissingValues na, boolean hasNull, String[] categories, int rareCategories,
            RareReplacement rareReplacement, RareValueModel rareModel) {
        this.na = na;
        this.rareModel = rareModel;
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
        Map<String, Integer> rare = new TreeMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= tau) {
                kept.add(e.getKey());
            } else {
                rare.put(e.getKey(), e.getValue());
            }
        }
        // SAMPLE needs a common category to draw; where every value is rare, new values are the only way out
        RareReplacement replacement = rareReplacement == RareReplacement.SAMPLE && kept.isEmpty() && !rare.isEmpty()
                ? RareReplacement.CONSTANT : rareReplacement;
        RareValueModel model = !rare.isEmpty() && replacement == RareReplacement.CONSTANT
                ? RareValueModel.fit(rare, rng)
                : null;
        return new CategoricalEncoding(na, hasNull, kept.toArray(new String[0]), rare.size(), replacement, model);
    }

    /**
     * Tag, missing-value tokens, hasNull (boolean), categories (strings, strictly increasing), rare category count
     * (int), whether {@code _RARE_} is replaced by SAMPLE (boolean), whether a rare-value model follows (boolean),
     * the model.
     */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeStrings(List.of(categories));
        out.writeInt(rareCategories);
        out.writeBoolean(rareReplacement == RareReplacement.SAMPLE);
        out.writeBoolean(rareModel != null);
        if (rareModel != null) {
            rareModel.writeTo(out);
        }
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static CategoricalEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        String[] categories = in.readStrings().toArray(new String[0]);
        for (int i = 1; i < categories.length; i++) {
            BinaryReader.require(categories[i - 1].compareTo(categories[i]) < 0, "categories out of order");
        }
        int rare = in.readInt(0, Integer.MAX_VALUE, "rare category count");
        RareReplacement replacement = in.readBoolean() ? RareReplacement.SAMPLE : RareReplacement.CONSTANT;
        RareValueModel model = in.readBoolean() ? RareValueModel.readFrom(in) : null;
        return new CategoricalEncoding(na, hasNull, categories, rare, replacement, model);
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
            if (rareReplacement == RareReplacement.CONSTANT && rareModel != null) {
                return newRareValue(rng);
            }
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

    /** A value for a sampled {@code _RARE_}: a model draw that is no training value, else a neutral token. */
    private String newRareValue(SplittableRandom rng) {
        if (rareModel.canGenerate()) {
            for (int attempt = 0; attempt < RARE_ATTEMPTS; attempt++) {
                String s = rareModel.draw(rng);
                if (valid(s)) {
                    return s;
                }
            }
        }
        while (true) {
            StringBuilder sb = new StringBuilder(FALLBACK_PREFIX);
            for (int i = 0; i < 8; i++) {
                sb.append(Character.forDigit(rng.nextInt(36), 36));
            }
            String s = sb.toString();
            if (valid(s)) {
                return s;
            }
        }
    }

    /** Not missing, no reserved token, not a kept category, not (as far as the Bloom filter knows) a rare one. */
    private boolean valid(String s) {
        return !na.isMissing(s) && !s.equals(RARE_TOKEN) && !s.equals(NULL_TOKEN) && !codes.containsKey(s)
                && !rareModel.mightBeRare(s);
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
