package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.train.EarlyStopping;
import dev.issosynth.generator.argn.train.ReduceLrOnPlateau;
import dev.issosynth.generator.argn.train.TrainingHeuristics;
import dev.issosynth.generator.argn.train.TrainingSample;
import dev.issosynth.schema.TrainingTable;
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
 *
 * <p>The knobs come from {@link ArgnSettings}, checked there once: the trainer reads {@code size},
 * {@code maxEpochs}, {@code maxTrainingMinutes}, {@code valueProtection}, {@code fixedOrder}, {@code tableOrderShare}
 * and {@code averageEpochs} ({@code threads} only where it makes its own {@link Parallel}); the sampling knobs and
 * {@code models} are the generator's.
 */
public final class ArgnTrainer {
    /** Smallest model batch capacity (validation chunks and generation batches use it). */
    public static final int MIN_CAPACITY = 1024;
    /** Mixed into the seed for the training sample. */
    private static final long SAMPLE_SEED = 0x7A3C_51E9_D2B4_8F06L;

    /** A trained model with its encodings and what happened during training. */
    public record Result(Encodings encodings, FlatModel model, int epochs, long steps, int batchSize,
            double learningRate, double bestValLoss, double lastTrainLoss, double trainRowsPerSecond,
            boolean stoppedEarly, boolean timeLimitHit) {
    }

    private ArgnTrainer() {
    }

    /** Encodes the table and trains on {@link ArgnSettings#threads()} threads. */
    public static Result train(TrainingTable table, ArgnSettings opt, long seed, Progress progress) {
        try (Parallel par = new Parallel(opt.effectiveThreads())) {
            return train(table, opt, seed, progress, par);
        }
    }

    /** Encodes the table and trains on the threads of {@code par} (same model for any thread count). */
    public static Result train(TrainingTable table, ArgnSettings opt, long seed, Progress progress, Parallel par) {
        if (table.rowCount() < 1) {
            throw new IllegalArgumentException("cannot train on an empty table");
        }
        if (table.columnCount() < 1) {
            throw new IllegalArgumentException("cannot train on a table without columns");
        }
        SplittableRandom root = new SplittableRandom(seed);
        long encSeed = root.nextLong();
        Encodings enc = Encodings.fit(table, opt.valueProtection(), opt.rareCategories(), encSeed);
        long trainSeed = root.nextLong();
        // the encodings see every row (categories, quantiles); the model a seeded sample of a table too big for its
        // time budget (own seed stream, so a table that is not sampled trains as before)
        int n = TrainingSample.size(table.rowCount(), enc.subColumnCount(), opt.maxTrainingMinutes(),
                opt.maxTrainingRows());
        dev.issosynth.io.RawTable rows = table.raw();
        if (n < table.rowCount()) {
            rows = rows.selectRows(TrainingSample.rows(table.rowCount(), n, seed ^ SAMPLE_SEED));
            progress.info(String.format(java.util.Locale.ROOT, "[train argn] a seeded sample of %,d of the %,d rows "
                    + "(--max-training-rows %s)", n, table.rowCount(), opt.maxTrainingRows() > 0
                    ? String.valueOf(opt.maxTrainingRows()) : "auto: what the time budget covers in "
                    + TrainingSample.TARGET_EPOCHS + " epochs"));
        }
        int[][] codes = enc.encode(rows);
        return train(enc, codes, n, opt, trainSeed, progress, par);
    }

    /** Trains on already encoded rows {@code codes[sub][0..nRows)}, on {@link ArgnSettings#threads()} threads. */
    public static Result train(Encodings enc, int[][] codes, int nRows, ArgnSettings opt, long seed, Progress progress) {
        try (Parallel par = new Parallel(opt.effectiveThreads())) {
            return train(enc, codes, nRows, opt, seed, progress, par);
        }
    }

    /**
     * Trains on already encoded rows {@code codes[sub][0..nRows)} on the threads of {@code par} (the model is
     * bit-identical for any thread count). The returned model keeps no reference to {@code par}.
     */
    public static Result train(Encodings enc, int[][] codes, int nRows, ArgnSettings opt, long seed, Progress progress,
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
