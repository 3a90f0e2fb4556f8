package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.TrainingTable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds pool rows that copy a training row: every cell the same text, column by column (a hash map of all training
 * rows). Also measures how often real records repeat: the share of training rows that have an identical other
 * training row, the rate at which a new real record would match one (0 for most tables; high for a coarse one, e.g.
 * 900 rows over 21 possible combinations).
 */
public final class ExactCopies {
    private final String[] names;
    private final Map<List<String>, Integer> counts;
    private final double repeatShare;

    private ExactCopies(String[] names, Map<List<String>, Integer> counts, double repeatShare) {
        this.names = names;
        this.counts = counts;
        this.repeatShare = repeatShare;
    }

    public static ExactCopies of(TrainingTable train) {
        String[] names = train.schema().names();
        RawTable raw = train.raw();
        int n = raw.rowCount();
        String[][] cols = new String[names.length][];
        for (int c = 0; c < names.length; c++) {
            int i = raw.columnIndex(names[c]);
            if (i < 0) {
                throw new IllegalArgumentException("column missing: " + names[c]);
            }
            cols[c] = raw.column(i);
        }
        Map<List<String>, Integer> counts = new HashMap<>(Math.max(16, n * 2));
        for (int r = 0; r < n; r++) {
            String[] row = new String[names.length];
            for (int c = 0; c < names.length; c++) {
                row[c] = cols[c][r];
            }
            counts.merge(Arrays.asList(row), 1, Integer::sum);
        }
        long repeated = 0;
        for (int k : counts.values()) {
            repeated += k > 1 ? k : 0;
        }
        return new ExactCopies(names, counts, n == 0 ? 0 : repeated / (double) n);
    }

    /**
     * Share of training rows identical to another training row: how often a new real record is an exact match, as
     * far as the training data can tell.
     */
    public double repeatShare() {
        return repeatShare;
    }

    /**
     * Flags ({@code 1} = copy, {@code 0} = not) of {@code count} rows given in schema column order
     * ({@code rows[i][c]}), into {@code flags[at + i]}.
     */
    public void screen(String[][] rows, int count, byte[] flags, int at) {
        for (int i = 0; i < count; i++) {
            flags[at + i] = (byte) (counts.containsKey(Arrays.asList(rows[i])) ? 1 : 0);
        }
    }

    /** Flags of a whole table (columns by name, any order). */
    public byte[] screen(RawTable table) {
        int n = table.rowCount();
        String[][] rows = new String[n][names.length];
        for (int c = 0; c < names.length; c++) {
            int i = table.columnIndex(names[c]);
            if (i < 0) {
                throw new IllegalArgumentException("column missing: " + names[c]);
            }
            String[] col = table.column(i);
            for (int r = 0; r < n; r++) {
                rows[r][c] = col[r];
            }
        }
        byte[] flags = new byte[n];
        screen(rows, n, flags, 0);
        return flags;
    }
}
