package dev.issosynth.generator.argn.model;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.util.Parallel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * TabularARGN flat model (a table without context: no parent table, no sequences): per sub-column embeddings,
 * optional per-column compression, one regressor + predictor head per sub-column, any-order column masking (a head
 * sees exactly the columns before its own in the call's column permutation, and the earlier sub-columns of its own
 * column), a loss that sums the cross-entropies of the sub-columns, and a hand-written backward pass.
 *
 * <p>This class is the model's surface; the parts live beside it: {@link ModelShape} (widths, regressor input),
 * {@link ParameterLayout} (where each weight block lives in the ONE flat parameter array {@link #params()}, with
 * a same-sized gradient array {@link #grads()}), {@link ParameterInit}, {@link ForwardPass} (block skipping),
 * {@link BackwardPass}, {@link DropoutMasks}, {@link BatchPass} (threads), and for generation
 * {@link GenerationContext} and {@link FirstLayerTables}.
 *
 * <p><b>Dropout.</b> Inverted dropout with rate {@link #dropoutRate()} (default {@value #DEFAULT_DROPOUT}) before
 * every regressor Linear layer, only in training calls
 * ({@link #forwardBackward(int[][], int[], int[], boolean, boolean, SplittableRandom)} with {@code train = true}),
 * each drawing ONE {@code long} from the caller's random stream as its mask seed. Evaluation calls, the legacy
 * 4-argument overload and the generation path ({@link #headLogits}, {@link #headProbabilities}) never apply
 * dropout.
 *
 * <p>Buffers are preallocated for {@code maxBatch} rows; an instance serves one caller at a time, except
 * {@link GenerationContext}s, which have their own buffers and may run concurrently.
 */
public final class FlatModel {
    /** A named slice of {@link #params()} / {@link #grads()}. */
    public record Tensor(String name, int offset, int length) {
    }

    /** Default dropout rate of the regressor inputs, as in MOSTLY AI's engine. */
    public static final float DEFAULT_DROPOUT = 0.25f;

    /** Table floats above which {@link #firstLayerTables} declines (256 MB; wide100k needs 12 M). */
    static final long TABLE_BUDGET = 64L << 20;

    private final ModelSize size;
    private final Gemm gemm;
    private final int maxBatch;
    private final ModelShape shape;
    private final ParameterLayout layout;
    private final float[] params;
    private final float[] grads;
    private final DropoutMasks dropout;
    private final ForwardPass forward;
    private final BatchPass calls;

    /**
     * @param cardinalities sub-column cardinalities in table order (sub-columns of one column are contiguous)
     * @param columnOfSub   column index of each sub-column (non-decreasing, 0..nCol-1, every column non-empty)
     * @param size          preset
     * @param maxBatch      largest batch passed to {@link #forwardBackward}
     * @param seed          seed of the parameter initialisation
     * @param gemm          matrix kernel ({@link Gemms#best()} in production)
     */
    public FlatModel(int[] cardinalities, int[] columnOfSub, ModelSize size, int maxBatch, long seed, Gemm gemm) {
        this(cardinalities, columnOfSub, size, maxBatch, seed, gemm, DEFAULT_DROPOUT);
    }

    /**
     * As {@link #FlatModel(int[], int[], ModelSize, int, long, Gemm)} with an explicit regressor dropout rate in
     * [0, 1).
     */
    public FlatModel(int[] cardinalities, int[] columnOfSub, ModelSize size, int maxBatch, long seed, Gemm gemm,
            float dropoutRate) {
        float rate = DropoutMasks.checkedRate(dropoutRate);
        if (cardinalities.length == 0 || cardinalities.length != columnOfSub.length) {
            throw new IllegalArgumentException("need one column index per sub-column and at least one sub-column");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.size = size;
        this.gemm = gemm;
        this.maxBatch = maxBatch;
        shape = new ModelShape(cardinalities, columnOfSub, size);
        layout = new ParameterLayout(shape);
        params = new float[layout.size];
        grads = new float[layout.size];
        ParameterInit.initialise(shape, layout, params, new SplittableRandom(seed));
        dropout = new DropoutMasks(rate, shape.nSub, maxBatch, shape.dIn);
        forward = new ForwardPass(shape, layout, params, gemm, dropout);
        BackwardPass backward = new BackwardPass(shape, layout, params, grads, gemm, dropout, maxBatch);
        calls = new BatchPass(shape, gemm, forward, backward, dropout, maxBatch);
    }

    /**
     * The parameters a model for these encodings would have, computed from its shape alone (nothing allocated: the
     * count decides whether the model fits in memory at all).
     */
    public static long parameterCount(Encodings enc, ModelSize size) {
        int[][] subs = subColumns(enc);
        return new ParameterLayout(new ModelShape(subs[0], subs[1], size)).size;
    }

    /** Model for the sub-columns of fitted encodings. */
    public static FlatModel forEncodings(Encodings enc, ModelSize size, int maxBatch, long seed, Gemm gemm) {
        int[][] subs = subColumns(enc);
        return new FlatModel(subs[0], subs[1], size, maxBatch, seed, gemm);
    }

    /** {@code {cardinalities, columnOfSub}} of the encodings' sub-columns. */
    private static int[][] subColumns(Encodings enc) {
        List<Encodings.SubColumn> subs = enc.subColumns();
        int[] cards = new int[subs.size()];
        int[] cols = new int[subs.size()];
        for (int s = 0; s < cards.length; s++) {
            cards[s] = subs.get(s).cardinality();
            cols[s] = subs.get(s).column();
        }
        return new int[][] {cards, cols};
    }

    /**
     * Threads for the heads and row blocks of every call (null or 1 thread = the calling thread). Results are
     * bit-identical for any thread count: each head is computed by one thread, and every sum across heads or rows
     * runs in a fixed order.
     */
    public void setParallel(Parallel parallel) {
        calls.setParallel(parallel);
    }

    /**
     * Sets the predictor bias of sub-column {@code sub} to the log of the Laplace-smoothed (α=1) empirical code
     * frequencies of {@code codes} (the trainer passes the codes of its training rows). Codes outside [0, c) are
     * ignored.
     */
    public void initPredictorBias(int sub, int[] codes) {
        ParameterInit.predictorBias(shape, layout, params, sub, codes);
    }

    /**
     * Gives the embedding table of an ordered sub-column (codes {@code from..c-1} in value order, e.g. a date's
     * year as year − min, or numeric bins) a head start: dimension 0 of those codes becomes a linear ramp with the
     * spread of the random N(0, 1) entries (±√3), so neighbouring values start close and the model can use the
     * order from the first step; the other dimensions and codes stay random. Training is free to move everything.
     */
    public void initOrdinalEmbedding(int sub, int from) {
        ParameterInit.ordinalEmbedding(shape, layout, params, sub, from);
    }

    /** Regressor dropout rate used by training calls. */
    public float dropoutRate() {
        return dropout.rate();
    }

    /** Sets the regressor dropout rate, in [0, 1); 0 disables dropout (bit-identical to evaluation mode). */
    public void setDropoutRate(float rate) {
        dropout.setRate(rate);
    }

    /** Registers the parameter array with the optimizer. */
    public void registerWith(AdamW optimizer) {
        optimizer.add(params, grads);
    }

    /**
     * Loss of a batch: mean over {@code batchRows} of Σ over sub-columns of the cross-entropy (natural log) of the
     * sub-column's logits against the true code {@code codes[sub][row]}. Column {@code k} sees exactly the columns
     * before it in {@code columnPermutation} (a permutation of 0..nCol-1). With {@code computeGrads} the gradient of
     * that loss is ADDED to {@link #grads()} (the caller zeroes it, e.g. via {@link AdamW#zeroGrad()}).
     * Evaluation mode: no dropout.
     */
    public double forwardBackward(int[][] codes, int[] batchRows, int[] columnPermutation, boolean computeGrads) {
        return forwardBackward(codes, batchRows, columnPermutation, computeGrads, false, null);
    }

    /**
     * As {@link #forwardBackward(int[][], int[], int[], boolean)}; with {@code train} the regressor dropout is
     * applied (if the rate is positive) with masks derived from ONE {@code nextLong()} of {@code rng} (which may be
     * null when {@code train} is false or the rate is 0; it is then not touched). Re-seeding {@code rng} identically
     * reproduces the same masks.
     */
    public double forwardBackward(int[][] codes, int[] batchRows, int[] columnPermutation, boolean computeGrads,
            boolean train, SplittableRandom rng) {
        boolean drop = train && dropout.rate() > 0f;
        if (drop && rng == null) {
            throw new IllegalArgumentException("training with dropout needs a random stream");
        }
        long seed = drop ? rng.nextLong() : 0L;
        return calls.run(codes, batchRows, columnPermutation, computeGrads, drop, seed);
    }

    /** Test hook: a training-mode call with an explicit mask seed (same seed, same masks). */
    double forwardBackwardWithMaskSeed(int[][] codes, int[] batchRows, int[] columnPermutation,
            boolean computeGrads, long seed) {
        return calls.run(codes, batchRows, columnPermutation, computeGrads, dropout.rate() > 0f, seed);
    }

    /**
     * Test hook: the dropout scales (0 or 1/(1−p)) that a training call with mask seed {@code seed} applies to the
     * first {@code n} inputs (row-major, batch × the head's compact layer input) of layer {@code l} of head
     * {@code s}.
     */
    float[] dropoutScales(long seed, int s, int l, int n) {
        return dropout.scales(seed, s, l, n);
    }

    /**
     * Softmax probabilities of sub-column {@code sub} from the last {@link #forwardBackward} call, row-major
     * {@code batch × cardinality}, copied into a new array.
     */
    public float[] lastProbabilities(int sub) {
        return calls.lastProbabilities(sub);
    }

    /**
     * Generation path: the logits of sub-column {@code sub} for {@code count} partially generated rows
     * {@code rows[0..count)} of {@code codes}, written row-major ({@code count × cardinality(sub)}) into {@code out}.
     * Only the codes the head may see are read: those of the columns before {@code sub}'s column in
     * {@code columnPermutation} and of the earlier sub-columns of its own column (exactly the training mask);
     * all other codes may hold anything. Uses the model's own buffers (one caller at a time); concurrent
     * generation uses one {@link #newGenerationContext} per thread.
     */
    public void headLogits(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation, float[] out) {
        calls.headLogits(sub, codes, rows, count, columnPermutation, out);
    }

    /**
     * {@link #headLogits} followed by the same softmax as the training forward pass: probabilities of sub-column
     * {@code sub}, row-major {@code count × cardinality(sub)}.
     */
    public void headProbabilities(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation,
            float[] out) {
        headLogits(sub, codes, rows, count, columnPermutation, out);
        softmaxRows(out, count, shape.card[sub]);
    }

    private static void softmaxRows(float[] out, int count, int c) {
        for (int r = 0; r < count; r++) {
            int o = r * c;
            float max = out[o];
            for (int k = 1; k < c; k++) {
                max = Math.max(max, out[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(out[o + k] - max);
            }
            double logSum = Math.log(sum);
            for (int k = 0; k < c; k++) {
                out[o + k] = (float) Math.exp(out[o + k] - max - logSum);
            }
        }
    }

    /**
     * A context for generating rows in one fixed column order on one thread, with its own buffers; several contexts
     * of one model may run concurrently (they only read the parameters, which must not change meanwhile). Its
     * first layer is looked up in {@code tables} (those of {@link #firstLayerTables} for the same order, shareable
     * by contexts), or, with {@code tables} null, computed from embeddings and the gathered first-layer weights.
     */
    public GenerationContext newGenerationContext(int[] columnOrder, FirstLayerTables tables, int maxRows) {
        return new GenerationContext(shape, gemm, forward, columnOrder, tables, maxRows);
    }

    /** A context with its own {@link #firstLayerTables} for {@code columnOrder}. */
    public GenerationContext newGenerationContext(int[] columnOrder, int maxRows) {
        return newGenerationContext(columnOrder, firstLayerTables(columnOrder), maxRows);
    }

    /**
     * The first-layer lookup tables of the generation heads for one column order (read-only, shareable), or null
     * when they would exceed {@link #TABLE_BUDGET} floats: every later head has its own table of a sub-column's
     * codes, so high-cardinality columns early in the order multiply their size.
     */
    public FirstLayerTables firstLayerTables(int[] columnOrder) {
        return firstLayerTables(columnOrder, TABLE_BUDGET);
    }

    FirstLayerTables firstLayerTables(int[] columnOrder, long budget) {
        return FirstLayerTables.build(shape, layout, params, gemm, columnOrder, budget);
    }

    public float[] params() {
        return params;
    }

    public float[] grads() {
        return grads;
    }

    public List<Tensor> tensors() {
        return layout.tensors();
    }

    public ModelSize size() {
        return size;
    }

    public int subColumnCount() {
        return shape.nSub;
    }

    public int columnCount() {
        return shape.nCol;
    }

    public int cardinality(int sub) {
        return shape.card[sub];
    }

    public int embeddingDim(int sub) {
        return shape.embDim[sub];
    }

    /** Width of the (possibly compressed) embedding of column {@code c}. */
    public int columnEmbeddingDim(int c) {
        return shape.colW[c];
    }

    public boolean isCompressed(int c) {
        return shape.compressed[c];
    }

    /** Regressor input width shared by all heads. */
    public int inputWidth() {
        return shape.dIn;
    }

    /** Regressor layer widths of head {@code sub} (copy). */
    public int[] hiddenLayers(int sub) {
        return shape.hidden[sub].clone();
    }

    public int parameterCount() {
        return params.length;
    }

    public int maxBatch() {
        return maxBatch;
    }
}
