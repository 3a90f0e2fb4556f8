package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Iterative proportional fitting of pool row weights to the training pair distributions, then rounding to a
 * subset of distinct rows.
 *
 * <p>Differences from the original, on purpose: weights are capped at 1 (a row can be chosen once), so the
 * weight cannot collapse onto a few thousand rows of a wide table; and rounding is systematic sampling
 * without replacement, which hits the requested size exactly with each row's inclusion probability equal to
 * its weight.
 */
public final class IpfSelector {
    /** Rows per block: fixed, so block-ordered reductions are identical for any thread count. */
    static final int BLOCK = 1 << 15;
    private static final double TARGET_FLOOR = 1e-9;

    private IpfSelector() {
    }

    /** Outcome: the chosen rows (ascending) and the fitted weights. */
    public record Result(int[] rows, float[] weights, int sweeps, double maxPairError) {
    }

    public static Result select(CodeTable train, CodeTable pool, List<int[]> pairs, int k, int sweeps, long seed,
                                Parallel par, Progress progress) {
        return select(train, pool, pairs, k, sweeps, 1.0, 0.0, seed, par, progress);
    }

    /**
     * As above with a gentler update: each cell's factor is {@code ((target + s) / (current + s))^damping}.
     * Why: on wide tables a pool row rarely agrees with the training data on every strong pair, so classic IPF
     * multiplies near-zero factors until the weight sits on a handful of rows; smoothing and damping keep the
     * weight spread while still pulling every pair towards its target.
     */
    public static Result select(CodeTable train, CodeTable pool, List<int[]> pairs, int k, int sweeps,
                                double damping, double smoothing, long seed, Parallel par, Progress progress) {
        return select(TrainingTargets.of(train), pool, pairs, k, sweeps, damping, smoothing, seed, par, progress);
    }

