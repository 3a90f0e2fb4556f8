package dev.issosynth.generator.argn.train;

import java.util.SplittableRandom;

/**
 * Seeded shuffled mini-batches over a set of row indices, like a shuffling DataLoader with {@code drop_last}: each
 * epoch reshuffles the rows and yields {@code n / batch} full batches; the remainder rows of that epoch are dropped.
 * If there are fewer rows than the batch size, an epoch is one batch of all rows ({@link #batchSize()} reports the
 * effective size). The sequence of batches is a pure function of the rows, batch size and seed.
 *
 * <p>Allocation-free after construction: {@link #next(int[])} copies the next batch into a caller buffer.
 */
public final class BatchSampler {
    private final int[] order;
    private final int batch;
    private final int steps;
    private final SplittableRandom rnd;
    private int cursor;
    private int epoch;

    /** @param rows row indices to sample from (copied) */
    public BatchSampler(int[] rows, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to sample");
        }
        this.order = rows.clone();
        this.batch = Math.min(batchSize, rows.length);
        this.steps = rows.length / this.batch;
        this.rnd = new SplittableRandom(seed);
        this.cursor = steps; // forces a shuffle on the first call
        this.epoch = 0;
    }

    /** Effective batch size (the requested one, or the row count if that is smaller). */
    public int batchSize() {
        return batch;
    }

    /** Steps (full batches) per epoch: {@code n / batchSize}. */
    public int stepsPerEpoch() {
        return steps;
    }

    /** Epochs started so far (1 during the first epoch). */
    public int epoch() {
        return epoch;
    }

    /** True if the current epoch has no batches left (the next {@link #next} starts a new epoch). */
    public boolean epochDone() {
        return cursor >= steps;
    }

    /** Starts a new epoch now (reshuffle), dropping whatever was left of the current one. */
    public void startEpoch() {
        TrainingHeuristics.shuffle(order, order.length, rnd);
        cursor = 0;
        epoch++;
    }

    /**
     * Copies the next batch of row indices into {@code out[0..batchSize)}, starting a new epoch first if the current
     * one is exhausted.
     */
    public void next(int[] out) {
        if (out.length < batch) {
            throw new IllegalArgumentException("buffer smaller than the batch: " + out.length + " < " + batch);
        }
        if (cursor >= steps) {
            startEpoch();
        }
        System.arraycopy(order, cursor * batch, out, 0, batch);
        cursor++;
    }
}
