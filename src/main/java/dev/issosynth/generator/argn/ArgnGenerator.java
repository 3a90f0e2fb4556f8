package dev.issosynth.generator.argn;

import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.sample.TokenSampler;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowWriter;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded TabularARGN pool generator: trains a flat model with {@link ArgnTrainer}, then samples rows in table
 * column order, sub-column by sub-column ({@link FlatModel#headLogits} + {@link TokenSampler}, suppressed codes such
 * as {@code _RARE_} never drawn), decodes them with {@link Encodings#decodeRow} and writes the pool atomically.
 * Single-threaded and seeded: the same table, options and seed give a byte-identical pool.
 */
public final class ArgnGenerator implements PoolGenerator {
    public static final String NAME = "argn";
    /** Rows generated per model batch. */
    public static final int GENERATION_BATCH = 1000;

    /**
     * Generator options; {@link #defaults()} are the CLI defaults. {@code models} independent models are trained
     * (each with the full training budget) and the pool is split evenly among them.
     */
    public record Options(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
            double temperature, double topP, boolean fixedOrder, int models) {
        public Options {
            new TokenSampler(1, temperature, topP); // validates temperature and top-p
            if (models < 1) {
                throw new IllegalArgumentException("models must be at least 1: " + models);
            }
        }

        /** One model. */
        public Options(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
                double temperature, double topP, boolean fixedOrder) {
            this(size, maxEpochs, maxTrainingMinutes, valueProtection, temperature, topP, fixedOrder, 1);
        }

        public static Options defaults() {
            return new Options(ModelSize.MEDIUM, 100, 10, true, 1.0, 1.0, false, 1);
        }

        ArgnTrainer.Options training() {
            return new ArgnTrainer.Options(size, maxEpochs, maxTrainingMinutes, valueProtection, fixedOrder);
        }
    }

    /** The one-line message for {@code --save-model} with more than one model. */
    public static final String SAVE_ONE_MODEL = "--save-model supports one model; use --models 1";
    private static final AtomicBoolean SCALAR_HINTED = new AtomicBoolean();

    private final Options options;

    public ArgnGenerator() {
        this(Options.defaults());
    }

    public ArgnGenerator(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reportsOwnStages() {
        return true;
    }

    @Override
    public void generate(RawTable train, MissingValues na, long rows, long seed, Path out, Progress progress) {
        generate(train, na, rows, seed, out, progress, null);
    }

    /**
     * As {@link #generate(RawTable, MissingValues, long, long, Path, Progress)}; if {@code saveModel} is not null the
     * trained model is then written there ({@link ArgnModelFile}, atomically, only after the pool was written).
     *
     * <p>With {@link Options#models()} = K &gt; 1, K models are trained one after the other, each with its own
     * seeds, and each samples its share of the rows into the same pool file (rows / K each, the remainder one row
     * each to the first models; a model whose share is 0 is not trained). Model 1 uses the seeds of a single-model
     * run, so K = 1 is exactly the single-model generator. Saving a model needs K = 1.
     */
    public void generate(RawTable train, MissingValues na, long rows, long seed, Path out, Progress progress,
            Path saveModel) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        int k = options.models();
        if (saveModel != null && k > 1) {
            throw new IllegalArgumentException(SAVE_ONE_MODEL);
        }
        if (progress != null) {
            reportKernel(progress);
        }
        SplittableRandom root = new SplittableRandom(seed);
        ArgnTrainer.Result saved = null;
        try (RowWriter w = CsvWriter.open(out, train.header())) {
            for (int i = 0; i < k; i++) {
                long trainSeed = root.nextLong();
                long sampleSeed = root.nextLong();
                long share = share(rows, k, i);
                Progress p = k == 1 || progress == null ? progress : progress.tagged((i + 1) + "/" + k);
                if (i > 0 && share == 0) {
                    if (progress != null) {
                        progress.info("[generate argn] model " + (i + 1) + "/" + k + " not trained: no rows left");
                    }
                    continue;
                }
                ArgnTrainer.Result trained = ArgnTrainer.train(train, na, options.training(), trainSeed, p);
                sample(trained.encodings(), trained.model(), share, sampleSeed, w, p);
                if (saveModel != null) {
                    saved = trained;
                }
            }
            w.commit();
        }
        if (saveModel != null) {
            ArgnModelFile.write(saveModel, saved.encodings(), saved.model(), train.header());
            if (progress != null) {
                progress.info("[generate argn] model saved to " + saveModel);
            }
        }
    }

    /** Rows of model {@code i} of {@code k}: as even as possible, the remainder one each to the first models. */
    static long share(long rows, int k, int i) {
        return rows / k + (i < rows % k ? 1 : 0);
    }

    /** The GEMM kernel in use, and once per JVM a hint when it is the slow scalar one. */
    static void reportKernel(Progress progress) {
        reportKernel(progress, Gemms.best().name(), SCALAR_HINTED);
    }

    static void reportKernel(Progress progress, String kernel, AtomicBoolean hinted) {
        progress.info("[train argn] GEMM kernel: " + kernel);
        if ("scalar".equals(kernel) && !hinted.getAndSet(true)) {
            progress.info("[train argn] hint: training is about 8x faster with the Vector API kernel: start the JVM with"
                    + " --add-modules jdk.incubator.vector (./run.sh does, unless ISSOSYNTH_VECTOR=0 or the JDK lacks"
                    + " the module)");
        }
    }

    /**
     * Samples from a model saved with {@link ArgnModelFile} (no training; the saved model size wins over
     * {@link Options#size()}). The same seed gives the same rows as the {@link #generate} run that saved it.
     */
    public void generateFromSaved(ArgnModelFile.Loaded m, long rows, long seed, Path out, Progress progress) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        SplittableRandom root = new SplittableRandom(seed);
        root.nextLong(); // the training seed of generate
        long sampleSeed = root.nextLong();
        sample(m.encodings(), m.model(), m.header(), rows, sampleSeed, out, progress);
    }

    /** Samples {@code rows} rows from a trained model into {@code out} (atomic). */
    public void sample(Encodings enc, FlatModel model, String[] header, long rows, long seed, Path out,
            Progress progress) {
        try (RowWriter w = CsvWriter.open(out, header)) {
            sample(enc, model, rows, seed, w, progress);
            w.commit();
        }
    }

    /**
     * Samples {@code rows} rows from a trained model and appends them to {@code w} (the caller commits it), so several
     * models can fill one pool file.
     */
    public void sample(Encodings enc, FlatModel model, long rows, long seed, RowWriter w, Progress progress) {
        int nSub = enc.subColumnCount();
        int batch = Math.min(GENERATION_BATCH, model.maxBatch());
        int maxCard = 1;
        boolean[][] suppressed = new boolean[nSub][];
        for (int s = 0; s < nSub; s++) {
            int card = model.cardinality(s);
            maxCard = Math.max(maxCard, card);
            suppressed[s] = new boolean[card];
            for (int k = 0; k < card; k++) {
                suppressed[s][k] = enc.suppressed(s, k);
            }
        }
        TokenSampler sampler = new TokenSampler(maxCard, options.temperature(), options.topP());
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = ArgnTrainer.identity(model.columnCount()); // table column order
        int[] batchRows = ArgnTrainer.identity(batch);
        int[][] codes = new int[nSub][batch];
        float[] logits = new float[batch * maxCard];
        int[] rowCodes = new int[nSub];
        if (progress != null) {
            progress.stage("generate argn");
        }
        long start = System.nanoTime();
        { // the caller owns (opens and commits) the writer
            for (long done = 0; done < rows; ) {
                int b = (int) Math.min(batch, rows - done);
                for (int s = 0; s < nSub; s++) {
                    int card = model.cardinality(s);
                    model.headLogits(s, codes, batchRows, b, perm, logits);
                    for (int r = 0; r < b; r++) {
                        codes[s][r] = sampler.sample(logits, r * card, card, suppressed[s], null, rng);
                    }
                }
                for (int r = 0; r < b; r++) {
                    for (int s = 0; s < nSub; s++) {
                        rowCodes[s] = codes[s][r];
                    }
                    w.write(enc.decodeRow(rowCodes, rng));
                }
                done += b;
                if (progress != null) {
                    progress.update(done / (double) rows, String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", done,
                            done * 1e9 / Math.max(1, System.nanoTime() - start)));
                }
            }
        }
        if (progress != null) {
            progress.done(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", rows,
                    rows * 1e9 / Math.max(1, System.nanoTime() - start)));
        }
    }
}