    /** As {@link #select(CodeTable, CodeTable, List, int, int, double, double, long, Parallel, Progress)} on (steered) targets. */
    public static Result select(TrainingTargets train, CodeTable pool, List<int[]> pairs, int k, int sweeps,
                                double damping, double smoothing, long seed, Parallel par, Progress progress) {
        int n = pool.rows();
        if (k > n) {
            throw new IllegalArgumentException("cannot choose " + k + " rows from a pool of " + n);
        }
        float[] w = new float[n];
        Arrays.fill(w, (float) (k / (double) n));
        double[][] targets = new double[pairs.size()][];
        for (int p = 0; p < pairs.size(); p++) {
            targets[p] = pairTarget(train, pairs.get(p), k);
        }
        double maxError = 0;
        int done = 0;
        int totalSteps = Math.max(1, sweeps * pairs.size());
        for (int s = 0; s < sweeps && !pairs.isEmpty(); s++) {
            maxError = 0;
            double[] hist = histogram(pool, pairs.get(0), w, par);
            for (int p = 0; p < pairs.size(); p++) {
                double[] t = targets[p];
                double[] factor = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    maxError = Math.max(maxError, Math.abs(hist[i] - t[i]));
                    factor[i] = hist[i] > 0 ? correction(t[i], hist[i], damping, smoothing) : 1.0;
                }
                int[] next = p + 1 < pairs.size() ? pairs.get(p + 1) : null;
                hist = scaleAndCount(pool, pairs.get(p), factor, next, w, par);
                done++;
                progress.update(done / (double) totalSteps,
                        String.format(Locale.ROOT, "sweep %d/%d  max cell error %.1f", s + 1, sweeps, maxError));
            }
            capAndNormalise(w, k);
        }
        if (pairs.isEmpty()) {
            capAndNormalise(w, k);
        }
        int[] rows = systematicSample(w, k, new SplittableRandom(seed).nextDouble());
        return new Result(rows, w, sweeps, maxError);
    }

    static double correction(double target, double current, double damping, double smoothing) {
        double f = (target + smoothing) / (current + smoothing);
        return damping == 1.0 ? f : Math.pow(f, damping);
    }

    static double[] pairTarget(CodeTable train, int[] pair, int k) {
        return pairTarget(TrainingTargets.of(train), pair, k);
    }

    static double[] pairTarget(TrainingTargets train, int[] pair, int k) {
        double[] t = train.counts(pair[0], pair[1]);
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            t[i] += TARGET_FLOOR;
            sum += t[i];
        }
        for (int i = 0; i < t.length; i++) {
            t[i] *= k / sum;
        }
        return t;
    }

    static double[] histogram(CodeTable pool, int[] pair, float[] w, Parallel par) {
        int da = pool.cardinality(pair[0]);
        int cells = da * pool.cardinality(pair[1]);
        byte[] a = pool.column(pair[0]);
        byte[] b = pool.column(pair[1]);
        int blocks = Parallel.blockCount(pool.rows(), BLOCK);
        double[][] partial = new double[blocks][cells];
        par.forBlocks(pool.rows(), BLOCK, (blk, from, to) -> {
            double[] h = partial[blk];
            for (int r = from; r < to; r++) {
                h[(a[r] & 0xFF) + da * (b[r] & 0xFF)] += w[r];
            }
        });
        return reduce(partial, cells);
    }

    /** Multiplies each weight by its cell's factor for {@code pair} and, in the same pass, counts {@code next}. */
    private static double[] scaleAndCount(CodeTable pool, int[] pair, double[] factor, int[] next, float[] w,
                                          Parallel par) {
        int da = pool.cardinality(pair[0]);
        byte[] a = pool.column(pair[0]);
        byte[] b = pool.column(pair[1]);
        float[] f = new float[factor.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) factor[i];
        }
        if (next == null) {
            par.forBlocks(pool.rows(), BLOCK, (blk, from, to) -> {
                for (int r = from; r < to; r++) {
                    w[r] *= f[(a[r] & 0xFF) + da * (b[r] & 0xFF)];
                }
            });
            return null;
        }
        int na = pool.cardinality(next[0]);
        int cells = na * pool.cardinality(next[1]);
        byte[] x = pool.column(next[0]);
        byte[] y = pool.column(next[1]);
        int blocks = Parallel.blockCount(pool.rows(), BLOCK);
        double[][] partial = new double[blocks][cells];
        par.forBlocks(pool.rows(), BLOCK, (blk, from, to) -> {
            double[] h = partial[blk];
            for (int r = from; r < to; r++) {
                float v = w[r] * f[(a[r] & 0xFF) + da * (b[r] & 0xFF)];
                w[r] = v;
                h[(x[r] & 0xFF) + na * (y[r] & 0xFF)] += v;
            }
        });
        return reduce(partial, cells);
    }

    private static double[] reduce(double[][] partial, int cells) {
        double[] out = new double[cells];
        for (double[] h : partial) {
            for (int i = 0; i < cells; i++) {
                out[i] += h[i];
            }
        }
        return out;
    }

    /**
     * Scales the weights to sum to {@code k} with no weight above 1 (water filling: capped rows stay at 1, the
     * rest share what is left).
     */
    static void capAndNormalise(float[] w, int k) {
        for (int r = 0; r < w.length; r++) {
            if (w[r] > 1f) {
                w[r] = 1f;
            }
        }
        for (int iter = 0; iter < 100; iter++) {
            double free = 0;
            int capped = 0;
            for (float v : w) {
                if (v >= 1f) {
                    capped++;
                } else {
                    free += v;
                }
            }
            if (free <= 0) {
                break;
            }
            double scale = (k - capped) / free;
            boolean newCaps = false;
            for (int r = 0; r < w.length; r++) {
                if (w[r] < 1f) {
                    double v = w[r] * scale;
                    if (v >= 1) {
                        newCaps = true;
                        w[r] = 1f;
                    } else {
                        w[r] = (float) v;
                    }
                }
            }
            if (!newCaps && Math.abs(scale - 1) < 1e-6) {
                break;
            }
        }
    }

    /**
     * Systematic sampling: walk the rows accumulating weight and take a row each time the running sum passes
     * {@code start + j}. With weights at most 1 every row is taken at most once; exact size enforced after.
     */
    static int[] systematicSample(float[] w, int k, double start) {
        boolean[] take = new boolean[w.length];
        int taken = 0;
        double cum = start;
        for (int r = 0; r < w.length; r++) {
            double before = Math.floor(cum);
            cum += w[r];
            if (Math.floor(cum) > before && taken < k) {
                take[r] = true;
                taken++;
            }
        }
        // Float rounding can leave us one or two rows short: fill with the heaviest rows not taken (a heap of the
        // few missing, not a copy of the whole pool)
        if (taken < k) {
            int missing = k - taken;
            java.util.PriorityQueue<long[]> lightest = new java.util.PriorityQueue<>(missing + 1, (a, b) ->
                    a[0] != b[0] ? Float.compare(Float.intBitsToFloat((int) a[0]), Float.intBitsToFloat((int) b[0]))
                            : Long.compare(b[1], a[1]));
            for (int r = 0; r < w.length; r++) {
                if (!take[r]) {
                    lightest.add(new long[] {Float.floatToIntBits(w[r]), r});
                    if (lightest.size() > missing) {
                        lightest.poll();
                    }
                }
            }
            for (long[] e : lightest) {
                take[(int) e[1]] = true;
                taken++;
            }
        }
        int[] rows = new int[k];
        int j = 0;
        for (int r = 0; r < w.length; r++) {
            if (take[r]) {
                rows[j++] = r;
            }
        }
        return rows;
    }
}
