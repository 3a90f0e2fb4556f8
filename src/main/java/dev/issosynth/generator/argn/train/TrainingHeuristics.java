package dev.issosynth.generator.argn.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training-size heuristics as in MOSTLY AI's engine: batch size from rows, sub-columns, parameter count and free
 * memory; learning rate from the batch size; the seeded train/validation row split. (The rare-category threshold
 * lives in the encoding package.)
 */
public final class TrainingHeuristics {
    public static final int MIN_BATCH_SIZE = 8;
    public static final double DEFAULT_TRAIN_SHARE = 0.8;
    private static final long GIB = 1L << 30;

    private TrainingHeuristics() {
    }

    /**
     * Memory scale: 2 with at least 32 GiB free, 1 with at least 8 GiB, else 0.5.
     */
    public static double memoryScale(long freeMemoryBytes) {
        if (freeMemoryBytes >= 32 * GIB) {
            return 2.0;
        }
        if (freeMemoryBytes >= 8 * GIB) {
            return 1.0;
        }
        return 0.5;
    }

    /**
     * Largest batch for the model size: 2048·s for ≤100 data points (sub-columns) and ≤1 M parameters; 512·s above
     * 100 points or 1 M params; 128·s above 1,000 or 10 M; 32·s above 10,000 or 100 M; 8·s above 1 G parameters
     * (the last tier of the reference heuristic). Truncated to an int like {@code int(x·s)}.
     */
    public static int maxBatchSize(int subColumns, long params, long freeMemoryBytes) {
        double s = memoryScale(freeMemoryBytes);
        int base;
        if (params > 1_000_000_000L) {
            base = 8;
        } else if (params > 100_000_000L || subColumns > 10_000) {
            base = 32;
        } else if (params > 10_000_000L || subColumns > 1_000) {
            base = 128;
        } else if (params > 1_000_000L || subColumns > 100) {
            base = 512;
        } else {
            base = 2048;
        }
        return (int) (base * s);
    }

    /**
     * {@code clip(2^⌊log2(nTrain/64)⌋, 8, cap)} with numpy's clip semantics ({@code min(max(b, 8), cap)}, so a cap
     * below 8 wins). Fewer than 64 rows give a power below 1, i.e. the minimum 8.
     */
    public static int batchSize(int nTrainRows, int subColumns, long params, long freeMemoryBytes) {
        if (nTrainRows < 0 || subColumns < 0 || params < 0) {
            throw new IllegalArgumentException("negative size");
        }
        int cap = maxBatchSize(subColumns, params, freeMemoryBytes);
        // ⌊log2(n/64)⌋ == ⌊log2(⌊n/64⌋)⌋ for n >= 64, so the power of two is exact in integers
        int pow = nTrainRows >= 64 ? Integer.highestOneBit(nTrainRows / 64) : 0;
        int batch = Math.max(pow, MIN_BATCH_SIZE);
        return Math.min(batch, cap);
    }

    /** {@code round(0.001·√(batch/32), 5)}: 0.004 at 512, 0.001 at 32. */
    public static double learningRate(int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        double lr = 0.001 * Math.sqrt(batch / 32.0);
        return Math.rint(lr * 1e5) / 1e5;
    }

    /** {@link #trainValSplit(int, double, long)} with the default 80/20 share. */
    public static int[][] trainValSplit(int nRows, long seed) {
        return trainValSplit(nRows, DEFAULT_TRAIN_SHARE, seed);
    }

    /**
     * Seeded shuffle of {@code 0..nRows-1} split into {@code {trainRows, valRows}}, each sorted ascending. The train
     * part has {@code round(nRows·trainShare)} rows, adjusted so that both parts are non-empty when {@code nRows ≥ 2}
     * and {@code 0 < trainShare < 1}.
     */
    public static int[][] trainValSplit(int nRows, double trainShare, long seed) {
        if (nRows < 0 || !(trainShare >= 0 && trainShare <= 1)) {
            throw new IllegalArgumentException("invalid split: nRows=" + nRows + " trainShare=" + trainShare);
        }
        int[] perm = new int[nRows];
        for (int i = 0; i < nRows; i++) {
            perm[i] = i;
        }
        shuffle(perm, nRows, new SplittableRandom(seed));
        int nTrain = (int) Math.round(nRows * trainShare);
        if (nRows >= 2 && trainShare > 0 && trainShare < 1) {
            nTrain = Math.max(1, Math.min(nRows - 1, nTrain));
        }
        int[] train = Arrays.copyOfRange(perm, 0, nTrain);
        int[] val = Arrays.copyOfRange(perm, nTrain, nRows);
        Arrays.sort(train);
        Arrays.sort(val);
        return new int[][] {train, val};
    }

    /** Fisher–Yates shuffle of the first {@code n} elements. */
    static void shuffle(int[] a, int n, SplittableRandom rnd) {
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
