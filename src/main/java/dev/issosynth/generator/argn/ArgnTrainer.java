package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.train.EarlyStopping;
import dev.issosynth.generator.argn.train.ParameterAverage;
import dev.issosynth.generator.argn.train.ReduceLrOnPlateau;
import dev.issosynth.generator.argn.train.TrainingHeuristics;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.SplittableRandom;

/**
 * Trains a {@link FlatModel} on a table the way MOSTLY AI's engine trains its TabularARGN model: encode,
 * seeded 80/20 train/validation split, batch size and learning rate from {@link TrainingHeuristics}, predictor
 * biases from the training codes, ordered sub-columns' embeddings started on a ramp
 * ({@link FlatModel#initOrdinalEmbedding}), epochs of shuffled batches with one random column permutation per batch
 * (any-order training; {@code fixedOrder} uses the table order), AdamW, a validation loss after every epoch (no
 * gradients), {@link ReduceLrOnPlateau}, {@link EarlyStopping} with the best parameters kept and restored at the
 * end, and the limits {@code maxEpochs} and {@code maxTrainingMinutes} (checked every step). The loop itself is a
 * {@link TrainingRun}. Seeded: the same table, options and seed give the same model for any thread count.
 */
public final class ArgnTrainer {
    /** Smallest model batch capacity (validation chunks and generation batches use it). */
    public static final int MIN_CAPACITY = 1024;

    /** Default share of training batches in table column order (see {@link Options}). */
    public static final double DEFAULT_TABLE_ORDER_SHARE = 0.5;
    /** Default window of the parameter average in epochs (0 = off; see {@link ParameterAverage}). */
    public static final double DEFAULT_AVERAGE_EPOCHS = 4;

    /**
     * Training options. {@code maxTrainingMinutes} ≤ 0 means no time limit. {@code tableOrderShare}: the share of
     * training batches that use the table's column order (the order generation uses); the others use a random
     * column order (any-order training). 0 = the engine's flexible training, 1 (or {@code fixedOrder}) = table
     * order only.
     */
    public record Options(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
            boolean fixedOrder, double tableOrderShare, double averageEpochs) {
        public Options {
            if (!(averageEpochs >= 0) || Double.isInfinite(averageEpochs)) {
                throw new IllegalArgumentException("weight average window must be >= 0 epochs: " + averageEpochs);
            }
            if (size == null) {
                throw new IllegalArgumentException("model size required");
            }
            if (maxEpochs < 1) {
                throw new IllegalArgumentException("maxEpochs must be positive: " + maxEpochs);
            }
            if (Double.isNaN(maxTrainingMinutes)) {
                throw new IllegalArgumentException("maxTrainingMinutes is NaN");
            }
            if (!(tableOrderShare >= 0 && tableOrderShare <= 1)) {
                throw new IllegalArgumentException("table order share must be in [0, 1]: " + tableOrderShare);
            }
        }

        /** With the default weight averaging. */
        public Options(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
                boolean fixedOrder, double tableOrderShare) {
            this(size, maxEpochs, maxTrainingMinutes, valueProtection, fixedOrder, tableOrderShare,
                    DEFAULT_AVERAGE_EPOCHS);
        }

        /** With the default table-order share and weight averaging. */
        public Options(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
                boolean fixedOrder) {
            this(size, maxEpochs, maxTrainingMinutes, valueProtection, fixedOrder, DEFAULT_TABLE_ORDER_SHARE);
        }

        public static Options defaults() {
            return new Options(ModelSize.MEDIUM, 100, 10, true, false, DEFAULT_TABLE_ORDER_SHARE);
        }
    }

    /** A trained model with its encodings and what happened during training. */
    public record Result(Encodings encodings, FlatModel model, int epochs, long steps, int batchSize,
            double learningRate, double bestValLoss, double lastTrainLoss, double trainRowsPerSecond,
            boolean stoppedEarly, boolean timeLimitHit) {
    }


    private ArgnTrainer() {
    }

    /** Encodes the table and trains on all cores. */
    public static Result train(RawTable table, MissingValues na, Options opt, long seed, Progress progress) {
        try (Parallel par = new Parallel(Parallel.defaultThreads())) {
            return train(table, na, opt, seed, progress, par);
        }
    }

    /** Encodes the table and trains on the threads of {@code par} (same model for any thread count). */
    public static Result train(RawTable table, MissingValues na, Options opt, long seed, Progress progress,
            Parallel par) {
        if (table.rowCount() < 1) {
            throw new IllegalArgumentException("cannot train on an empty table");
        }
        if (table.columnCount() < 1) {
            throw new IllegalArgumentException("cannot train on a table without columns");
        }
        SplittableRandom root = new SplittableRandom(seed);
        long encSeed = root.nextLong();
        Encodings enc = Encodings.fit(table, na, opt.valueProtection(), encSeed);
        int[][] codes = enc.encode(table);
        return train(enc, codes, table.rowCount(), opt, root.nextLong(), progress, par);
    }

    /** Trains on already encoded rows {@code codes[sub][0..nRows)}, on all cores. */
    public static Result train(Encodings enc, int[][] codes, int nRows, Options opt, long seed, Progress progress) {
        try (Parallel par = new Parallel(Parallel.defaultThreads())) {
            return train(enc, codes, nRows, opt, seed, progress, par);
        }
    }

    /**
     * Trains on already encoded rows {@code codes[sub][0..nRows)} on the threads of {@code par} (the model is
     * bit-identical for any thread count). The returned model keeps no reference to {@code par}.
     */
    public static Result train(Encodings enc, int[][] codes, int nRows, Options opt, long seed, Progress progress,
            Parallel par) {
        return TrainingRun.train(enc, codes, nRows, opt, seed, progress, par);
    }

    static void identityInto(int[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        identityInto(a);
        return a;
    }
}
