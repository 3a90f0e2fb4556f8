package dev.issosynth.quality;

import dev.issosynth.util.Parallel;

import java.util.Arrays;

/**
 * How much of a single training row a row repeats: the largest sum, over the cells it shares exactly with one
 * reference row, of each shared value's rarity ({@code ln(m / count)} of the value among the m reference rows).
 *
 * <p>A generator that memorises writes training rows with some cells changed. Such a row lies at a distance from the
 * training data that real records show too, but it keeps rare values of one row together (census: a {@code fnlwgt}
 * with an age and an occupation), which real records seldom do. Weighting by rarity matters: counted cell by cell,
 * real census records already share 12 or 13 of 15 cells with some training row, and matching that count moved the
 * memorising pool's DCR share from 0.589 to 0.571–0.579 only; the rarity-weighted sum took it to 0.526–0.540 (a
 * Python check against the holdout, rows drawn at random per bin).
 *
 * <p>The yardstick is the reference's own leave-one-out overlaps (each row against the others); bins are edged at
 * their upper quantiles ({@link #LEVELS}, on the negated overlap so that bins read as distances do: bin 0 the closest)
 * and every bin but the last is capped at its real share.
 *
 * <p>The search is exact: the query's values are taken rarest first, every reference row holding one of them is
 * scored in full, and the search stops once the best score reaches the sum of the values not yet taken (no unseen row
 * can beat it). Rarities are integers ({@value #SCALE} per unit of ln), so sums are exact in any order. Common values
 * count too: leaving out those more than 10 % of the rows hold (a far cheaper search) let the memorising pool's result
 * back up from 0.530 to 0.540.
 */
public final class ValueOverlap {
    /**
     * Cells a reference's leave-one-out overlaps may compare, about (reference rows)² × columns: a search over common
     * values reads most rows, so the cost grows with the square of the reference. Census's references (15 columns, up
     * to 10,800 rows) and baseball's stay whole; the 100,000 × 70 table's are cut to 5,000 rows (a 16,000-row reference
     * took 8.5 s of a 59 s selection to screen, 5,000 rows 1.7 s).
     */
    public static final double LEAVE_ONE_OUT_CELLS = 1.75e9;

    /** How many of {@code rows} reference rows of {@code columns} columns fit {@link #LEAVE_ONE_OUT_CELLS} (at least 2). */
    public static int affordableRows(int rows, int columns) {
        return (int) Math.max(2, Math.min(rows, Math.sqrt(LEAVE_ONE_OUT_CELLS / Math.max(1, columns))));
    }

