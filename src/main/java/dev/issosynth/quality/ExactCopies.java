package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.TrainingTable;


/**
 * Finds pool rows that copy a training row: every cell the same text, column by column. Also measures how often real
 * records repeat: the share of training rows that have an identical other training row, the rate at which a new real
 * record would match one (0 for most tables; high for a coarse one, e.g. 900 rows over 21 possible combinations).
 *
 * <p>Kept compact, as an open-addressing table of training row numbers keyed by a 64-bit hash of the row's cells
 * (about 20 bytes a training row, against 150 for a map of row lists): a probe compares the cells themselves, so a
 * hash collision never flags a row that is not a copy.
 */
public final class ExactCopies {
    private final String[] names;
    private final String[][] cols;
    /** Training row + 1 per slot, 0 = empty; power-of-two length, at most half full. */
    private final int[] slots;
    private final long[] rowHash;
    private final double repeatShare;

    private ExactCopies(String[] names, String[][] cols, int[] slots, long[] rowHash, double repeatShare) {
        this.names = names;
        this.cols = cols;
        this.slots = slots;
        this.rowHash = rowHash;
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
        int[] slots = new int[Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1];
        long[] rowHash = new long[n];
        int[] groupSize = new int[n]; // per first row of a group of identical rows
        long repeated = 0;
        int mask = slots.length - 1;
        String[] row = new String[names.length];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols.length; c++) {
                row[c] = cols[c][r];
            }
            long h = hash(row);
            rowHash[r] = h;
            int s = (int) h & mask;
            while (slots[s] != 0 && !(rowHash[slots[s] - 1] == h && sameCells(cols, slots[s] - 1, row))) {
                s = (s + 1) & mask;
            }
            if (slots[s] == 0) {
                slots[s] = r + 1;
                groupSize[r] = 1;
            } else {
                int first = slots[s] - 1;
                repeated += groupSize[first] == 1 ? 2 : 1;
                groupSize[first]++;
            }
        }
        return new ExactCopies(names, cols, slots, rowHash, n == 0 ? 0 : repeated / (double) n);
    }

    /** A 64-bit hash of a row's cells in order (null and empty differ). */
    static long hash(String[] row) {
        long h = 0x2545F4914F6CDD1DL;
        for (String cell : row) {
            h = (h ^ (cell == null ? 0x9E3779B9L : cell.hashCode() + 0x100000000L)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    private static boolean sameCells(String[][] cols, int r, String[] row) {
        for (int c = 0; c < row.length; c++) {
            if (!java.util.Objects.equals(cols[c][r], row[c])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a row (cells in schema column order) copies a training row. */
    private boolean contains(String[] row) {
        long h = hash(row);
        int mask = slots.length - 1;
        for (int s = (int) h & mask; slots[s] != 0; s = (s + 1) & mask) {
            int r = slots[s] - 1;
            if (rowHash[r] == h && sameCells(cols, r, row)) {
                return true;
            }
        }
        return false;
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
            flags[at + i] = (byte) (contains(rows[i]) ? 1 : 0);
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
