package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.ArgnTrainer.Result;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.generator.argn.train.BatchSampler;
import dev.issosynth.generator.argn.train.EarlyStopping;
import dev.issosynth.generator.argn.train.ParameterAverage;
import dev.issosynth.generator.argn.train.ReduceLrOnPlateau;
import dev.issosynth.generator.argn.train.TrainingHeuristics;
import dev.issosynth.math.Gemms;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One run of {@link ArgnTrainer}'s training on encoded rows: the set-up (seeds, split, batch size, model) and the
 * epoch loop with its optimizer, schedules, parameter average and best checkpoint. Every component has its own
 * random stream, all drawn from the run's seed up front, so a seed gives the same model.
 */
final class TrainingRun {
    private final Encodings enc;
    private final int[][] codes;
    private final ArgnSettings opt;
    private final Progress progress;
    private final ModelSize size;
    private final Parallel par;
    private final long start = System.nanoTime();
    private final long limitNanos;
    private final long valSeed;
    private final int[] valRows;
    private final int capacity;
    private final double lr;
    private final FlatModel model;
    // the steps
    private final AdamW optimizer;
    private final BatchSampler sampler;
    private final SplittableRandom permRng;
    private final SplittableRandom dropoutRng; // one draw per training step
    private final int[] rows;
    private final int[] perm;
    private final ParameterAverage average;    // null: averaging off
    // the ends of epochs
    private final float[] live;                // the live weights while the average is validated
    private final ReduceLrOnPlateau plateau;
    private final EarlyStopping stopping = new EarlyStopping();
    private float[] best;
    private double bestVal = Double.POSITIVE_INFINITY;
    // counters
    private long steps;
    private int epochs;
    private double epochLoss;
    private int epochSteps;
    private double trainLoss = Double.NaN;
    private double lastVal = Double.NaN;
    private boolean timeUp;
    private boolean stoppedEarly;
    private long trainNanos;

    /** See {@link ArgnTrainer#train(Encodings, int[][], int, ArgnSettings, long, Progress, Parallel)}. */
    static Result train(Encodings enc, int[][] codes, int nRows, ArgnSettings opt, long seed, Progress progress,
            Parallel par) {
        return new TrainingRun(enc, codes, nRows, opt, seed, progress, par).run();
    }

