package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generation (MOSTLY AI's {@code sample_seed_data}): rows whose values for some columns are given; the model
 * draws the other columns conditioned on them, row by row. The given columns come first in the generation order
 * (the model is trained in random column orders for this, {@link ArgnSettings#tableOrderShare()}), their codes are
 * the seed's, and their cells are written as the seed has them, untouched.
 */
final class SeedRows {
    private final boolean[] given; // per model column
    private final int[][] codes; // per sub-column, null when its column is not given
    private final String[][] text; // per output column, the seed's cells; null when not given
    private final int rows;
    private final int[] order;
    private final int candidates;

    private SeedRows(boolean[] given, int[][] codes, String[][] text, int rows, int[] order, int candidates) {
        this.candidates = candidates;
        this.given = given;
        this.codes = codes;
        this.text = text;
        this.rows = rows;
        this.order = order;
    }

    /**
     * The seed table's columns matched to the model's by name; InputException naming {@code source} for a column the
     * model lacks, half a position pair, or no column at all.
     */
    static SeedRows of(RawTable seed, Encodings enc, String source, int candidates) {
        String[] out = enc.outputHeader();
        List<String> unknown = new ArrayList<>();
        for (String name : seed.header()) {
            if (!Arrays.asList(out).contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InputException(source + ": seed data columns the model does not generate: "
                    + String.join(", ", unknown) + " (it generates " + String.join(", ", out) + ")");
        }
        int nCol = enc.columnCount();
        boolean[] given = new boolean[nCol];
        int[][] codes = new int[enc.subColumnCount()][];
        String[][] text = new String[out.length][];
        SplittableRandom root = new SplittableRandom(0x5EED5EEDL);
        int count = 0;
        for (int c = 0; c < nCol; c++) {
            SplittableRandom rng = root.split();
            int[] places = enc.outputColumns(c);
            int present = 0;
            for (int p : places) {
                present += seed.columnIndex(out[p]) >= 0 ? 1 : 0;
            }
            if (present == 0) {
                continue;
            }
            if (present < places.length) {
                throw new InputException(source + ": " + out[places[0]] + " and " + out[places[1]]
                        + " are one position to the model: give both or neither");
            }
            given[c] = true;
            count++;
            int[][] col = enc.encodeColumn(c, seed, rng);
            System.arraycopy(col, 0, codes, enc.firstSubColumn(c), col.length);
            for (int p : places) {
                text[p] = seed.column(seed.columnIndex(out[p]));
            }
        }
        if (count == 0) {
            throw new InputException(source + ": the seed data has none of the model's columns");
        }
        int[] order = new int[nCol];
        int k = 0;
        for (int c = 0; c < nCol; c++) {
            if (given[c]) {
                order[k++] = c;
            }
        }
        for (int c = 0; c < nCol; c++) {
            if (!given[c]) {
                order[k++] = c;
            }
        }
        return new SeedRows(given, codes, text, seed.rowCount(), order, candidates);
    }

    int rows() {
        return rows;
    }

    /** The generation order: given columns first, each group in table order. */
    int[] order() {
        return order.clone();
    }

    boolean given(int column) {
        return given[column];
    }

    /** The seed's code of sub-column {@code sub} for generated row {@code row} (candidates per seed row in a row). */
    int code(int sub, long row) {
        return codes[sub][(int) (row / candidates)];
    }

    /** Replaces generated row {@code row}'s given cells with its seed row's. */
    void restore(String[] decoded, long row) {
        int seedRow = (int) (row / candidates);
        for (int p = 0; p < text.length; p++) {
            if (text[p] != null) {
                decoded[p] = text[p][seedRow];
            }
        }
    }

    /** {@code tokens} without the given columns' (their cells stay as the seed has them); null stays null. */
    String[] tokensOfGenerated(String[] tokens) {
        if (tokens == null) {
            return null;
        }
        String[] t = tokens.clone();
        for (int p = 0; p < text.length; p++) {
            if (text[p] != null) {
                t[p] = null;
            }
        }
        return t;
    }
}
