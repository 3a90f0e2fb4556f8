package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.generator.argn.train.BatchSampler;
import dev.issosynth.generator.argn.train.EarlyStopping;
import dev.issosynth.generator.argn.train.ParameterAverage;
import dev.issosynth.generator.argn.train.ReduceLrOnPlateau;
import dev.issosynth.generator.argn.train.TrainingHeuristics;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a {@link FlatModel} on a table (design §4): encode, seeded 80/20 train/validation split, batch size and
 * learning rate from {@link TrainingHeuristics}, predictor biases from the training codes, ordered sub-columns'
 * embeddings started on a ramp ({@link FlatModel#initOrdinalEmbedding}), epochs of shuffled
 * batches with one random column permutation per batch (any-order training; {@code fixedOrder} uses the table
 * order), AdamW, a validation loss after every epoch (no gradients), {@link ReduceLrOnPlateau},
 * {@link EarlyStopping} with the best parameters kept and restored at the end, and the limits {@code maxEpochs} and
 * {@code maxTrainingMinutes} (checked every step). Single-threaded and seeded: the same table, options and seed give
 * the same model.
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
        long start = System.nanoTime();
        SplittableRandom root = new SplittableRandom(seed);
        long splitSeed = root.nextLong();
        long modelSeed = root.nextLong();
        long batchSeed = root.nextLong();
        long permSeed = root.nextLong();
        long valSeed = root.nextLong();
        long dropoutSeed = root.nextLong();

        int[][] split = TrainingHeuristics.trainValSplit(nRows, splitSeed);
        int[] trainRows = split[0];
        int[] valRows = split[1].length > 0 ? split[1] : split[0]; // a single row validates on itself
        int nSub = enc.subColumnCount();
        int nCol = enc.columnCount();

        long paramCount = FlatModel.forEncodings(enc, opt.size(), 1, modelSeed, Gemms.best()).parameterCount();
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        int batch = Math.min(TrainingHeuristics.batchSize(trainRows.length, nSub, paramCount, free),
                trainRows.length);
        double lr = TrainingHeuristics.learningRate(batch);
        int capacity = Math.max(batch, MIN_CAPACITY);
        FlatModel model = FlatModel.forEncodings(enc, opt.size(), capacity, modelSeed, Gemms.best());
        model.setParallel(par);

        for (int s = 0; s < nSub; s++) {
            model.initOrdinalEmbedding(s, enc.orderedFrom(s)); // ordered codes (dates, numbers) start on a ramp
        }
        for (int s = 0; s < nSub; s++) {
            int[] sub = new int[trainRows.length];
            for (int i = 0; i < trainRows.length; i++) {
                sub[i] = codes[s][trainRows[i]];
            }
            model.initPredictorBias(s, sub);
        }
        AdamW optimizer = new AdamW(lr);
        model.registerWith(optimizer);
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(lr);
        EarlyStopping stopping = new EarlyStopping();
        BatchSampler sampler = new BatchSampler(trainRows, batch, batchSeed);
        SplittableRandom permRng = new SplittableRandom(permSeed);
        SplittableRandom dropoutRng = new SplittableRandom(dropoutSeed); // one draw per training step
        int stepsPerEpoch = sampler.stepsPerEpoch();
        int[] rows = new int[sampler.batchSize()];
        int[] perm = identity(nCol);
        float[] best = null;
        double bestVal = Double.POSITIVE_INFINITY;
        ParameterAverage average = opt.averageEpochs() > 0
                ? new ParameterAverage(model.params(), Math.max(1, opt.averageEpochs() * stepsPerEpoch)) : null;
        float[] live = average != null ? new float[model.params().length] : null;
        long limitNanos = opt.maxTrainingMinutes() > 0
                ? (long) Math.min(Long.MAX_VALUE / 2.0, opt.maxTrainingMinutes() * 60e9) : Long.MAX_VALUE;
        long totalSteps = (long) opt.maxEpochs() * stepsPerEpoch;

        if (progress != null) {
            progress.stage("train argn");
            progress.info(String.format(Locale.ROOT,
                    "[train argn] %,d training rows, %,d validation rows, %d sub-columns, %,d parameters,"
                            + " batch %d, learning rate %.5f, %d threads", trainRows.length, split[1].length, nSub,
                    paramCount, sampler.batchSize(), lr, par == null ? 1 : par.threads()));
        }
        long steps = 0;
        int epochs = 0;
        double trainLoss = Double.NaN;
        double lastVal = Double.NaN;
        boolean timeUp = false;
        boolean stoppedEarly = false;
        long trainNanos = 0;
        while (epochs < opt.maxEpochs() && !timeUp) {
            sampler.startEpoch();
            double epochLoss = 0;
            int epochSteps = 0;
            for (int step = 0; step < stepsPerEpoch; step++) {
                if (System.nanoTime() - start > limitNanos) {
                    timeUp = true;
                    break;
                }
                long t0 = System.nanoTime();
                sampler.next(rows);
                if (!opt.fixedOrder()) {
                    // one draw decides table order vs a random order, so the stream is the same for any share
                    if (permRng.nextDouble() < opt.tableOrderShare()) {
                        identityInto(perm);
                    } else {
                        shuffle(perm, permRng);
                    }
                }
                optimizer.zeroGrad();
                epochLoss += model.forwardBackward(codes, rows, perm, true, true, dropoutRng);
                optimizer.step();
                if (average != null) {
                    average.update(model.params(), par);
                }
                trainNanos += System.nanoTime() - t0;
                epochSteps++;
                steps++;
                if (progress != null) {
                    double frac = Math.max(steps / (double) totalSteps,
                            (System.nanoTime() - start) / (double) limitNanos);
                    progress.update(frac, String.format(Locale.ROOT,
                            "epoch %d/%d step %d/%d train loss %.4f val loss %s %,.0f rows/s", epochs + 1,
                            opt.maxEpochs(), step + 1, stepsPerEpoch, epochLoss / epochSteps,
                            Double.isNaN(lastVal) ? "-" : String.format(Locale.ROOT, "%.4f", lastVal),
                            rowsPerSecond(steps * rows.length, trainNanos)));
                }
            }
            if (epochSteps == 0) {
                break;
            }
            epochs++;
            trainLoss = epochLoss / epochSteps;
            lastVal = validationLoss(model, codes, valRows, capacity, nCol, opt.fixedOrder(), valSeed);
            double averageVal = Double.NaN;
            boolean averageWins = false;
            if (average != null) {
                // validate the averaged weights too; the better of the two is this epoch's candidate checkpoint
                System.arraycopy(model.params(), 0, live, 0, live.length);
                System.arraycopy(average.values(), 0, model.params(), 0, live.length);
                averageVal = validationLoss(model, codes, valRows, capacity, nCol, opt.fixedOrder(), valSeed);
                averageWins = averageVal < lastVal;
                if (!averageWins) {
                    System.arraycopy(live, 0, model.params(), 0, live.length);
                }
            }
            double epochVal = averageWins ? averageVal : lastVal;
            boolean stop = stopping.step(epochVal);
            if (stopping.isLatestBest()) {
                bestVal = epochVal;
                best = best == null ? model.params().clone() : copyInto(model.params(), best);
            }
            if (averageWins) {
                System.arraycopy(live, 0, model.params(), 0, live.length); // training goes on from the live weights
            }
            optimizer.setLearningRate(plateau.step(epochVal));
            if (progress != null) {
                progress.info(String.format(Locale.ROOT,
                        "[train argn] epoch %d: train loss %.4f, val loss %.4f%s (best %.4f), lr %.5f, %,.0f rows/s",
                        epochs, trainLoss, lastVal, Double.isNaN(averageVal) ? ""
                                : String.format(Locale.ROOT, ", averaged %.4f", averageVal), bestVal,
                        optimizer.learningRate(), rowsPerSecond(steps * rows.length, trainNanos)));
            }
            if (stop) {
                stoppedEarly = true;
                break;
            }
        }
        if (best != null) {
            System.arraycopy(best, 0, model.params(), 0, best.length);
        } else {
            // stopped before the first complete epoch: validate what we have
            bestVal = steps > 0 || Double.isNaN(lastVal)
                    ? validationLoss(model, codes, valRows, capacity, nCol, opt.fixedOrder(), valSeed) : lastVal;
        }
        model.setParallel(null);
        double rps = rowsPerSecond(steps * rows.length, trainNanos);
        if (progress != null) {
            progress.done(String.format(Locale.ROOT, "%d epochs, %,d steps, best val loss %.4f, %,.0f rows/s%s",
                    epochs, steps, bestVal, rps, timeUp ? " (time limit)" : stoppedEarly ? " (early stop)" : ""));
        }
        return new Result(enc, model, epochs, steps, sampler.batchSize(), lr, bestVal, trainLoss, rps,
                stoppedEarly, timeUp);
    }

    /**
     * Mean per-row loss over the validation rows in chunks of the model capacity, without gradients. Each chunk
     * gets a column permutation from a stream re-seeded on every call, so successive epochs are comparable.
     */
    static double validationLoss(FlatModel model, int[][] codes, int[] valRows, int capacity, int nCol,
            boolean fixedOrder, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = identity(nCol);
        double sum = 0;
        for (int from = 0; from < valRows.length; from += capacity) {
            int len = Math.min(capacity, valRows.length - from);
            int[] chunk = java.util.Arrays.copyOfRange(valRows, from, from + len);
            if (!fixedOrder) {
                shuffle(perm, rng);
            }
            sum += model.forwardBackward(codes, chunk, perm, false, false, null) * len; // dropout off
        }
        return sum / valRows.length;
    }

    private static float[] copyInto(float[] src, float[] dst) {
        System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }

    private static double rowsPerSecond(long rows, long nanos) {
        return nanos > 0 ? rows * 1e9 / nanos : 0;
    }

    private static void identityInto(int[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        identityInto(a);
        return a;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
