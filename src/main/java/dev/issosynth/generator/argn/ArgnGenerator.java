package dev.issosynth.generator.argn;

import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.model.FirstLayerTables;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.GenerationContext;
import dev.issosynth.generator.argn.sample.TokenSampler;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowWriter;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Pipelined;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded TabularARGN pool generator: trains a flat model with {@link ArgnTrainer}, then samples rows in table
 * column order, sub-column by sub-column ({@link GenerationContext} + {@link TokenSampler}, suppressed
 * codes such as {@code _RARE_} never drawn), decodes them with {@link Encodings#decodeRow} and writes the pool
 * atomically. Training and sampling use {@link ArgnSettings#threads()} threads; the same table, options and seed give a
 * byte-identical pool for ANY thread count.
 */
public final class ArgnGenerator implements PoolGenerator {
    public static final String NAME = "argn";
    /**
     * {@link ArgnSettings#models()} value meaning auto (see {@link ArgnSettings#modelsFor}): no count a user can type, so
     * {@code --models 0} is an error, not auto.
     */
    public static final int AUTO_MODELS = -1;

    /** The rule of {@code --models}, the start of its message for a bad value (its text or its count). */
    public static final String MODELS_RULE = "--models must be auto or a whole number of at least 1";

    /** {@code --models auto} trains two models on tables up to this many cells (rows × columns), one above. */
    public static final long AUTO_TWO_MODELS_MAX_CELLS = 2_000_000;

    /** Rows generated per model batch. */
    public static final int GENERATION_BATCH = 1000;

    /** The one-line message for {@code --save-model} with more than one model. */
    public static final String SAVE_ONE_MODEL = "--save-model supports one model; use --models 1";
    private static final AtomicBoolean SCALAR_HINTED = new AtomicBoolean();

    private final ArgnSettings options;
    private final RawTable seedData;
    private final String seedSource;
    private final int candidates;
    private final java.util.List<RawTable> extraSeeds;

    public ArgnGenerator() {
        this(ArgnSettings.defaults());
    }

    public ArgnGenerator(ArgnSettings options) {
        this(options, null, null, 1, java.util.List.of());
    }

    private ArgnGenerator(ArgnSettings options, RawTable seedData, String seedSource, int candidates,
            java.util.List<RawTable> extraSeeds) {
        this.extraSeeds = java.util.List.copyOf(extraSeeds);
        this.options = options;
        this.seedData = seedData;
        this.seedSource = seedSource;
        this.candidates = candidates;
    }

    /**
     * This generator doing seeded generation: row i of every pool it writes gets seed row i's values for the
     * seed's columns (untouched) and the other columns drawn given them; the pool has as many rows as the seed.
     * {@code source} names the seed in messages.
     */
    public ArgnGenerator withSeedData(RawTable seed, String source) {
        return withSeedData(seed, source, 1);
    }

    /**
     * As {@link #withSeedData(RawTable, String)} with {@code candidates} rows per seed row, one after the other (rows
     * i·candidates … (i+1)·candidates − 1 are seeded by seed row i): a seeded run's pool to choose from.
     */
    public ArgnGenerator withSeedData(RawTable seed, String source, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1: " + candidates);
        }
        return new ArgnGenerator(options, seed, source, candidates, extraSeeds);
    }

    /**
     * This generator appending, after the rows it is asked for, one row per row of each of {@code seeds}, seeded by
     * it (e.g. rows of a value a rebalancing needs more of than the model makes on its own), drawn by the first model.
     */
    public ArgnGenerator withExtraRows(java.util.List<RawTable> seeds) {
        return new ArgnGenerator(options, seedData, seedSource, candidates, seeds);
    }

    /** Rows {@link #withExtraRows} appends. */
    public long extraRows() {
        return extraSeeds.stream().mapToLong(RawTable::rowCount).sum();
    }

    /** Samples the extra seeded rows with a trained model; {@code seed} is drawn only when there are any. */
    private void sampleExtra(Encodings enc, FlatModel model, SplittableRandom root, RowWriter w, Progress progress,
            Parallel par, String[] tokens) {
        for (RawTable t : extraSeeds) {
            progress.info(String.format(java.util.Locale.ROOT, "[generate argn] %,d more rows seeded by %s",
                    t.rowCount(), String.join(", ", t.header())));
            sample(enc, model, t.rowCount(), root.nextLong(), w, progress, par, tokens,
                    SeedRows.of(t, enc, "rebalancing", 1), 0);
        }
    }

    /** Rows per seed row in seeded generation (1 unless a seeded run asked for more). */
    public int seedCandidates() {
        return candidates;
    }

    /** The seed rows of seeded generation, or null. */
    public RawTable seedData() {
        return seedData;
    }

    private void requireSeedRows(long rows) {
        if (seedData != null && rows != (long) seedData.rowCount() * candidates) {
            throw new IllegalArgumentException("seeded generation writes " + candidates + " row(s) per seed row ("
                    + seedData.rowCount() + "), not " + rows);
        }
    }

    public ArgnSettings options() {
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
    public void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress) {
        generate(train, rows, seed, out, progress, null);
    }

    /**
     * Training rows below which argn refuses to train: its seeded 80/20 split must leave at least 2 validation rows
     * to stop on (with one row it used to write noise, accuracy 0.095, and exit 0).
     */
    public static final int MIN_TRAINING_ROWS = 10;

    /** Refuses a table too small to learn from, before any training starts. */
    public static void requireEnoughRows(int trainingRows) {
        if (trainingRows < MIN_TRAINING_ROWS) {
            throw new dev.issosynth.io.InputException("argn needs at least " + MIN_TRAINING_ROWS
                    + " training rows to learn from; the table has " + trainingRows
                    + " (use a larger table, or --generator independent)");
        }
    }

    /**
     * As {@link #generate(TrainingTable, long, long, PoolOutput, Progress)}; if {@code saveModel} is not null the
     * trained model is then written there ({@link ArgnModelFile}, atomically, only after the pool was written).
     *
     * <p>With {@link ArgnSettings#models()} = K &gt; 1, K models are trained one after the other, each with its own
     * seeds, and each samples its share of the rows into the same pool file (rows / K each, the remainder one row
     * each to the first models; a model whose share is 0 is not trained). Model 1 uses the seeds of a single-model
     * run, so K = 1 is exactly the single-model generator. Saving a model needs K = 1.
     */
    public void generate(TrainingTable training, long rows, long seed, PoolOutput out, Progress progress,
            Path saveModel) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        requireEnoughRows(training.rowCount());
        requireSeedRows(rows);
        int k = options.modelsFor(training, saveModel != null);
        if (saveModel != null && k > 1) {
            throw new IllegalArgumentException(SAVE_ONE_MODEL);
        }
        reportKernel(progress);
        SplittableRandom root = new SplittableRandom(seed);
        ArgnTrainer.Result saved = null;
        ArgnTrainer.Result first = null;
        long firstRow = 0;
        try (RowWriter w = out.open(training.header());
             Parallel par = new Parallel(options.effectiveThreads())) {
            for (int i = 0; i < k; i++) {
                long trainSeed = root.nextLong();
                long sampleSeed = root.nextLong();
                long share = share(rows, k, i);
                Progress p = k == 1 ? progress : progress.tagged((i + 1) + "/" + k);
                if (i > 0 && share == 0) {
                    progress.info("[generate argn] model " + (i + 1) + "/" + k + " not trained: no rows left");
                    continue;
                }
                ArgnTrainer.Result trained = ArgnTrainer.train(training, options, trainSeed, p, par);
                sample(trained.encodings(), trained.model(), share, sampleSeed, w, p, par,
                        missingTokens(training, training.header()), seeds(trained.encodings()), firstRow);
                firstRow += share;
                if (saveModel != null) {
                    saved = trained;
                }
                first = first == null ? trained : first;
            }
            if (first != null) {
                sampleExtra(first.encodings(), first.model(), root, w, progress, par,
                        missingTokens(training, training.header()));
            }
            w.commit();
        }
        if (saveModel != null) {
            ArgnModelFile.write(saveModel, saved.encodings(), saved.model());
            progress.info("[generate argn] model saved to " + saveModel);
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
     * {@link ArgnSettings#size()}). The same seed gives the same rows as the {@link #generate} run that saved it.
     */
    public void generateFromSaved(ArgnModelFile.Loaded m, long rows, long seed, PoolOutput out, Progress progress) {
        generateFromSaved(m, rows, seed, out, progress, null);
    }

    /**
     * As {@link #generateFromSaved(ArgnModelFile.Loaded, long, long, PoolOutput, Progress)}; with the training table
     * ({@code train} not null) missing cells are written with the column's own missing token, as {@link #generate}
     * writes them; without it they are empty.
     */
    public void generateFromSaved(ArgnModelFile.Loaded m, long rows, long seed, PoolOutput out, Progress progress,
            TrainingTable train) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        requireSeedRows(rows);
        SplittableRandom root = new SplittableRandom(seed);
        root.nextLong(); // the training seed of generate
        long sampleSeed = root.nextLong();
        String[] tokens = train == null ? null : missingTokens(train, m.header());
        SeedRows seeds = seeds(m.encodings());
        try (RowWriter w = out.open(m.header());
             Parallel par = new Parallel(options.effectiveThreads())) {
            sample(m.encodings(), m.model(), rows, sampleSeed, w, progress, par, tokens, seeds, 0);
            sampleExtra(m.encodings(), m.model(), root, w, progress, par, tokens);
            w.commit();
        }
    }

    /**
     * Per column (in {@code header} order) the missing token the training column uses most when it is not the
     * empty cell the decoders write (e.g. "?"), else null; null when no column needs one. So a pool writes missing
     * cells as its training file does.
     */
    static String[] missingTokens(TrainingTable train, String[] header) {
        String[] tokens = new String[header.length];
        boolean any = false;
        for (int c = 0; c < header.length; c++) {
            int i = train.raw().columnIndex(header[c]);
            String t = i < 0 ? null : train.na(i).commonestToken(train.raw().column(i));
            tokens[c] = t == null || t.isEmpty() ? null : t;
            any |= tokens[c] != null;
        }
        return any ? tokens : null;
    }

    /** Batches generated per thread between two writes (the writer takes them in batch order). */
    private static final int BATCHES_PER_THREAD = 2;

    /**
     * Samples {@code rows} rows from a trained model and appends them to {@code w} (the caller commits it), so several
     * models can fill one pool file. Rows are made in batches of {@link #GENERATION_BATCH}; batch i draws from its
     * own random stream (a hash of the seed and i), so the output does not depend on the thread count. Each thread
     * has its own {@link GenerationContext}; decoded batches are written in order. {@code missingTokens} (see
     * {@link #missingTokens}; null for none) replace the decoders' empty missing cells.
     */
    void sample(Encodings enc, FlatModel model, long rows, long seed, RowWriter w, Progress progress, Parallel par,
            String[] missingTokens) {
        sample(enc, model, rows, seed, w, progress, par, missingTokens, null, 0);
    }

    /** The seed rows matched to the model's columns, or null without seeded generation. */
    private SeedRows seeds(Encodings enc) {
        return seedData == null ? null : SeedRows.of(seedData, enc, seedSource, candidates);
    }

    /**
     * As {@link #sample(Encodings, FlatModel, long, long, RowWriter, Progress, Parallel, String[])}; with
     * {@code seeds} (null for none) row i is seeded by seed row {@code firstSeedRow + i}.
     */
    void sample(Encodings enc, FlatModel model, long rows, long seed, RowWriter w, Progress progress, Parallel par,
            String[] tokens, SeedRows seeds, long firstSeedRow) {
        String[] missingTokens = seeds == null ? tokens : seeds.tokensOfGenerated(tokens);
        int nSub = enc.subColumnCount();
        boolean[][] suppressed = suppressionMasks(enc);
        int threads = par.threads();
        // table column order; seeded: the given columns first
        int[] order = seeds == null ? ArgnTrainer.identity(model.columnCount()) : seeds.order();
        FirstLayerTables tables = model.firstLayerTables(order);
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(model, order, tables, nSub);
        }
        long batches = (rows + GENERATION_BATCH - 1) / GENERATION_BATCH;
        int wave = threads * BATCHES_PER_THREAD;
        String[][][] computing = new String[wave][][];
        String[][][] writing = new String[wave][][];
        progress.stage("generate argn");
        long start = System.nanoTime();
        // the writer thread writes wave k while the workers compute wave k+1 (else they would wait for the CSV)
        try (Pipelined writer = new Pipelined("issosynth-pool-writer")) {
            for (long first = 0; first < batches; first += wave) {
                int inWave = (int) Math.min(wave, batches - first);
                long firstBatch = first;
                String[][][] decoded = computing;
                par.forTasks(inWave, (worker, i) -> {
                    long batch = firstBatch + i;
                    int b = (int) Math.min(GENERATION_BATCH, rows - batch * GENERATION_BATCH);
                    decoded[i] = workers[worker].batch(enc, suppressed, b, batchSeed(seed, batch), seeds,
                            firstSeedRow + batch * GENERATION_BATCH);
                });
                writer.submit(() -> {
                    for (int i = 0; i < inWave; i++) {
                        for (String[] row : decoded[i]) {
                            if (missingTokens != null) {
                                for (int c = 0; c < row.length; c++) {
                                    if (missingTokens[c] != null && row[c].isEmpty()) {
                                        row[c] = missingTokens[c];
                                    }
                                }
                            }
                            w.write(row);
                        }
                        decoded[i] = null;
                    }
                });
                computing = writing; // the previous wave's arrays: written (submit waited for it)
                writing = decoded;
                long done = Math.min(rows, (first + inWave) * GENERATION_BATCH);
                progress.update(done / (double) rows, String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", done,
                        done * 1e9 / Math.max(1, System.nanoTime() - start)));
            }
            writer.await();
        }
        progress.done(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s, %d threads", rows,
                rows * 1e9 / Math.max(1, System.nanoTime() - start), threads));
    }

    /**
     * The sampler's suppression mask of each sub-column, indexed by code; null where no code is suppressed, which
     * spares the sampler a pass over the row.
     */
    static boolean[][] suppressionMasks(Encodings enc) {
        boolean[][] masks = new boolean[enc.subColumnCount()][];
        for (int s = 0; s < masks.length; s++) {
            int card = enc.subColumns().get(s).cardinality();
            boolean[] mask = new boolean[card];
            boolean any = false;
            for (int k = 0; k < card; k++) {
                mask[k] = enc.suppressed(s, k);
                any |= mask[k];
            }
            masks[s] = any ? mask : null;
        }
        return masks;
    }

    /** The seed of batch {@code i}: a SplitMix64-style hash of (seed, i). */
    static long batchSeed(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One thread's generation state. */
    private final class Worker {
        private final FlatModel model;
        private final GenerationContext ctx;
        private final TokenSampler sampler;
        private final int[] batchRows = ArgnTrainer.identity(GENERATION_BATCH);
        private final int[][] codes;
        private final int[] rowCodes;
        private final int[] order;

        Worker(FlatModel model, int[] order, FirstLayerTables tables, int nSub) {
            this.model = model;
            this.order = order;
            this.ctx = model.newGenerationContext(order, tables, GENERATION_BATCH);
            int maxStride = 1; // a logit row's stride is its cardinality rounded up: room for every row
            for (int s = 0; s < nSub; s++) {
                maxStride = Math.max(maxStride, ctx.logitStride(s));
            }
            this.sampler = new TokenSampler(maxStride, options.temperature(), options.topP()); // room for padding
            this.codes = new int[nSub][GENERATION_BATCH];
            this.rowCodes = new int[nSub];
        }

        /**
         * Samples and decodes {@code b} rows, columns in the worker's order, each column's sub-columns in theirs;
         * with {@code seeds}, row r takes the given columns' codes and cells of seed row {@code firstSeedRow + r}.
         */
        String[][] batch(Encodings enc, boolean[][] suppressed, int b, long seed, SeedRows seeds, long firstSeedRow) {
            SplittableRandom rng = new SplittableRandom(seed);
            ctx.startBatch();
            for (int c : order) {
                int end = c + 1 < order.length ? enc.firstSubColumn(c + 1) : codes.length;
                for (int s = enc.firstSubColumn(c); s < end; s++) {
                    if (seeds != null && seeds.given(c)) {
                        for (int r = 0; r < b; r++) {
                            codes[s][r] = seeds.code(s, firstSeedRow + r);
                        }
                        continue;
                    }
                    int card = model.cardinality(s);
                    int stride = ctx.logitStride(s);
                    float[] logits = ctx.logits(s, codes, batchRows, b);
                    for (int r = 0; r < b; r++) { // a row's padding is scratch: the sampler's vectors run over it
                        codes[s][r] = sampler.sample(logits, r * stride, card, stride, suppressed[s], null, rng);
                    }
                }
            }
            String[][] out = new String[b][];
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < codes.length; s++) {
                    rowCodes[s] = codes[s][r];
                }
                out[r] = enc.decodeRow(rowCodes, rng);
                if (seeds != null) {
                    seeds.restore(out[r], firstSeedRow + r);
                }
            }
            return out;
        }
    }
}
