package dev.issosynth.pipeline;

import dev.issosynth.quality.CompactCells;
import dev.issosynth.quality.PartialCopies;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.quality.ValueOverlap;
import dev.issosynth.selection.PrivacyTargets;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.SortedRows;

import java.util.Arrays;
import java.util.List;

/**
 * The privacy marginals of a selection, over the pool rows the engine sees (after any exclusion):
 * <ul>
 *   <li>per group and measure of the {@link PrivacyReference} (distance, nearest-to-second ratio, closer to
 *   training than to the pool sample): the bin of the row's measure, the low bins capped at the share a new real
 *   record would show (the pool-sample measure at the cap the user set), the rest free;</li>
 *   <li>per combination of {@link PartialCopies} (pairs and triples of columns on a table of few columns): whether the
 *   row repeats values exactly one training row has there, capped at the share of real records;</li>
 *   <li>the {@link ValueOverlap} of a row (how much of a single training row it repeats, by rarity), its large bins
 *   capped at the shares of real records, when the pool shows more of it than they do;</li>
 *   <li>yes/no marginals known for every row ({@link Flag}), e.g. whether the row copies a training row when copies
 *   are allowed at all (a coarse table whose real records repeat), capped at their share.</li>
 * </ul>
 * Measures are computed on demand, for the rows the engine asks about, and kept for the steered estimate.
 */
final class PrivacySteering implements PrivacyTargets {
    private final PrivacyReference reference;
    private final CompactCells compact;
    private final int[] poolRow;
    /** Per measured marginal the bin of each engine row; made on first use (never, when a narrowed copy works). */
    private byte[][] bins;
    /** Per engine row the slot of its measures in {@link #measure}, -1 while unknown (the pool may be millions). */
    private int[] slot;
    private final int rows;
    /** Marginals measured: the reference's (with distances steered), the partial-copy combinations, the overlap. */
    private final int measuredCount;
    private final int referenceCount;
    /** Combinations steered for partial copies; null for none. */
    private final PartialCopies partial;
    /** The value overlap steered; null for none. */
    private final ValueOverlap overlap;
    /** Set once the engine narrowed the pool: the engine rows kept, and the steering of those rows. */
    private int[] narrowed;
    private PrivacySteering narrowedSteering;
    private float[][] measure;
    private int slots;
    private final List<Flag> flags;
    private final long refinementBudget;
    /** Result rows an unsteered estimate measures. */
    static final int ESTIMATE_ROWS = 20_000;
    private long searched;
    private long nanos;
    /** The pool's privacy cells are kept for pool rows divisible by this (at row / stride): estimates only. */
    private int cellStride = 1;

    /**
     * A yes/no marginal known for every engine row: {@code codes[row]} is 1 for yes, capped at {@code share} of the
     * result (the rate of new real records).
     */
    record Flag(String name, byte[] codes, double share) {
    }

    /**
     * @param reference the yardstick, its pool sample set; null when the training data is too small for one
     * @param compact   the pool's compact privacy cells, indexed by pool row
     * @param poolRow   the pool row of each engine row; null when the engine sees the whole pool
     * @param rows      the engine's rows
     * @param flags     yes/no marginals, each capped at its share
     * @param refinementBudget rows refinement may measure in all
     */
    PrivacySteering(PrivacyReference reference, CompactCells compact, int[] poolRow, int rows, List<Flag> flags,
                    long refinementBudget) {
        this(reference, compact, poolRow, rows, flags, refinementBudget, true, null, null);
    }

