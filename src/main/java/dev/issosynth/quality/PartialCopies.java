package dev.issosynth.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Partial copies: a row that repeats, on a pair or a triple of columns, values that exactly one training row has.
 *
 * <p>On a table of few columns the privacy figures' column groups hold 2 to 4 columns each. In such a group a row
 * that repeats a combination only one training row has lies at distance 0 from that row, and the group's DCR share
 * counts it as closer to the training data than to any holdout, though the row as a whole is new (baseball: country,
 * first name and last name of one player, repeated by 10.6 % of the steered result against 3.0 % of real records).
 * Real records repeat single combinations too, at the rate the training rows show among themselves, each against the
 * others (leave-one-out): that rate is the cap.
 *
 * <p>Cells are compared as the privacy encoding sees them ({@link EmbeddingEncoder#compactCell}: a category's value
 * number, a number's quantile position), through a 64-bit hash of the combination: a false match needs two different
 * combinations with the same hash (about one chance in 10^15 per comparison).
 */
public final class PartialCopies {
    /** Code of a row on a combination: no training row has its values. */
    public static final int NONE = 0;
    /** Code of a row on a combination: exactly one training row has its values (the capped code). */
    public static final int SINGLE = 1;
    /** Code of a row on a combination: two or more training rows have its values. */
    public static final int SHARED = 2;
    /** Tables with more columns get none: their groups hold 5 columns or more, where a pair or a triple decides little (on
     * census, 15 columns, steering them made the memorising pool worse: DCR share 0.5685 against 0.5608). */
    public static final int MAX_COLUMNS = 12;
    /** Combinations steered at most: those the pool repeats most in excess of real records. */
    public static final int MAX_STEERED = 32;

    private final int[][] combos;
    /** Per combination the sorted hashes of the reference rows' values. */
    private final long[][] hashes;
    /** Per combination the share of reference rows in each code against the other reference rows. */
    private final double[][] shares;

    private PartialCopies(int[][] combos, long[][] hashes, double[][] shares) {
        this.combos = combos;
        this.hashes = hashes;
        this.shares = shares;
    }

    /**
     * Every pair and triple of the {@code cells}' columns over the first {@code rows} (the reference); null when
     * there are fewer than 2 or more than {@value #MAX_COLUMNS} columns, or fewer than 2 rows.
     */
    public static PartialCopies of(CompactCells cells, int rows) {
        int c = cells.columns();
        if (c < 2 || c > MAX_COLUMNS || rows < 2) {
            return null;
        }
        List<int[]> combos = new ArrayList<>();
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++) {
                combos.add(new int[] {a, b});
                for (int d = b + 1; d < c; d++) {
                    combos.add(new int[] {a, b, d});
                }
            }
        }
        int[][] all = combos.toArray(new int[0][]);
        long[][] hashes = new long[all.length][];
        double[][] shares = new double[all.length][];
        for (int s = 0; s < all.length; s++) {
            long[] own = new long[rows];
            for (int r = 0; r < rows; r++) {
                own[r] = hash(cells, r, all[s]);
            }
            long[] sorted = own.clone();
            Arrays.sort(sorted);
            double[] share = new double[3];
            for (long h : own) {
                share[code(count(sorted, h) - 1)] += 1.0 / rows; // each row against the others
            }
            hashes[s] = sorted;
            shares[s] = share;
        }
        return new PartialCopies(all, hashes, shares);
    }

    /** The combinations kept, in the given order (indexes into this one's). */
    public PartialCopies keep(int[] which) {
        int[][] c = new int[which.length][];
        long[][] h = new long[which.length][];
        double[][] s = new double[which.length][];
        for (int i = 0; i < which.length; i++) {
            c[i] = combos[which[i]];
            h[i] = hashes[which[i]];
            s[i] = shares[which[i]];
        }
        return new PartialCopies(c, h, s);
    }

    /**
     * The combinations worth steering: those whose share of {@link #SINGLE} rows among the sampled pool rows exceeds
     * the real share by more than half of it plus 0.005 (a pool that already repeats single combinations no more
     * often than real records costs nothing), most in excess first, at most {@code max}.
     */
    public PartialCopies inExcess(CompactCells pool, int[] sampleRows, int max) {
        int n = combos.length;
        double[] excess = new double[n];
        List<Integer> over = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int single = 0;
            for (int r : sampleRows) {
                single += code(s, pool, r) == SINGLE ? 1 : 0;
            }
            double share = single / (double) Math.max(1, sampleRows.length);
            excess[s] = share - shares[s][SINGLE];
            if (exceeds(share, shares[s][SINGLE])) {
                over.add(s);
            }
        }
        // stable: equal excesses keep the enumeration order
        over.sort((a, b) -> Double.compare(excess[b], excess[a]));
        return keep(over.stream().limit(Math.max(0, max)).mapToInt(Integer::intValue).toArray());
    }

    /**
     * The screening rule of partial copies and of the {@link ValueOverlap}: a pool sample's share above the real one
     * by more than half of it plus 0.005 (a pool no worse than real records costs nothing).
     */
    static boolean exceeds(double sampleShare, double realShare) {
        return sampleShare - realShare > 0.5 * realShare + 0.005;
    }

    /** Number of combinations. */
    public int size() {
        return combos.length;
    }

    /** The compact columns of combination {@code s}. */
    public int[] columns(int s) {
        return combos[s].clone();
    }

    /** Share of reference rows per code ({@link #NONE}, {@link #SINGLE}, {@link #SHARED}) against the others. */
    public double[] shares(int s) {
        return shares[s].clone();
    }

    /** The code of row {@code row} of {@code cells} on combination {@code s}. */
    public int code(int s, CompactCells cells, int row) {
        return code(count(hashes[s], hash(cells, row, combos[s])));
    }

    private static int code(int matches) {
        return matches <= 0 ? NONE : matches == 1 ? SINGLE : SHARED;
    }

    static long hash(CompactCells cells, int row, int[] columns) {
        long h = 0x2545F4914F6CDD1DL;
        for (int k : columns) {
            h = (h ^ (cells.get(k, row) + 1L)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    /** How many entries of sorted {@code a} equal {@code h}. */
    static int count(long[] a, long h) {
        return bound(a, h, true) - bound(a, h, false);
    }

    /** The first index whose entry is above {@code h} ({@code upper}) or not below it. */
    private static int bound(long[] a, long h, boolean upper) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < h || upper && a[mid] == h) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