    private TrainingRun(Encodings enc, int[][] codes, int nRows, ArgnSettings opt, long seed, Progress progress,
            Parallel par) {
        this.enc = enc;
        this.codes = codes;
        this.opt = opt;
        this.progress = progress;
        this.par = par;
        SplittableRandom root = new SplittableRandom(seed);
        long splitSeed = root.nextLong();
        long modelSeed = root.nextLong();
        long batchSeed = root.nextLong();
        long permSeed = root.nextLong();
        valSeed = root.nextLong();
        long dropoutSeed = root.nextLong();
        int[][] split = TrainingHeuristics.trainValSplit(nRows, splitSeed);
        int[] trainRows = split[0];
        valRows = split[1].length > 0 ? split[1] : split[0]; // a single row validates on itself
        Runtime rt = Runtime.getRuntime();
        size = fittingSize(enc, opt.size(), rt.maxMemory(), progress);
        long paramCount = FlatModel.parameterCount(enc, size);
        requireMemory(paramCount, enc.subColumnCount(), rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()),
                size == ModelSize.TINY);
        int batch = batchSize(trainRows.length, paramCount);
        lr = TrainingHeuristics.learningRate(batch);
        capacity = Math.max(batch, ArgnTrainer.MIN_CAPACITY);
        model = initialModel(modelSeed, trainRows);
        optimizer = new AdamW(lr);
        model.registerWith(optimizer);
        plateau = new ReduceLrOnPlateau(lr);
        sampler = new BatchSampler(trainRows, batch, batchSeed);
        permRng = new SplittableRandom(permSeed);
        dropoutRng = new SplittableRandom(dropoutSeed);
        rows = new int[sampler.batchSize()];
        perm = ArgnTrainer.identity(enc.columnCount());
        average = opt.averageEpochs() > 0 ? new ParameterAverage(model.params(),
                Math.max(1, opt.averageEpochs() * sampler.stepsPerEpoch())) : null;
        live = average != null ? new float[model.params().length] : null;
        limitNanos = opt.maxTrainingMinutes() > 0
                ? (long) Math.min(Long.MAX_VALUE / 2.0, opt.maxTrainingMinutes() * 60e9) : Long.MAX_VALUE;
        announce(trainRows.length, split[1].length, paramCount);
    }

    /** Share of the heap (-Xmx) a model's training arrays may take when the trainer sizes the model. */
    static final double HEAP_SHARE = 0.6;

    /**
     * {@code asked}, or the largest smaller size ({@link ModelSize#TINY} last) whose training arrays fit
     * {@link #HEAP_SHARE} of the heap: a wide table trains a smaller model instead of failing (the first layers grow
     * with sub-columns × embedding widths). Decided by the heap limit, not the free memory of the moment, so the same
     * heap and seed give the same model. Says so when it steps down.
     */
    static ModelSize fittingSize(Encodings enc, ModelSize asked, long maxHeap, Progress progress) {
        List<ModelSize> order = new java.util.ArrayList<>(ModelSize.PRESETS.subList(0,
                ModelSize.PRESETS.indexOf(asked) + 1));
        java.util.Collections.reverse(order);
        order.add(ModelSize.TINY);
        long budget = (long) (maxHeap * HEAP_SHARE);
        for (ModelSize s : order) {
            long need = FlatModel.parameterCount(enc, s) * FLOATS_PER_PARAMETER * Float.BYTES;
            if (need <= budget || s == ModelSize.TINY) {
                if (s != asked && progress != null) {
                    progress.info(String.format(java.util.Locale.ROOT, "[train argn] a %s model of these %,d"
                            + " sub-columns needs %.1f GB to train, more than %.0f %% of the %.1f GB heap: training a %s"
                            + " model (%,d parameters); give Java more heap (JAVA_OPTS=-Xmx...) for the %s model",
                            label(asked), enc.subColumnCount(), FlatModel.parameterCount(enc, asked)
                            * FLOATS_PER_PARAMETER * (double) Float.BYTES / 1e9, HEAP_SHARE * 100, maxHeap / 1e9,
                            label(s), FlatModel.parameterCount(enc, s), label(asked)));
                }
                return s;
            }
        }
        return asked;
    }

    private static String label(ModelSize s) {
        return s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Floats per parameter while training: parameters, gradients, two Adam moments, the average, its live copy, the
     * best kept, and the passes' workspaces. Measured: a 1,404-sub-column Small model (107 M parameters) trains in a
     * 6 GB heap, not in 4 GB.
     */
    static final int FLOATS_PER_PARAMETER = 12;

    /**
     * Refuses, before anything large is allocated, a model whose training arrays alone exceed the free heap: an
     * out-of-memory error minutes later says less (a table of 1,000 columns makes a model of about 150 M parameters).
     */
    static void requireMemory(long parameters, int subColumns, long freeBytes, boolean smallest) {
        long need = parameters * FLOATS_PER_PARAMETER * Float.BYTES;
        if (need > freeBytes) {
            throw new dev.issosynth.io.InputException(String.format(java.util.Locale.ROOT, "argn: the model for these %,d"
                    + " sub-columns has %,d parameters and needs about %.1f GB to train, the JVM has %.1f GB free; give"
                    + " it more heap (JAVA_OPTS=-Xmx%dg ./run.sh), or use %sfewer columns", subColumns,
                    parameters, need / 1e9, freeBytes / 1e9, Math.max(2, (long) Math.ceil(need * 1.5 / (1L << 30))),
                    smallest ? "" : "--model Small or "));
        }
    }

    /** The batch size for the training rows, the model's parameters and the memory free now. */
    private int batchSize(int trainCount, long paramCount) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.min(TrainingHeuristics.batchSize(trainCount, enc.subColumnCount(), paramCount, free), trainCount);
    }

    /** The model before the first step, on the run's threads; ordered codes' embeddings, predictor biases set. */
    private FlatModel initialModel(long modelSeed, int[] trainRows) {
        FlatModel m = FlatModel.forEncodings(enc, size, capacity, modelSeed, Gemms.best());
        m.setParallel(par);
        int nSub = enc.subColumnCount();
        for (int s = 0; s < nSub; s++) {
            m.initOrdinalEmbedding(s, enc.orderedFrom(s)); // ordered codes (dates, numbers) start on a ramp
        }
        for (int s = 0; s < nSub; s++) {
            int[] sub = new int[trainRows.length];
            for (int i = 0; i < trainRows.length; i++) {
                sub[i] = codes[s][trainRows[i]];
            }
            m.initPredictorBias(s, sub);
        }
        return m;
    }

    private void announce(int trainCount, int valCount, long paramCount) {
        progress.stage("train argn");
        progress.info(String.format(Locale.ROOT,
                "[train argn] %,d training rows, %,d validation rows, %d sub-columns, %,d parameters,"
                        + " batch %d, learning rate %.5f, %d threads", trainCount, valCount,
                enc.subColumnCount(), paramCount, sampler.batchSize(), lr, par == null ? 1 : par.threads()));
    }

    private Result run() {
        while (epochs < opt.maxEpochs() && !timeUp) {
            trainEpoch();
            if (epochSteps == 0) {
                break;
            }
            epochs++;
            trainLoss = epochLoss / epochSteps;
            if (endEpoch()) {
                stoppedEarly = true;
                break;
            }
        }
        return finish();
    }

    /** The steps of one epoch, until its end or the time limit. */
    private void trainEpoch() {
        sampler.startEpoch();
        epochLoss = 0;
        epochSteps = 0;
        int stepsPerEpoch = sampler.stepsPerEpoch();
        for (int step = 0; step < stepsPerEpoch; step++) {
            if (System.nanoTime() - start > limitNanos) {
                timeUp = true;
                break;
            }
            long t0 = System.nanoTime();
            epochLoss += trainStep();
            trainNanos += System.nanoTime() - t0;
            epochSteps++;
            steps++;
            reportStep(step, stepsPerEpoch);
        }
    }

    /** One optimizer step on the next batch; returns its training loss. */
    private double trainStep() {
        sampler.next(rows);
        if (!opt.fixedOrder()) {
            // one draw decides table order vs a random order, so the stream is the same for any share
            if (permRng.nextDouble() < opt.tableOrderShare()) {
                ArgnTrainer.identityInto(perm);
            } else {
                shuffle(perm, permRng);
            }
        }
        optimizer.zeroGrad();
        double loss = model.forwardBackward(codes, rows, perm, true, true, dropoutRng);
        optimizer.step();
        if (average != null) {
            average.update(model.params(), par);
        }
        return loss;
    }

    private void reportStep(int step, int stepsPerEpoch) {
        long totalSteps = (long) opt.maxEpochs() * stepsPerEpoch;
        double frac = Math.max(steps / (double) totalSteps, (System.nanoTime() - start) / (double) limitNanos);
        progress.update(frac, String.format(Locale.ROOT,
                "epoch %d/%d step %d/%d train loss %.4f val loss %s %,.0f rows/s", epochs + 1,
                opt.maxEpochs(), step + 1, stepsPerEpoch, epochLoss / epochSteps,
                Double.isNaN(lastVal) ? "-" : String.format(Locale.ROOT, "%.4f", lastVal),
                rowsPerSecond(steps * rows.length, trainNanos)));
    }

    /**
     * After an epoch: validates the live weights (and their average), keeps the better as the best checkpoint if it
     * is, steps the learning-rate schedule; returns whether early stopping says stop.
     */
    private boolean endEpoch() {
        lastVal = validationLoss();
        double averageVal = Double.NaN;
        boolean averageWins = false;
        if (average != null) {
            // validate the averaged weights too; the better of the two is this epoch's candidate checkpoint
            System.arraycopy(model.params(), 0, live, 0, live.length);
            System.arraycopy(average.values(), 0, model.params(), 0, live.length);
            averageVal = validationLoss();
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
        progress.info(String.format(Locale.ROOT,
                "[train argn] epoch %d: train loss %.4f, val loss %.4f%s (best %.4f), lr %.5f, %,.0f rows/s",
                epochs, trainLoss, lastVal, Double.isNaN(averageVal) ? ""
                        : String.format(Locale.ROOT, ", averaged %.4f", averageVal), bestVal,
                optimizer.learningRate(), rowsPerSecond(steps * rows.length, trainNanos)));
        return stop;
    }

    /** The best checkpoint back in the model (or, without one, the validation of what there is), and the result. */
    private Result finish() {
        if (best != null) {
            System.arraycopy(best, 0, model.params(), 0, best.length);
        } else {
            // stopped before the first complete epoch: validate what we have
            bestVal = steps > 0 || Double.isNaN(lastVal) ? validationLoss() : lastVal;
        }
        model.setParallel(null);
        double rps = rowsPerSecond(steps * rows.length, trainNanos);
        progress.done(String.format(Locale.ROOT, "%d epochs, %,d steps, best val loss %.4f, %,.0f rows/s%s",
                epochs, steps, bestVal, rps, timeUp ? " (time limit)" : stoppedEarly ? " (early stop)" : ""));
        return new Result(enc, model, epochs, steps, sampler.batchSize(), lr, bestVal, trainLoss, rps,
                stoppedEarly, timeUp);
    }

    private double validationLoss() {
        return validationLoss(model, codes, valRows, capacity, enc.columnCount(), opt.fixedOrder(), valSeed);
    }

    /**
     * Mean per-row loss over the validation rows in chunks of the model capacity, without gradients. Each chunk
     * gets a column permutation from a stream re-seeded on every call, so successive epochs are comparable.
     */
    static double validationLoss(FlatModel model, int[][] codes, int[] valRows, int capacity, int nCol,
            boolean fixedOrder, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = ArgnTrainer.identity(nCol);
        double sum = 0;
        for (int from = 0; from < valRows.length; from += capacity) {
            int len = Math.min(capacity, valRows.length - from);
            int[] chunk = Arrays.copyOfRange(valRows, from, from + len);
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

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