    /**
     * @param distances whether the reference's measures are marginals of the selection; else they are only
     *                  {@link #estimate}d, on a sample of the result
     * @param partial   partial-copy combinations to steer (only with distances; null for none)
     * @param overlap   the value overlap to steer (only with distances; null for none)
     */
    PrivacySteering(PrivacyReference reference, CompactCells compact, int[] poolRow, int rows, List<Flag> flags,
                    long refinementBudget, boolean distances, PartialCopies partial, ValueOverlap overlap) {
        this.refinementBudget = refinementBudget;
        this.reference = reference;
        this.compact = compact;
        this.poolRow = poolRow;
        this.rows = rows;
        this.referenceCount = reference == null || !distances ? 0 : reference.marginals();
        this.partial = referenceCount == 0 || partial == null || partial.size() == 0 ? null : partial;
        this.overlap = referenceCount == 0 ? null : overlap;
        this.measuredCount = referenceCount + partialCount() + (this.overlap == null ? 0 : 1);
        this.measure = new float[Math.max(1, referenceCount)][1024];
        this.flags = List.copyOf(flags);
    }

    /**
     * The pool's privacy cells are kept for every {@code stride}-th pool row only: possible when nothing is steered
     * by distance, and the estimate then measures result rows among those.
     */
    PrivacySteering cellsEvery(int stride) {
        if (stride != 1 && measuredCount > 0) {
            throw new IllegalStateException("steered distances need the cells of every pool row");
        }
        this.cellStride = stride;
        return this;
    }

    private int partialCount() {
        return partial == null ? 0 : partial.size();
    }

    /** Whether marginal {@code k} is the value overlap's (after the partial copies). */
    private boolean isOverlap(int k) {
        return overlap != null && k == referenceCount + partialCount();
    }

    /** The per-row arrays, made on first use. */
    private void arrays() {
        if (slot == null) {
            bins = new byte[measuredCount][rows];
            slot = new int[rows];
            Arrays.fill(slot, measuredCount == 0 ? 0 : -1);
        }
    }

    /** Marginals measured against the reference (they come first). */
    private int measured() {
        return measuredCount;
    }

