package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * CHARACTER (the engine's TABULAR_CHARACTER, for short codes such as licence plates or product codes): sub-columns
 * {@code nan} (if missing values occurred), then {@code P0 … P{L−1}}, one per character position, L the longest
 * training value (at most {@value #MAX_LENGTH} characters). A position is a categorical of the characters seen there;
 * code 0 is the padding character {@code \0}: the value is shorter, or (with value protection) the character was
 * seen at that position fewer than τ times. Decoding joins the positions, drops the padding and strips trailing
 * white space, so new codes are made of common characters in their usual places, never of one person's rare ones.
 */
public final class CharacterEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 7;
    static final int MAX_LENGTH = 50;
    private static final char PAD = '\0';

    private final MissingValues na;
    private final boolean hasNull;
    /** Per position, the kept characters in increasing order; code i + 1 is {@code alphabet[p].charAt(i)}. */
    private final String[] alphabet;

    private CharacterEncoding(MissingValues na, boolean hasNull, String[] alphabet) {
        this.na = na;
        this.hasNull = hasNull;
        this.alphabet = alphabet;
    }

    /** τ is drawn once for the column; every position drops the characters seen there fewer than τ times. */
    public static CharacterEncoding fit(String[] values, MissingValues na, boolean valueProtection,
                                        SplittableRandom rng) {
        boolean hasNull = false;
        int length = 0;
        for (String v : values) {
            if (na.isMissing(v)) {
                hasNull = true;
            } else {
                length = Math.max(length, Math.min(MAX_LENGTH, v.length()));
            }
        }
        length = Math.max(1, length);
        int tau = valueProtection ? ValueProtection.rareThreshold(rng) : 1;
        List<Map<Character, Integer>> counts = new ArrayList<>();
        for (int p = 0; p < length; p++) {
            counts.add(new TreeMap<>());
        }
        for (String v : values) {
            if (!na.isMissing(v)) {
                for (int p = 0; p < Math.min(length, v.length()); p++) {
                    counts.get(p).merge(v.charAt(p), 1, Integer::sum);
                }
            }
        }
        String[] alphabet = new String[length];
        for (int p = 0; p < length; p++) {
            StringBuilder kept = new StringBuilder();
            for (Map.Entry<Character, Integer> e : counts.get(p).entrySet()) {
                if (e.getValue() >= tau && e.getKey() != PAD) {
                    kept.append(e.getKey());
                }
            }
            alphabet[p] = kept.toString();
        }
        return new CharacterEncoding(na, hasNull, alphabet);
    }

    /** Tag, missing-value tokens, hasNull (boolean), the positions' alphabets (strings). */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeStrings(List.of(alphabet));
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static CharacterEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        String[] alphabet = in.readStrings().toArray(new String[0]);
        BinaryReader.require(alphabet.length >= 1 && alphabet.length <= MAX_LENGTH, "bad character positions");
        for (String a : alphabet) {
            for (int i = 1; i < a.length(); i++) {
                BinaryReader.require(a.charAt(i - 1) < a.charAt(i), "characters not in increasing order");
            }
        }
        return new CharacterEncoding(na, hasNull, alphabet);
    }

    private int offset() {
        return hasNull ? 1 : 0;
    }

    @Override
    public String kind() {
        return "character";
    }

    @Override
    public int subColumns() {
        return offset() + alphabet.length;
    }

    @Override
    public String subColumnName(int s) {
        if (s < 0 || s >= subColumns()) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
        return s < offset() ? "nan" : "P" + (s - offset());
    }

    @Override
    public int cardinality(int s) {
        subColumnName(s);
        return s < offset() ? 2 : alphabet[s - offset()].length() + 1;
    }

    @Override
    public int[][] encode(String[] values, SplittableRandom rng) {
        int n = values.length;
        int[][] codes = new int[subColumns()][n];
        boolean[] present = new boolean[n];
        for (int r = 0; r < n; r++) {
            String v = values[r];
            if (na.isMissing(v)) {
                if (hasNull) {
                    codes[0][r] = 1;
                }
                continue;
            }
            present[r] = true;
            for (int p = 0; p < alphabet.length; p++) {
                int i = p < v.length() ? alphabet[p].indexOf(v.charAt(p)) : -1;
                codes[offset() + p][r] = i + 1; // not kept (or past the end): 0, the padding
            }
        }
        Imputation.impute(codes, present, offset(), rng);
        return codes;
    }

    @Override
    public String decode(int[] codes, int offset, SplittableRandom rng) {
        if (hasNull && codes[offset] == 1) {
            return "";
        }
        StringBuilder b = new StringBuilder(alphabet.length);
        for (int p = 0; p < alphabet.length; p++) {
            int c = codes[offset + offset() + p];
            if (c > 0) {
                b.append(alphabet[p].charAt(c - 1));
            }
        }
        return b.toString().stripTrailing();
    }

    @Override
    public boolean suppressed(int s, int code) {
        subColumnName(s);
        return false;
    }
}