    /** Quantile levels of the negated leave-one-out overlaps edging the bins (the last bin, below the median, free). */
    static final double[] LEVELS = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5};
    /** Rarity units per unit of ln. */
    static final int SCALE = 1024;
    /** Queries per parallel task. */
    private static final int BLOCK = 256;

    private final int rows;
    private final int columns;
    /** Reference cells row by row: {@code cells[r * columns + k]}. */
    private final char[] cells;
    /** Per column its distinct values, ascending. */
    private final char[][] values;
    /** Per column and distinct value the start of its rows in {@link #postings} (one more entry at the end). */
    private final int[][] start;
    /** Per column the reference rows ordered by value. */
    private final int[][] postings;
    /** Per column and distinct value its rarity in {@link #SCALE} units. */
    private final int[][] rarity;
    /**
     * The same for a reference row's own values against the other m − 1 rows ({@code ln((m − 1) / (count − 1))}, 0
     * when no other row holds the value): without it a value two training rows share weighs ln(m / 2) for them but
     * ln(m) for a new row holding it with one of them, and new real records read too high (a fresh 666-row census
     * sample: 0.569 of its rows above the training rows' median).
     */
    private final int[][] rarityOthers;
    private final double[] edges;
    private final double[] shares;

    private ValueOverlap(CompactCells ref, int rows, Parallel par) {
        this.rows = rows;
        this.columns = ref.columns();
        this.cells = new char[rows * columns];
        this.values = new char[columns][];
        this.start = new int[columns][];
        this.postings = new int[columns][];
        this.rarity = new int[columns][];
        this.rarityOthers = new int[columns][];
        for (int k = 0; k < columns; k++) {
            long[] keyed = new long[rows];
            for (int r = 0; r < rows; r++) {
                char v = ref.get(k, r);
                cells[r * columns + k] = v;
                keyed[r] = ((long) v << 32) | r;
            }
            Arrays.sort(keyed);
            int[] post = new int[rows];
            char[] vals = new char[rows];
            int[] st = new int[rows + 1];
            int distinct = 0;
            for (int i = 0; i < rows; i++) {
                char v = (char) (keyed[i] >>> 32);
                post[i] = (int) keyed[i];
                if (distinct == 0 || vals[distinct - 1] != v) {
                    vals[distinct] = v;
                    st[distinct++] = i;
                }
            }
            st[distinct] = rows;
            int[] rar = new int[distinct];
            int[] others = new int[distinct];
            for (int d = 0; d < distinct; d++) {
                int count = st[d + 1] - st[d];
                rar[d] = (int) Math.round(SCALE * Math.log(rows / (double) count));
                others[d] = count < 2 ? 0 : (int) Math.round(SCALE * Math.log((rows - 1) / (double) (count - 1)));
            }
            values[k] = Arrays.copyOf(vals, distinct);
            start[k] = Arrays.copyOf(st, distinct + 1);
            postings[k] = post;
            rarity[k] = rar;
            rarityOthers[k] = others;
        }
        double[] loo = new double[rows];
        int[] all = new int[rows];
        Arrays.setAll(all, r -> r);
        scores(ref, all, rows, loo, true, par);
        for (int r = 0; r < rows; r++) {
            loo[r] = -loo[r];
        }
        Arrays.sort(loo);
        this.edges = PrivacyReference.edges(loo, LEVELS);
        this.shares = new double[edges.length + 1];
        for (double v : loo) {
            shares[PrivacyReference.bin(edges, v)] += 1.0 / rows;
        }
    }

    /**
     * The overlaps on all columns against the first {@code rows} of {@code ref} (at least 2) as the reference. (Per
     * column group as well did no better on a memorising pool: see the design notes.)
     */
    public static ValueOverlap of(CompactCells ref, int rows, Parallel par) {
        if (rows < 2) {
            throw new IllegalArgumentException("a value overlap needs at least 2 reference rows: " + rows);
        }
        return new ValueOverlap(ref, rows, par);
    }

    /** The overlap (in ln units) of each listed row of {@code q}: {@code out[i]} for row {@code ids[i]}. */
    public void scores(CompactCells q, int[] ids, int count, double[] out, Parallel par) {
        scores(q, ids, count, out, false, par);
    }

    private void scores(CompactCells q, int[] ids, int count, double[] out, boolean leaveOneOut, Parallel par) {
        // per worker: the query number (from 1) that last saw each reference row
        int[][] stamps = new int[Math.min(par.threads(), Parallel.blockCount(count, BLOCK))][rows];
        par.forTasks(Parallel.blockCount(count, BLOCK), (worker, b) -> {
            int[] col = new int[columns];
            int[] val = new int[columns];
            int[] weight = new int[columns];
            char[] cell = new char[columns];
            for (int i = b * BLOCK; i < Math.min(count, (b + 1) * BLOCK); i++) {
                int self = leaveOneOut ? ids[i] : -1;
                out[i] = score(q, ids[i], i + 1, self, stamps[worker], col, val, weight, cell) / (double) SCALE;
            }
        });
    }

    /**
     * The exact overlap of row {@code row} of {@code q}, skipping reference row {@code self} (-1: none). {@code stamp}
     * marks the reference rows already scored for this query by its number {@code mark} (unique within a call, so the
     * array needs no clearing).
     */
    private long score(CompactCells q, int row, int mark, int self, int[] stamp, int[] col, int[] val, int[] weight,
                       char[] cell) {
        int[][] rarity = self >= 0 ? rarityOthers : this.rarity;
        int n = 0;
        for (int k = 0; k < columns; k++) {
            char v = q.get(k, row);
            int d = Arrays.binarySearch(values[k], v);
            if (d >= 0 && rarity[k][d] > 0) {
                // insertion by rarity, rarest first (equal rarities keep column order)
                int at = n++;
                while (at > 0 && weight[at - 1] < rarity[k][d]) {
                    col[at] = col[at - 1];
                    val[at] = val[at - 1];
                    weight[at] = weight[at - 1];
                    at--;
                }
                col[at] = k;
                val[at] = d;
                weight[at] = rarity[k][d];
            }
        }
        long remaining = 0;
        for (int j = 0; j < n; j++) {
            remaining += weight[j];
            cell[j] = values[col[j]][val[j]];
        }
        if (self >= 0) {
            stamp[self] = mark; // never scored
        }
        long best = 0;
        for (int j = 0; j < n && best < remaining; j++) {
            int k = col[j];
            for (int p = start[k][val[j]]; p < start[k][val[j] + 1]; p++) {
                int r = postings[k][p];
                if (stamp[r] == mark) {
                    continue;
                }
                stamp[r] = mark;
                long s = 0;
                int base = r * columns;
                for (int t = j; t < n; t++) { // columns taken before j were checked when their rows came up
                    s += cells[base + col[t]] == cell[t] ? weight[t] : 0;
                }
                best = Math.max(best, s);
            }
            remaining -= weight[j];
        }
        return best;
    }

    /** The share of the given overlaps in each bin. */
    public double[] binShares(double[] overlaps) {
        double[] out = new double[shares.length];
        for (double o : overlaps) {
            out[bin(o)] += 1.0 / overlaps.length;
        }
        return out;
    }

    /** The share of the capped bins (above the real median) among the given bin shares; real records: 0.5. */
    public double cappedShare(double[] binShares) {
        double s = 0;
        for (int b = 0; b < binShares.length - 1; b++) {
            s += binShares[b];
        }
        return s;
    }

    /**
     * Whether bin shares hold more large overlaps than real records: a capped bin above its real share by more than
     * half of it plus 0.005 (the rule partial copies are screened by), or all capped bins together above theirs by
     * more than {@value #EXCESS_ABOVE_MEDIAN} (baseball's argn pool: 0.62 against 0.50, spread over the bins).
     */
    public boolean inExcess(double[] binShares) {
        for (int b = 0; b < shares.length - 1; b++) {
            if (PartialCopies.exceeds(binShares[b], shares[b])) {
                return true;
            }
        }
        return cappedShare(binShares) - cappedShare(shares) > EXCESS_ABOVE_MEDIAN;
    }

    /** See {@link #inExcess}: 7 standard deviations of the share of a 5,000-row sample. */
    static final double EXCESS_ABOVE_MEDIAN = 0.05;

    /** Bins: one per edge and the free one below them. */
    public int bins() {
        return shares.length;
    }

    /** The bin of an overlap: bin 0 the largest overlaps; the last bin (free) the rows below the median. */
    public int bin(double overlap) {
        return PrivacyReference.bin(edges, -overlap);
    }

    /** Share of the reference rows in each bin, each against the others (the caps). */
    public double[] shares() {
        return shares.clone();
    }

    /** Bins held at their share: all but the last. */
    public boolean[] capped() {
        boolean[] c = new boolean[shares.length];
        Arrays.fill(c, 0, c.length - 1, true);
        return c;
    }
}