    /** The steering of the given engine rows only; this one's estimates then come from it. */
    @Override
    public PrivacyTargets restrict(int[] keep) {
        int[] toPool = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            toPool[i] = poolRow == null ? keep[i] : poolRow[keep[i]];
        }
        List<Flag> kept = new java.util.ArrayList<>();
        for (Flag f : flags) {
            byte[] c = new byte[keep.length];
            for (int i = 0; i < keep.length; i++) {
                c[i] = f.codes()[keep[i]];
            }
            kept.add(new Flag(f.name(), c, f.share()));
        }
        narrowed = keep.clone();
        narrowedSteering = new PrivacySteering(reference, compact, toPool, keep.length, kept, refinementBudget,
                referenceCount > 0, partial, overlap).cellsEvery(cellStride);
        return narrowedSteering;
    }

    @Override
    public int marginals() {
        return measured() + flags.size();
    }

    @Override
    public String name(int k) {
        if (k >= measured()) {
            return flags.get(k - measured()).name();
        }
        if (isOverlap(k)) {
            return "value overlap, all columns";
        }
        if (k >= referenceCount) {
            return "partial copy, " + combination(k - referenceCount);
        }
        String kind = switch (reference.kind(k)) {
            case PrivacyReference.DISTANCE -> "distance";
            case PrivacyReference.RATIO -> "ratio";
            default -> "closer than pool";
        };
        return kind + ", " + reference.groupName(reference.group(k));
    }

    @Override
    public double[] shares(int k) {
        if (k < referenceCount) {
            return reference.shares(k);
        }
        if (isOverlap(k)) {
            return overlap.shares();
        }
        if (k < measured()) {
            return partial.shares(k - referenceCount);
        }
        double share = flags.get(k - measured()).share();
        return new double[] {1 - share, share};
    }

    @Override
    public boolean[] capped(int k) {
        if (isOverlap(k)) {
            return overlap.capped();
        }
        if (k >= referenceCount && k < measured()) {
            return new boolean[] {false, true, false}; // only repeats of a single training row are capped
        }
        if (k < measured() && reference.kind(k) != PrivacyReference.PSEUDO) {
            boolean[] c = new boolean[reference.bins(k)];
            // every bin up to the last edge is capped; the bin beyond it is free
            Arrays.fill(c, 0, c.length - 1, true);
            return c;
        }
        return new boolean[] {false, true};
    }

    @Override
    public byte[] codes(int k) {
        arrays();
        return k < measured() ? bins[k] : flags.get(k - measured()).codes();
    }

    @Override
    public long refinementBudget() {
        return refinementBudget;
    }

    @Override
    public boolean known(int row) {
        arrays();
        return slot[row] >= 0;
    }

    @Override
    public void require(int[] rows, int count, Parallel par) {
        arrays();
        int[] todo = new int[count];
        int[] ids = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if (slot[r] < 0) {
                slot[r] = slots + n;
                todo[n] = r;
                ids[n++] = poolRow == null ? r : poolRow[r];
            }
        }
        if (n == 0) {
            return;
        }
        long t = System.nanoTime();
        double[][] v = new double[referenceCount][n];
        reference.measures(compact, ids, n, v, par);
        if (slots + n > measure[0].length) {
            for (int k = 0; k < referenceCount; k++) {
                measure[k] = Arrays.copyOf(measure[k], Math.max(slots + n, measure[k].length * 2));
            }
        }
        for (int c = 0; partial != null && c < partial.size(); c++) {
            byte[] b = bins[referenceCount + c];
            for (int i = 0; i < n; i++) {
                b[todo[i]] = (byte) partial.code(c, compact, ids[i]);
            }
        }
        if (overlap != null) {
            double[] o = new double[n];
            overlap.scores(compact, ids, n, o, par);
            byte[] b = bins[referenceCount + partialCount()];
            for (int i = 0; i < n; i++) {
                b[todo[i]] = (byte) overlap.bin(o[i]);
            }
        }
        for (int k = 0; k < referenceCount; k++) {
            for (int i = 0; i < n; i++) {
                int b = reference.bin(k, v[k][i]);
                // a tie counts half: on either side by a fixed coin of the row
                bins[k][todo[i]] = (byte) (b != PrivacyReference.TIE ? b : coin(todo[i], k));
                measure[k][slots + i] = (float) v[k][i];
            }
        }
        slots += n;
        searched += n;
        nanos += System.nanoTime() - t;
    }

    /** A fixed fair coin per (row, marginal). */
    static int coin(int row, int k) {
        long z = (row * 0x9E3779B97F4A7C15L) ^ (k * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (int) ((z >>> 40) & 1);
    }

    /** Rows whose measures were computed so far. */
    long searchedRows() {
        return searched + (narrowedSteering == null ? 0 : narrowedSteering.searchedRows());
    }

    /** Seconds spent computing measures. */
    double seconds() {
        return nanos / 1e9 + (narrowedSteering == null ? 0 : narrowedSteering.seconds());
    }

    /**
     * The steered estimate of the given engine rows, per group: {@code [0][g]} the share closer to the training
     * data than to the pool sample (ties half), the DCR share with the pool standing in for the holdout;
     * {@code [1][g]} the mean chance that a row is closer to the training data than a new real record
     * ({@link PrivacyReference#closerThanReal}). Both about 0.5 for rows like new real records; empty without a
     * reference.
     */
    double[][] estimate(int[] rows, Parallel par) {
        if (narrowedSteering != null) {
            return narrowedSteering.estimate(SortedRows.positions(rows, narrowed), par);
        }
        int groups = reference == null ? 0 : reference.groups();
        double[][] out = new double[2][groups];
        if (groups == 0 || rows.length == 0) {
            return out;
        }
        if (measuredCount == 0) {
            return sampledEstimate(rows, par);
        }
        require(rows, rows.length, par);
        return summary(rows.length, (k, i) -> measure[k][slot[rows[i]]]);
    }

    /** The measure of marginal k for row i of those summarised. */
    private interface MeasureOf {
        double at(int k, int i);
    }

    /** The figures of {@link #estimate} from the measures of {@code n} rows. */
    private double[][] summary(int n, MeasureOf m) {
        double[][] out = new double[2][reference.groups()];
        for (int k = 0; k < reference.marginals(); k++) {
            int g = reference.group(k);
            double sum = 0;
            if (reference.kind(k) == PrivacyReference.PSEUDO) {
                for (int i = 0; i < n; i++) {
                    double u = m.at(k, i);
                    sum += u < 1 ? 1 : u == 1 ? 0.5 : 0;
                }
                out[0][g] = sum / n;
            } else if (reference.kind(k) == PrivacyReference.DISTANCE) {
                for (int i = 0; i < n; i++) {
                    sum += reference.closerThanReal(k, m.at(k, i));
                }
                out[1][g] = sum / n;
            }
        }
        return out;
    }

    /** The estimate of {@link #estimate} from a seeded sample of at most {@link #ESTIMATE_ROWS} of the rows. */
    private double[][] sampledEstimate(int[] allRows, Parallel par) {
        int[] rows = allRows;
        if (cellStride > 1) { // only rows whose cells were kept
            rows = Arrays.stream(allRows).filter(r -> (poolRow == null ? r : poolRow[r]) % cellStride == 0).toArray();
        }
        int[] ids = poolRowSample(rows, poolRow, ESTIMATE_ROWS);
        int n = ids.length;
        for (int i = 0; i < n; i++) {
            ids[i] /= cellStride;
        }
        double[][] v = new double[reference.marginals()][n];
        long t = System.nanoTime();
        reference.measures(compact, ids, n, v, par);
        nanos += System.nanoTime() - t;
        searched += n;
        return summary(n, (k, i) -> v[k][i]);
    }

    /**
     * The pool rows of a seeded sample of at most {@code max} of the given engine rows (all, in their order, when they
     * are no more); {@code poolRow} maps engine rows to pool rows, null when they are the same.
     */
    static int[] poolRowSample(int[] rows, int[] poolRow, int max) {
        int n = Math.min(rows.length, max);
        int[] pick = n == rows.length ? null : dev.issosynth.selection.SwapRefiner.permutation(rows.length,
                new java.util.SplittableRandom(rows.length * 0x9E3779B97F4A7C15L));
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int r = pick == null ? rows[i] : rows[pick[i]];
            ids[i] = poolRow == null ? r : poolRow[r];
        }
        return ids;
    }

    /** The column names of partial-copy combination {@code c}, joined with " + ". */
    String combination(int c) {
        StringBuilder b = new StringBuilder();
        for (int k : partial.columns(c)) {
            b.append(b.length() == 0 ? "" : " + ").append(reference.compactColumnName(k));
        }
        return b.toString();
    }

    /** Share of real records (the reference, leave-one-out) repeating a single training row on combination c. */
    double partialRealShare(int c) {
        return partial.shares(c)[PartialCopies.SINGLE]; // a narrowed steering holds the same combinations
    }

    /** Share of the given engine rows that repeat a single training row on each partial-copy combination. */
    double[] partialShares(int[] rows, Parallel par) {
        if (narrowedSteering != null) {
            return narrowedSteering.partialShares(SortedRows.positions(rows, narrowed), par);
        }
        double[] out = new double[partial == null ? 0 : partial.size()];
        if (out.length == 0 || rows.length == 0) {
            return out;
        }
        require(rows, rows.length, par);
        for (int c = 0; c < out.length; c++) {
            byte[] b = bins[referenceCount + c];
            long n = 0;
            for (int r : rows) {
                n += b[r] == PartialCopies.SINGLE ? 1 : 0;
            }
            out[c] = n / (double) rows.length;
        }
        return out;
    }

    /** Share of the given engine rows flagged yes by the flag marginal named {@code name} (0 without it). */
    double flagShareOf(String name, int[] rows) {
        if (narrowedSteering != null) {
            return narrowedSteering.flagShareOf(name, SortedRows.positions(rows, narrowed));
        }
        for (Flag f : flags) {
            if (f.name().equals(name)) {
                long c = 0;
                for (int r : rows) {
                    c += f.codes()[r];
                }
                return rows.length == 0 ? 0 : c / (double) rows.length;
            }
        }
        return 0;
    }
}
