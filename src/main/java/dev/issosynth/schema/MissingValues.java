package dev.issosynth.schema;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which cell texts mean "missing": empty (after trimming) and the tokens pandas reads as NA by default, plus
 * any extra tokens (e.g. {@code --na-values ?}).
 *
 * <p>Choice: the metric bins an EMPTY categorical string as {@code (empty)}, but a CSV reader such as pandas
 * already turns an empty field into NA before the metric sees it. We read CSV, so empty is missing
 * everywhere; in practice {@code (empty)} stays unused.
 */
public final class MissingValues {
    /** pandas' default NA strings (read_csv, {@code keep_default_na=True}), without the empty string. */
    static final List<String> PANDAS_DEFAULTS = List.of(
            "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
            "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    private static final MissingValues DEFAULTS = new MissingValues(new LinkedHashSet<>(PANDAS_DEFAULTS));

    private final Set<String> tokens;
    /** True if some token looks like a number (e.g. {@code -1}), so numeric cells must be checked too. */
    private final boolean numericToken;

    private MissingValues(Set<String> tokens) {
        this.tokens = tokens;
        boolean num = false;
        for (String t : tokens) {
            num |= !Double.isNaN(Numbers.parse(t)) || !Double.isNaN(IsoDateTimes.parseEpochSeconds(t));
        }
        this.numericToken = num;
    }

    public static MissingValues defaults() {
        return DEFAULTS;
    }

    /** These tokens in addition (trimmed; blank ones ignored). */
    public MissingValues withExtra(Collection<String> extra) {
        Set<String> all = new LinkedHashSet<>(tokens);
        for (String t : extra) {
            if (t != null && !t.strip().isEmpty()) {
                all.add(t.strip());
            }
        }
        return new MissingValues(all);
    }

    /** Writes the tokens (strings), for {@link #readFrom}. */
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeStrings(tokens);
    }

    public static MissingValues readFrom(BinaryReader in) throws CorruptDataException {
        return new MissingValues(new LinkedHashSet<>(in.readStrings()));
    }

    /** Null, blank, or one of the tokens (surrounding white space ignored). */
    public boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        int n = cell.length();
        if (n == 0) {
            return true;
        }
        if (tokens.contains(cell)) {
            return true;
        }
        if (Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(n - 1))) {
            String s = cell.strip();
            return s.isEmpty() || tokens.contains(s);
        }
        return false;
    }

    /** The NA tokens (without the empty string), unmodifiable. */
    public Set<String> tokens() {
        return Collections.unmodifiableSet(tokens);
    }

    /** Whether some token parses as a number or date, so parsed cells still need {@link #isMissing}. */
    public boolean hasParsableToken() {
        return numericToken;
    }

    /** The missing-cell text {@code cells} use most ("?", "NA", "" ...), or null when none is missing. */
    public String commonestToken(String[] cells) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        String best = null;
        int bestCount = 0;
        for (String cell : cells) {
            if (isMissing(cell)) {
                int n = counts.merge(cell, 1, Integer::sum);
                if (n > bestCount) {
                    best = cell;
                    bestCount = n;
                }
            }
        }
        return best;
    }
}
