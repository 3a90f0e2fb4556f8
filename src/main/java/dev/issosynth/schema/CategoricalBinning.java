package dev.issosynth.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Categorical bins as the metric fits them: the 10 most frequent values with count ≥ 5 (missing competes
 * as {@code (n/a)}; ties at the cut broken alphabetically), sorted alphabetically, then the special bins
 * {@code (empty)}, {@code (other)}, {@code _RARE_}, {@code (n/a)}. Any other value → {@code (other)}.
 */
public final class CategoricalBinning implements ColumnBinning {
    public static final String EMPTY = "(empty)";
    public static final String OTHER = "(other)";
    public static final String RARE = "_RARE_";
    /** Values kept at most. */
    static final int TOP = 10;
    /** Smallest count a kept value needs (the metric's rare-category protection). */
    static final int MIN_COUNT = 5;

    private final String[] labels;
    /** Bin labels and NA tokens → code; one lookup per cell in the common case. */
    private final Map<String, Integer> codes;
    private final MissingValues na;
    private final int otherCode;
    private final int naCode;

    private CategoricalBinning(String[] labels, MissingValues na) {
        this.labels = labels;
        this.na = na;
        this.naCode = labels.length - 1;
        this.otherCode = labels.length - 3;
        this.codes = new HashMap<>(labels.length * 4 + na.tokens().size() * 2);
        for (String t : na.tokens()) {
            codes.put(t, naCode);
        }
        codes.put("", naCode);
        for (int k = 0; k < labels.length; k++) {
            codes.put(labels[k], k);
        }
    }

    /** Fits on reference cells. */
    public static CategoricalBinning fit(String[] referenceValues, MissingValues na) {
        Map<String, int[]> counts = new HashMap<>();
        for (String v : referenceValues) {
            String key = na.isMissing(v) ? NA_LABEL : v;
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
        }
        List<Map.Entry<String, int[]>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            if (ranked.get(i).getValue()[0] >= MIN_COUNT) {
                kept.add(ranked.get(i).getKey());
            }
        }
        kept.sort(null);
        // A kept value equal to a special bin is not repeated: it lives in its special slot.
        List<String> specials = List.of(EMPTY, OTHER, RARE, NA_LABEL);
        kept.removeAll(specials);
        kept.addAll(specials);
        return new CategoricalBinning(kept.toArray(new String[0]), na);
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int binCount() {
        return labels.length;
    }

    @Override
    public int code(String cell) {
        if (cell == null) {
            return naCode;
        }
        Integer c = codes.get(cell);
        if (c != null) {
            return c;
        }
        return na.isMissing(cell) ? naCode : otherCode;
    }

    @Override
    public String label(int code) {
        return labels[code];
    }

    @Override
    public int naCode() {
        return naCode;
    }

    /** The code of the {@code (other)} bin. */
    public int otherCode() {
        return otherCode;
    }

    @Override
    public void encode(String[][] rows, int column, int count, byte[] dest, int destOffset) {
        for (int i = 0; i < count; i++) {
            dest[destOffset + i] = (byte) code(rows[i][column]);
        }
    }

    @Override
    public void encode(String[] values, byte[] dest, int destOffset) {
        for (int i = 0; i < values.length; i++) {
            dest[destOffset + i] = (byte) code(values[i]);
        }
    }
}
