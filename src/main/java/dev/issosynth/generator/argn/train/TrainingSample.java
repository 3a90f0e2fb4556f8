package dev.issosynth.generator.argn.train;

import java.util.SplittableRandom;

/**
 * The rows argn trains on when a table is bigger than its time budget can cover (MOSTLY AI's max_sample_size idea):
 * a seeded sample, so an epoch stays short enough for early stopping, the learning-rate schedule and the weight
 * average to work, and the encoded training data stays small.
 *
 * <p>Auto size: the rows the time budget covers in {@link #TARGET_EPOCHS} epochs at a reference throughput of
 * {@link #SUB_COLUMN_ROWS_PER_SECOND} (sub-columns x rows per second, the Medium model on 2 cores: a 15-column census
 * table trains at 70,000 to 80,000 rows a second). It depends only on the table's shape and the options, never on
 * a measured speed, so the same seed gives the same sample on any machine. On a 15-column table with the default
 * 10 minutes that is 4,000,000 rows. Without a time budget every row is used.
 */
public final class TrainingSample {
    /** Epochs the auto sample is sized for. */
    public static final int TARGET_EPOCHS = 10;
    /** Reference training throughput, sub-columns x rows a second. */
    public static final double SUB_COLUMN_ROWS_PER_SECOND = 1.0e6;

    private TrainingSample() {
    }

    /**
     * Rows to train on: {@code maxRows} if set (above 0), else the auto size; never more than {@code rows}.
     *
     * @param maxTrainingMinutes the time budget, 0 = none
     */
    public static int size(int rows, int subColumns, double maxTrainingMinutes, long maxRows) {
        long cap = maxRows > 0 ? maxRows : autoSize(subColumns, maxTrainingMinutes);
        return (int) Math.min(rows, cap);
    }

    /** The auto size (see the class comment); {@link Long#MAX_VALUE} without a time budget. */
    public static long autoSize(int subColumns, double maxTrainingMinutes) {
        if (maxTrainingMinutes <= 0) {
            return Long.MAX_VALUE;
        }
        double visits = maxTrainingMinutes * 60 * SUB_COLUMN_ROWS_PER_SECOND / Math.max(1, subColumns);
        return Math.max(1, (long) (visits / TARGET_EPOCHS));
    }

    /** A seeded sample of {@code size} of the rows {@code 0..rows-1}, ascending (partial Fisher-Yates). */
    public static int[] rows(int rows, int size, long seed) {
        if (size < 0 || size > rows) {
            throw new IllegalArgumentException("sample of " + size + " from " + rows + " rows");
        }
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(rows - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(perm, size);
        java.util.Arrays.sort(out);
        return out;
    }
}
