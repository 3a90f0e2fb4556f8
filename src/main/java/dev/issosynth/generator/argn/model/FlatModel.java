package dev.issosynth.generator.argn.model;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TabularARGN flat model (design doc §3, no context): per sub-column embeddings, optional per-column compression,
 * one regressor + predictor head per sub-column, any-order column masking, summed cross-entropy loss (§4) and a
 * hand-written backward pass.
 *
 * <p><b>Parameter layout.</b> All parameters live in ONE flat {@code float[]} ({@link #params()}) with a same-sized
 * gradient array ({@link #grads()}); {@link #tensors()} lists the named slices. A Linear layer with {@code in} inputs
 * and {@code out} outputs stores its weight row-major as {@code in×out} (so {@code Y = X·W}) followed by a separate
 * bias slice of length {@code out}. An embedding table of a sub-column of cardinality c and width d is {@code c×d}.
 *
 * <p><b>Regressor input.</b> Every head has the same input width {@code D_in = Σ column-embedding widths + max over
 * columns of (Σ embedding widths of all but the column's last sub-column)}. Rows {@code [colPos(k), colPos(k)+w_k)} of
 * a head's first-layer weight meet column k's embedding, which the head sees only if k comes strictly before the
 * head's column in the batch's column permutation; the tail rows {@code [Σw, Σw + intra)} meet the raw embeddings of
 * the earlier sub-columns of the head's own column (fixed order).
 *
 * <p><b>Block skipping.</b> A call lays the column embeddings out in permutation order ({@code xp}), so the columns a
 * head sees are a prefix of that buffer. Each head gathers the weight rows of its visible blocks into the same order
 * and multiplies only {@code [xp prefix | own earlier sub-columns]}: on average half of the dense work under random
 * orders. Hidden blocks are never read, which is exactly multiplying them by zero.
 *
 * <p><b>Threads.</b> With {@link #setParallel} the heads of a call run in parallel (forward, loss and weight
 * gradients of a head on one thread, into the head's own gradient slices); the input gradients are then summed
 * over the heads in index order per block of rows, and compression/embedding gradients per column. No sum depends
 * on the thread count, so results are bit-identical for 1 or many threads.
 *
 * <p><b>Dropout.</b> Inverted dropout with rate {@link #dropoutRate()} (default {@value #DEFAULT_DROPOUT}) before EVERY
 * regressor Linear layer (not the predictor), only in training calls
 * ({@link #forwardBackward(int[][], int[], int[], boolean, boolean, SplittableRandom)} with {@code train = true}):
 * each input element is zeroed with probability p, kept ones are scaled by 1/(1−p). Masks are independent per head
 * and per layer. Each training call draws ONE {@code long} from the caller's random stream; the mask element
 * {@code i} of head {@code s}, layer {@code l} is a pure function (SplitMix64 hash) of that seed and {@code (s, l, i)},
 * so the backward pass regenerates exactly the forward masks without storing them, and results are deterministic
 * for a seed regardless of evaluation order. Evaluation calls, the legacy 4-argument overload and the generation
 * path ({@link #headLogits}, {@link #headProbabilities}) never apply dropout.
 *
 * <p>Buffers are preallocated for {@code maxBatch} rows; an instance serves one caller at a time, except
 * {@link GenerationContext}s, which have their own buffers and may run concurrently.
 */
public final class FlatModel {
    /** A named slice of {@link #params()} / {@link #grads()}. */
    public record Tensor(String name, int offset, int length) {
    }

    /** Default dropout rate of the regressor inputs (design doc §3/§4). */
    public static final float DEFAULT_DROPOUT = 0.25f;

    private final ModelSize size;
    private final Gemm gemm;
    private float dropoutRate;
    // the dropout mask seed of the current training call (the active flag is passed along as a parameter)
    private long maskSeed;
    private final int maxBatch;

    // structure
    private final int nSub;
    private final int nCol;
    private final int[] card;
    private final int[] colOf;
    private final int[] colFirst;
    private final int[] colCount;
    private final int[] embDim;
    private final int[] subEmbPos;
    private final int eWidth;
    private final int[] colW;
    private final int[] colPos;
    private final int cWidth;
    private final boolean[] compressed;
    private final int dIn;
    private final int[][] hidden;

    // parameter offsets
    private final int[] embOff;
    private final int[] compWOff;
    private final int[] compBOff;
    private final int[][] layerWOff;
    private final int[][] layerBOff;
    private final int[] predWOff;
    private final int[] predBOff;
    private final float[] params;
    private final float[] grads;
    private final List<Tensor> tensors;

    // derived structure for the compute
    private final int[] intraW;     // width of the own column's earlier sub-column embeddings seen by head s
    private final int[] h0;         // first regressor layer width of head s
    private final int[] dPreOff;    // offset of head s's first-layer pre-activation gradient in dPre
    private final int[] wcOff;      // offset of head s's gathered first-layer weights in wc
    private final int[] taskOrder;  // heads, most expensive first (dynamic scheduling balances better)
    private final int maxLayers;
    private final int[] maxHidden;  // per layer index, max width over heads
    private final int maxCard;

    // training-call state (see the class comment)
    private Parallel par;
    private final Pass pass;        // buffers of forwardBackward and headLogits
    private final float[] dE;
    private final float[] dXp;
    private final double[] headLoss;
    private final float[] dPre;
    private Workspace[] workspaces;
    private int lastBatch;
    private final int keepWordsPerHead; // layer-0 dropout keep bits of one head: maxBatch × dIn bits
    private long[] keepBits;            // allocated on the first training call with dropout

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
        setDropoutRate(dropoutRate);
        if (cardinalities.length == 0 || cardinalities.length != columnOfSub.length) {
            throw new IllegalArgumentException("need one column index per sub-column and at least one sub-column");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.size = size;
        this.gemm = gemm;
        this.maxBatch = maxBatch;
        this.nSub = cardinalities.length;
        this.card = cardinalities.clone();
        this.colOf = columnOfSub.clone();
        if (colOf[0] != 0) {
            throw new IllegalArgumentException("first sub-column must belong to column 0");
        }
        for (int s = 0; s < nSub; s++) {
            if (card[s] < 1) {
                throw new IllegalArgumentException("cardinality of sub-column " + s + " is " + card[s]);
            }
            if (s > 0 && colOf[s] != colOf[s - 1] && colOf[s] != colOf[s - 1] + 1) {
                throw new IllegalArgumentException("column indices must be contiguous and non-decreasing");
            }
        }
        this.nCol = colOf[nSub - 1] + 1;
        colFirst = new int[nCol];
        colCount = new int[nCol];
        for (int s = nSub - 1; s >= 0; s--) {
            colFirst[colOf[s]] = s;
            colCount[colOf[s]]++;
        }

        embDim = new int[nSub];
        subEmbPos = new int[nSub];
        int ew = 0;
        for (int s = 0; s < nSub; s++) {
            embDim[s] = size.subColumnEmbeddingDim(card[s]);
            subEmbPos[s] = ew;
            ew += embDim[s];
        }
        eWidth = ew;

        colW = new int[nCol];
        colPos = new int[nCol];
        compressed = new boolean[nCol];
        int cw = 0;
        int intra = 0;
        for (int c = 0; c < nCol; c++) {
            int concat = concatWidth(c);
            compressed[c] = ModelSize.compresses(nSub, colCount[c]);
            colW[c] = compressed[c] ? size.compressedColumnDim(colCount[c]) : concat;
            colPos[c] = cw;
            cw += colW[c];
            intra = Math.max(intra, concat - embDim[colFirst[c] + colCount[c] - 1]);
        }
        cWidth = cw;
        dIn = cWidth + intra;

        hidden = new int[nSub][];
        for (int s = 0; s < nSub; s++) {
            hidden[s] = size.regressorLayers(card[s], dIn);
        }

        // ---- parameter layout
        tensors = new ArrayList<>();
        int[] cursor = {0};
        embOff = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            embOff[s] = alloc(cursor, "emb[" + s + "]", card[s] * embDim[s]);
        }
        compWOff = new int[nCol];
        compBOff = new int[nCol];
        for (int c = 0; c < nCol; c++) {
            if (compressed[c]) {
                compWOff[c] = alloc(cursor, "compress[" + c + "].W", concatWidth(c) * colW[c]);
                compBOff[c] = alloc(cursor, "compress[" + c + "].b", colW[c]);
            } else {
                compWOff[c] = -1;
                compBOff[c] = -1;
            }
        }
        layerWOff = new int[nSub][];
        layerBOff = new int[nSub][];
        predWOff = new int[nSub];
        predBOff = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            int nl = hidden[s].length;
            layerWOff[s] = new int[nl];
            layerBOff[s] = new int[nl];
            int in = dIn;
            for (int l = 0; l < nl; l++) {
                layerWOff[s][l] = alloc(cursor, "regressor[" + s + "][" + l + "].W", in * hidden[s][l]);
                layerBOff[s][l] = alloc(cursor, "regressor[" + s + "][" + l + "].b", hidden[s][l]);
                in = hidden[s][l];
            }
            predWOff[s] = alloc(cursor, "predictor[" + s + "].W", in * card[s]);
            predBOff[s] = alloc(cursor, "predictor[" + s + "].b", card[s]);
        }
        params = new float[cursor[0]];
        grads = new float[cursor[0]];
        initialise(new SplittableRandom(seed));

        // ---- derived structure and buffers
        intraW = new int[nSub];
        h0 = new int[nSub];
        dPreOff = new int[nSub];
        wcOff = new int[nSub];
        int layers = 0;
        int mc = 1;
        long dPreSize = 0;
        long wcSize = 0;
        for (int s = 0; s < nSub; s++) {
            intraW[s] = subEmbPos[s] - subEmbPos[colFirst[colOf[s]]];
            h0[s] = hidden[s][0];
            dPreOff[s] = Math.toIntExact(dPreSize);
            wcOff[s] = Math.toIntExact(wcSize);
            dPreSize += (long) maxBatch * h0[s];
            wcSize += (long) dIn * h0[s];
            layers = Math.max(layers, hidden[s].length);
            mc = Math.max(mc, card[s]);
        }
        maxLayers = layers;
        maxCard = mc;
        maxHidden = new int[maxLayers];
        for (int s = 0; s < nSub; s++) {
            for (int l = 0; l < hidden[s].length; l++) {
                maxHidden[l] = Math.max(maxHidden[l], hidden[s][l]);
            }
        }
        Integer[] order = new Integer[nSub];
        for (int s = 0; s < nSub; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(headCost(y), headCost(x)));
        taskOrder = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            taskOrder[s] = order[s];
        }
        pass = new Pass(maxBatch, false, true);
        dE = new float[maxBatch * eWidth];
        dXp = new float[maxBatch * cWidth];
        headLoss = new double[nSub];
        dPre = new float[Math.toIntExact(dPreSize)];
        workspaces = new Workspace[] {new Workspace(maxBatch)};
        keepWordsPerHead = Math.toIntExact(((long) maxBatch * dIn + 63) >>> 6);
    }

    /** Relative cost of one head (regressor weights it multiplies), for the task order. */
    private long headCost(int s) {
        long cost = (long) dIn * hidden[s][0];
        for (int l = 1; l < hidden[s].length; l++) {
            cost += (long) hidden[s][l - 1] * hidden[s][l];
        }
        return cost + (long) hidden[s][hidden[s].length - 1] * card[s];
    }

    /**
     * Per-worker scratch: the compact input of a head, its activations, gradients and gathered weights. One per
     * thread; heads run one at a time on a workspace.
     */
    private final class Workspace {
        final float[] xin;
        final float[][] act = new float[maxLayers][];
        final float[] dA;
        final float[] dB;
        final float[] dwc;
        final float[] tmp;

        Workspace(int rows) {
            xin = new float[rows * dIn];
            int w = maxCard;
            for (int l = 0; l < maxLayers; l++) {
                act[l] = new float[rows * maxHidden[l]];
                w = Math.max(w, maxHidden[l]);
            }
            boolean training = rows == maxBatch;
            dA = training ? new float[rows * w] : null;
            dB = training ? new float[rows * w] : null;
            dwc = training ? new float[dIn * maxHidden[0]] : null;
            tmp = training ? new float[GRAD_ROW_BLOCK * dIn] : null;
        }
    }

    /**
     * The views of one forward pass: sub-column embeddings {@code e}, column embeddings {@code xp} in permutation
     * order, the permutation ({@code perm}, {@code rank}, {@code permPos} = start of each column in xp, which is also
     * the visible input width of that column's heads), the gathered first-layer weights {@code wc} (for head s at
     * {@code wcOff[s]}: the rows its visible inputs meet, in xp order, then its intra-column rows) and the head
     * outputs {@code out[s]} (logits, or probabilities after a training forward) with row stride {@code ldOut[s]}:
     * the cardinality, or in a generation pass the GEMM's padded stride (the predictor product then stores whole
     * vectors; the padding columns hold scratch). A generation pass with {@link FirstLayerTables} has no e, xp and
     * wc: its first layer is looked up.
     */
    private final class Pass {
        final float[] e;
        final float[] xp;
        final float[] wc;
        final float[][] out;
        final int[] ldOut = new int[nSub];
        final int[] perm = new int[nCol];
        final int[] rank = new int[nCol];
        final int[] permPos = new int[nCol];

        Pass(int rows, boolean generation, boolean embeddings) {
            e = embeddings ? new float[rows * eWidth] : null;
            xp = embeddings ? new float[rows * cWidth] : null;
            wc = embeddings ? new float[Math.toIntExact(wcTotal())] : null;
            out = new float[nSub][];
            for (int s = 0; s < nSub; s++) {
                ldOut[s] = generation ? gemm.paddedStride(card[s]) : card[s];
                out[s] = new float[rows * ldOut[s]];
            }
        }

        void setPermutation(int[] order) {
            System.arraycopy(ranks(order), 0, rank, 0, nCol);
            int pos = 0;
            for (int i = 0; i < nCol; i++) {
                int c = order[i];
                perm[i] = c;
                permPos[c] = pos;
                pos += colW[c];
            }
        }
    }

    /** The position of each column in {@code order}, which must be a permutation of the columns. */
    private int[] ranks(int[] order) {
        if (order.length != nCol) {
            throw new IllegalArgumentException("permutation of " + order.length + " columns, model has " + nCol);
        }
        int[] rank = new int[nCol];
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < nCol; i++) {
            int c = order[i];
            if (c < 0 || c >= nCol || rank[c] >= 0) {
                throw new IllegalArgumentException("not a permutation of 0.." + (nCol - 1));
            }
            rank[c] = i;
        }
        return rank;
    }

    private long wcTotal() {
        long n = 0;
        for (int s = 0; s < nSub; s++) {
            n += (long) dIn * h0[s];
        }
        return n;
    }

    /** Rows per task of the input-gradient pass (fixed: results do not depend on the thread count). */
    private static final int GRAD_ROW_BLOCK = 64;

    /**
     * Threads for the heads and row blocks of every call (null or 1 thread = the calling thread). Results are
     * bit-identical for any thread count: each head is computed by one thread, and every sum across heads or rows
     * runs in a fixed order.
     */
    public void setParallel(Parallel parallel) {
        this.par = parallel;
        int n = parallel == null ? 1 : parallel.threads();
        if (workspaces.length < n) {
            Workspace[] grown = java.util.Arrays.copyOf(workspaces, n);
            for (int w = workspaces.length; w < n; w++) {
                grown[w] = new Workspace(maxBatch);
            }
            workspaces = grown;
        }
    }

    /** Model for the sub-columns of fitted encodings. */
    public static FlatModel forEncodings(Encodings enc, ModelSize size, int maxBatch, long seed, Gemm gemm) {
        List<Encodings.SubColumn> subs = enc.subColumns();
        int[] cards = new int[subs.size()];
        int[] cols = new int[subs.size()];
        for (int s = 0; s < cards.length; s++) {
            cards[s] = subs.get(s).cardinality();
            cols[s] = subs.get(s).column();
        }
        return new FlatModel(cards, cols, size, maxBatch, seed, gemm);
    }

    private int concatWidth(int c) {
        int w = 0;
        for (int s = colFirst[c]; s < colFirst[c] + colCount[c]; s++) {
            w += embDim[s];
        }
        return w;
    }

    private int alloc(int[] cursor, String name, int length) {
        int off = cursor[0];
        tensors.add(new Tensor(name, off, length));
        cursor[0] = Math.addExact(off, length);
        return off;
    }

    private void initialise(SplittableRandom rng) {
        for (int s = 0; s < nSub; s++) {
            for (int i = 0; i < card[s] * embDim[s]; i++) {
                params[embOff[s] + i] = (float) gaussian(rng);
            }
        }
        for (int c = 0; c < nCol; c++) {
            if (compressed[c]) {
                int in = concatWidth(c);
                uniform(rng, compWOff[c], in * colW[c], 1.0 / Math.sqrt(in));
                uniform(rng, compBOff[c], colW[c], 1.0 / Math.sqrt(in));
            }
        }
        for (int s = 0; s < nSub; s++) {
            int in = dIn;
            for (int l = 0; l < hidden[s].length; l++) {
                uniform(rng, layerWOff[s][l], in * hidden[s][l], 1.0 / Math.sqrt(in));
                uniform(rng, layerBOff[s][l], hidden[s][l], 1.0 / Math.sqrt(in));
                in = hidden[s][l];
            }
            uniform(rng, predWOff[s], in * card[s], Math.sqrt(6.0 / (in + card[s])));
            // predictor bias: uniform log-frequencies until initPredictorBias is called
            java.util.Arrays.fill(params, predBOff[s], predBOff[s] + card[s], (float) -Math.log(card[s]));
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u1;
        do {
            u1 = rng.nextDouble();
        } while (u1 <= 0);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private void uniform(SplittableRandom rng, int off, int len, double bound) {
        for (int i = 0; i < len; i++) {
            params[off + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    /**
     * Sets the predictor bias of sub-column {@code sub} to the log of the Laplace-smoothed (α=1) empirical code
     * frequencies of {@code codes} (the caller passes the codes of the first training partition, NaN rows already
     * excluded where the design requires it). Codes outside [0, c) are ignored.
     */
    public void initPredictorBias(int sub, int[] codes) {
        int c = card[sub];
        long[] counts = new long[c];
        long n = 0;
        for (int code : codes) {
            if (code >= 0 && code < c) {
                counts[code]++;
                n++;
            }
        }
        for (int k = 0; k < c; k++) {
            params[predBOff[sub] + k] = (float) Math.log((counts[k] + 1.0) / (n + c));
        }
    }

    /**
     * Gives the embedding table of an ordered sub-column (codes {@code from..c-1} in value order, e.g. a date's
     * year as year − min, or numeric bins) a head start: dimension 0 of those codes becomes a linear ramp with the
     * spread of the random N(0, 1) entries (±√3), so neighbouring values start close and the model can use the
     * order from the first step; the other dimensions and codes stay random. Training is free to move everything.
     */
    public void initOrdinalEmbedding(int sub, int from) {
        int c = card[sub];
        if (from < 0 || c - from < 3) {
            return;
        }
        double half = Math.sqrt(3);
        for (int k = from; k < c; k++) {
            params[embOff[sub] + k * embDim[sub]] = (float) (half * (2.0 * (k - from) / (c - 1 - from) - 1));
        }
    }

    /** Regressor dropout rate used by training calls. */
    public float dropoutRate() {
        return dropoutRate;
    }

    /** Sets the regressor dropout rate, in [0, 1); 0 disables dropout (bit-identical to evaluation mode). */
    public void setDropoutRate(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.dropoutRate = rate;
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
        boolean drop = train && dropoutRate > 0f;
        if (drop && rng == null) {
            throw new IllegalArgumentException("training with dropout needs a random stream");
        }
        long seed = drop ? rng.nextLong() : 0L;
        return run(codes, batchRows, columnPermutation, computeGrads, drop, seed);
    }

    /** Test hook: a training-mode call with an explicit mask seed (same seed, same masks). */
    double forwardBackwardWithMaskSeed(int[][] codes, int[] batchRows, int[] columnPermutation,
            boolean computeGrads, long seed) {
        return run(codes, batchRows, columnPermutation, computeGrads, dropoutRate > 0f, seed);
    }

    private double run(int[][] codes, int[] batchRows, int[] columnPermutation, boolean computeGrads, boolean drop,
            long seed) {
        int b = batchRows.length;
        if (b < 1 || b > maxBatch) {
            throw new IllegalArgumentException("batch size " + b + " outside 1.." + maxBatch);
        }
        if (codes.length != nSub) {
            throw new IllegalArgumentException("expected codes for " + nSub + " sub-columns, got " + codes.length);
        }
        for (int s = 0; s < nSub; s++) {
            for (int r = 0; r < b; r++) {
                checkedCode(codes, s, batchRows[r]);
            }
        }
        Pass ps = pass;
        ps.setPermutation(columnPermutation);
        lastBatch = b;
        maskSeed = seed;
        if (drop && keepBits == null) { // before the heads run in parallel
            keepBits = new long[Math.toIntExact((long) nSub * keepWordsPerHead)];
        }
        forEach(nCol, (w, c) -> embedColumn(ps, c, codes, batchRows, b));
        forEach(nSub, (w, t) -> {
            int s = taskOrder[t];
            gatherFirstLayer(ps, s);
            headLoss[s] = headForward(ps, s, workspaces[w], b, codes, batchRows, true, drop, computeGrads);
            if (computeGrads) {
                headBackward(ps, s, workspaces[w], b, codes, batchRows, drop);
            }
        });
        double loss = 0;
        for (int s = 0; s < nSub; s++) {
            loss += headLoss[s];
        }
        if (computeGrads) {
            backwardShared(ps, codes, batchRows, b, drop);
        }
        return loss / b;
    }

    private void forEach(int tasks, Parallel.WorkerTaskBody body) {
        if (par == null) {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
        } else {
            par.forTasks(tasks, body);
        }
    }

    /** Embeds sub-columns {@code [colFirst[c], end)} of rows {@code rows[0..b)} into {@code ps.e}. */
    private void embedSubColumns(Pass ps, int c, int end, int[][] codes, int[] rows, int b) {
        for (int s = colFirst[c]; s < end; s++) {
            for (int r = 0; r < b; r++) {
                int code = checkedCode(codes, s, rows[r]);
                System.arraycopy(params, embOff[s] + code * embDim[s], ps.e, r * eWidth + subEmbPos[s], embDim[s]);
            }
        }
    }

    /** Fills the embeddings of column {@code c}: its sub-columns in e, its column embedding at its xp position. */
    private void embedColumn(Pass ps, int c, int[][] codes, int[] rows, int b) {
        embedSubColumns(ps, c, colFirst[c] + colCount[c], codes, rows, b);
        int ePos = subEmbPos[colFirst[c]];
        int at = ps.permPos[c];
        if (compressed[c]) {
            fillBias(ps.xp, at, cWidth, b, colW[c], compBOff[c]);
            gemm.multiply(b, colW[c], concatWidth(c), ps.e, ePos, eWidth, false, params, compWOff[c], colW[c], false,
                    ps.xp, at, cWidth, 1f);
        } else {
            for (int r = 0; r < b; r++) {
                System.arraycopy(ps.e, r * eWidth + ePos, ps.xp, r * cWidth + at, colW[c]);
            }
        }
    }

    /**
     * Copies the first-layer weight rows of head {@code s} that its visible inputs meet into
     * {@code ps.wc[wcOff[s]..]}: the row block of each column before the head's column in the permutation, at that
     * column's xp position, then the rows of the own column's earlier sub-columns. Rows of a block are contiguous
     * in the row-major weight, so each block is one copy.
     */
    private void gatherFirstLayer(Pass ps, int s) {
        int own = colOf[s];
        int h = h0[s];
        int w0 = layerWOff[s][0];
        int dst = wcOff[s];
        for (int i = 0; i < ps.rank[own]; i++) {
            int c = ps.perm[i];
            System.arraycopy(params, w0 + colPos[c] * h, ps.wc, dst + ps.permPos[c] * h, colW[c] * h);
        }
        System.arraycopy(params, w0 + cWidth * h, ps.wc, dst + ps.permPos[own] * h, intraW[s] * h);
    }

    /**
     * Forward pass of head {@code s} on workspace {@code ws}, block skipping: the compact input is the xp prefix of
     * the columns before the head's column plus the own column's earlier sub-columns (dropout applied), multiplied
     * by the gathered weights; then the further layers, ReLU and predictor. Logits land in {@code ps.out[s]}; with
     * {@code softmax} they become probabilities and the summed cross-entropy of the batch is returned.
     */
    private double headForward(Pass ps, int s, Workspace ws, int b, int[][] codes, int[] rows, boolean softmax,
            boolean drop, boolean keepInput) {
        int own = colOf[s];
        int vis = ps.permPos[own];
        int intra = intraW[s];
        int in = vis + intra;
        float[] x = ws.xin;
        int xOff = 0;
        int ldx = in;
        if (intra == 0 && !drop && !keepInput) {
            x = ps.xp; // the input is the xp prefix itself: multiply in place (same sums, no copy)
            ldx = cWidth;
        } else {
            int intraPos = subEmbPos[colFirst[own]];
            for (int r = 0; r < b; r++) {
                System.arraycopy(ps.xp, r * cWidth, x, r * in, vis);
                System.arraycopy(ps.e, r * eWidth + intraPos, x, r * in + vis, intra);
            }
        }
        if (drop) {
            // layer-0 masks are kept for the input-gradient pass (bits, one word per 64 elements)
            int off = s * keepWordsPerHead;
            fillKeepWords(s, 0, keepBits, off, (b * in + 63) >>> 6);
            applyKeepBits(x, 0, keepBits, off, 0, b * in);
        }
        int h = h0[s];
        float[] y0 = ws.act[0];
        fillBias(y0, 0, h, b, h, layerBOff[s][0]); // products are added to the bias (no separate pass)
        gemm.multiply(b, h, in, x, xOff, ldx, false, ps.wc, wcOff[s], h, false, y0, 0, h, 1f);
        upperLayers(ps, s, ws, b, drop);
        if (!softmax) {
            return 0;
        }
        int c = card[s];
        float[] p = ps.out[s];
        double loss = 0;
        for (int r = 0; r < b; r++) {
            int o = r * c;
            float max = p[o];
            for (int k = 1; k < c; k++) {
                max = Math.max(max, p[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(p[o + k] - max);
            }
            double logSum = Math.log(sum);
            loss -= p[o + codes[s][rows[r]]] - max - logSum;
            for (int k = 0; k < c; k++) {
                p[o + k] = (float) Math.exp(p[o + k] - max - logSum);
            }
        }
        return loss;
    }

    /**
     * The rest of head {@code s}'s forward pass from its first-layer pre-activation in {@code ws.act[0]}: further
     * layers, ReLU and the predictor's logits into {@code ps.out[s]} (row stride {@code ps.ldOut[s]}).
     */
    private void upperLayers(Pass ps, int s, Workspace ws, int b, boolean drop) {
        float[] x = ws.act[0];
        int in = h0[s];
        for (int l = 1; l < hidden[s].length; l++) {
            int out = hidden[s][l];
            float[] y = ws.act[l];
            fillBias(y, 0, out, b, out, layerBOff[s][l]);
            if (drop) {
                applyMask(s, l, x, 0, 0, b * in); // in place: the stored activation becomes the dropped-out input
            }
            gemm.multiply(b, out, in, x, 0, in, false, params, layerWOff[s][l], out, false, y, 0, out, 1f);
            x = y;
            in = out;
        }
        for (int i = 0; i < b * in; i++) {
            x[i] = Math.max(x[i], 0f); // ReLU without a branch (half the units are negative)
        }
        int c = card[s];
        float[] p = ps.out[s];
        int ldp = ps.ldOut[s];
        fillBias(p, 0, ldp, b, c, predBOff[s]);
        if (ldp == c) {
            gemm.multiply(b, c, in, x, 0, in, false, params, predWOff[s], c, false, p, 0, c, 1f);
        } else {
            gemm.multiplyPadded(b, c, in, x, 0, in, params, predWOff[s], c, p, 0, ldp);
        }
    }

    /**
     * Backward pass of head {@code s} right after its {@link #headForward} on the same workspace: predictor and
     * regressor weight gradients (the head's own tensors, so heads never write the same gradient) and the gradient
     * of its first layer's output, kept in {@link #dPre} for {@link #backwardShared}.
     */
    private void headBackward(Pass ps, int s, Workspace ws, int b, int[][] codes, int[] rows, boolean drop) {
        int c = card[s];
        int nl = hidden[s].length;
        float invB = 1f / b;
        float[] dy = ws.dA;
        float[] p = ps.out[s];
        for (int r = 0; r < b; r++) {
            int o = r * c;
            for (int k = 0; k < c; k++) {
                dy[o + k] = p[o + k] * invB;
            }
            dy[o + codes[s][rows[r]]] -= invB;
        }
        float[] hAct = ws.act[nl - 1];
        int hw = hidden[s][nl - 1];
        gemm.multiply(hw, c, b, hAct, 0, hw, true, dy, 0, c, false, grads, predWOff[s], c, 1f);
        colSum(dy, b, c, predBOff[s]);
        float[] dh = ws.dB;
        gemm.multiply(b, hw, c, dy, 0, c, false, params, predWOff[s], c, true, dh, 0, hw, 0f);
        for (int i = 0; i < b * hw; i++) {
            dh[i] = hAct[i] > 0f ? dh[i] : 0f;
        }
        for (int l = nl - 1; l >= 1; l--) {
            int out = hidden[s][l];
            int in = hidden[s][l - 1];
            float[] x = ws.act[l - 1]; // already dropped out in the forward pass
            gemm.multiply(in, out, b, x, 0, in, true, dh, 0, out, false, grads, layerWOff[s][l], out, 1f);
            colSum(dh, b, out, layerBOff[s][l]);
            float[] dx = dh == ws.dA ? ws.dB : ws.dA;
            gemm.multiply(b, in, out, dh, 0, out, false, params, layerWOff[s][l], out, true, dx, 0, in, 0f);
            if (drop) {
                applyMask(s, l, dx, 0, 0, b * in); // gradient through the same mask and scale
            }
            dh = dx;
        }
        // first layer: weight gradient on the compact input, added back to the head's weight rows
        int own = colOf[s];
        int vis = ps.permPos[own];
        int intra = intraW[s];
        int in = vis + intra;
        int h = h0[s];
        System.arraycopy(dh, 0, dPre, dPreOff[s], b * h);
        colSum(dh, b, h, layerBOff[s][0]);
        float[] dw = ws.dwc;
        gemm.multiply(in, h, b, ws.xin, 0, in, true, dh, 0, h, false, dw, 0, h, 0f);
        int w0 = layerWOff[s][0];
        for (int i = 0; i < ps.rank[own]; i++) {
            int col = ps.perm[i];
            addTo(grads, w0 + colPos[col] * h, dw, ps.permPos[col] * h, colW[col] * h);
        }
        addTo(grads, w0 + cWidth * h, dw, vis * h, intra * h);
    }

    private static void addTo(float[] dst, int dOff, float[] src, int sOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }

    /**
     * The gradient below the heads: the input gradients of all heads summed into {@link #dXp}/{@link #dE} (row
     * blocks in parallel, heads in index order within a row, so the sums do not depend on the threads), then column
     * compression and embedding-table gradients (columns and sub-columns in parallel; each owns its slices).
     */
    private void backwardShared(Pass ps, int[][] codes, int[] rows, int b, boolean drop) {
        forEach(Parallel.blockCount(b, GRAD_ROW_BLOCK), (w, blk) -> {
            int r0 = blk * GRAD_ROW_BLOCK;
            inputGradRows(ps, workspaces[w], r0, Math.min(b, r0 + GRAD_ROW_BLOCK), drop);
        });
        forEach(nCol, (w, c) -> compressionBackward(ps, c, b));
        forEach(nSub, (w, s) -> {
            for (int r = 0; r < b; r++) {
                addTo(grads, embOff[s] + codes[s][rows[r]] * embDim[s], dE, r * eWidth + subEmbPos[s], embDim[s]);
            }
        });
    }

    /** dXp and dE of rows {@code [r0, r1)}: Σ over heads of dPre · (gathered weights)ᵀ, through the dropout mask. */
    private void inputGradRows(Pass ps, Workspace ws, int r0, int r1, boolean drop) {
        int rows = r1 - r0;
        java.util.Arrays.fill(dXp, r0 * cWidth, r1 * cWidth, 0f);
        java.util.Arrays.fill(dE, r0 * eWidth, r1 * eWidth, 0f);
        float[] t = ws.tmp;
        for (int s = 0; s < nSub; s++) {
            int own = colOf[s];
            int vis = ps.permPos[own];
            int intra = intraW[s];
            int in = vis + intra;
            if (in == 0) {
                continue;
            }
            int h = h0[s];
            gemm.multiply(rows, in, h, dPre, dPreOff[s] + r0 * h, h, false, ps.wc, wcOff[s], h, true, t, 0, in, 0f);
            if (drop) {
                applyKeepBits(t, 0, keepBits, s * keepWordsPerHead, r0 * in, rows * in);
            }
            int intraPos = subEmbPos[colFirst[own]];
            for (int r = 0; r < rows; r++) {
                addTo(dXp, (r0 + r) * cWidth, t, r * in, vis);
                addTo(dE, (r0 + r) * eWidth + intraPos, t, r * in + vis, intra);
            }
        }
    }

    /** Compression-layer gradients of column {@code c} and its share of dE (its own sub-column slots only). */
    private void compressionBackward(Pass ps, int c, int b) {
        int ePos = subEmbPos[colFirst[c]];
        int at = ps.permPos[c];
        if (compressed[c]) {
            int in = concatWidth(c);
            gemm.multiply(in, colW[c], b, ps.e, ePos, eWidth, true, dXp, at, cWidth, false,
                    grads, compWOff[c], colW[c], 1f);
            for (int r = 0; r < b; r++) {
                addTo(grads, compBOff[c], dXp, r * cWidth + at, colW[c]);
            }
            gemm.multiply(b, in, colW[c], dXp, at, cWidth, false, params, compWOff[c], colW[c], true,
                    dE, ePos, eWidth, 1f);
        } else {
            for (int r = 0; r < b; r++) {
                addTo(dE, r * eWidth + ePos, dXp, r * cWidth + at, colW[c]);
            }
        }
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
        checkHeadArgs(sub, codes, rows, count, maxBatch);
        Pass ps = pass;
        ps.setPermutation(columnPermutation);
        int own = colOf[sub];
        for (int i = 0; i < ps.rank[own]; i++) {
            embedColumn(ps, ps.perm[i], codes, rows, count);
        }
        embedSubColumns(ps, own, sub, codes, rows, count);
        gatherFirstLayer(ps, sub);
        headForward(ps, sub, workspaces[0], count, codes, rows, false, false, false);
        System.arraycopy(ps.out[sub], 0, out, 0, count * card[sub]);
    }

    private void checkHeadArgs(int sub, int[][] codes, int[] rows, int count, int capacity) {
        if (sub < 0 || sub >= nSub) {
            throw new IllegalArgumentException("sub-column " + sub + " outside 0.." + (nSub - 1));
        }
        if (count < 1 || count > capacity || count > rows.length) {
            throw new IllegalArgumentException("batch size " + count + " outside 1.." + capacity);
        }
        if (codes.length != nSub) {
            throw new IllegalArgumentException("expected codes for " + nSub + " sub-columns, got " + codes.length);
        }
    }

    /**
     * {@link #headLogits} followed by the same softmax as the training forward pass: probabilities of sub-column
     * {@code sub}, row-major {@code count × cardinality(sub)}.
     */
    public void headProbabilities(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation,
            float[] out) {
        headLogits(sub, codes, rows, count, columnPermutation, out);
        softmaxRows(out, count, card[sub]);
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
        return new GenerationContext(columnOrder, tables, maxRows);
    }

    /** A context with its own {@link #firstLayerTables} for {@code columnOrder}. */
    public GenerationContext newGenerationContext(int[] columnOrder, int maxRows) {
        return newGenerationContext(columnOrder, firstLayerTables(columnOrder), maxRows);
    }

    /** Table floats above which {@link #firstLayerTables} declines (256 MB; wide100k needs 12 M). */
    static final long TABLE_BUDGET = 64L << 20;

    /**
     * The first-layer lookup tables of the generation heads for one column order (read-only, shareable), or null
     * when they would exceed {@link #TABLE_BUDGET} floats: every later head has its own table of a sub-column's
     * codes, so high-cardinality columns early in the order multiply their size.
     */
    public FirstLayerTables firstLayerTables(int[] columnOrder) {
        return firstLayerTables(columnOrder, TABLE_BUDGET);
    }

    FirstLayerTables firstLayerTables(int[] columnOrder, long budget) {
        int[] rank = ranks(columnOrder);
        long size = 0;
        for (int s = 0; s < nSub; s++) {
            for (int k : visibleSubColumns(s, columnOrder, rank[colOf[s]])) {
                size += (long) card[k] * h0[s];
            }
        }
        return size > budget ? null : new FirstLayerTables(columnOrder);
    }

    /**
     * The sub-columns head {@code s} sees when its column is at {@code pos} of {@code perm}: those of the columns
     * before it, then its own column's earlier sub-columns (the order the tables are summed in).
     */
    private int[] visibleSubColumns(int s, int[] perm, int pos) {
        java.util.List<Integer> subs = new java.util.ArrayList<>();
        for (int i = 0; i < pos; i++) {
            int c = perm[i];
            for (int k = colFirst[c]; k < colFirst[c] + colCount[c]; k++) {
                subs.add(k);
            }
        }
        for (int k = colFirst[colOf[s]]; k < s; k++) {
            subs.add(k);
        }
        return subs.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The first regressor layer of every head as table lookups, for one column order. A head's input is the
     * concatenation of embeddings of codes (through a linear compression for compressed columns), so its product
     * with the first-layer weights is a sum with one term per visible sub-column that depends on that
     * sub-column's code only: row {@code code} of (embedding rows × the weight rows they meet). The tables hold
     * those rows for every code, plus one constant row per head (bias, and the compressions' biases times their
     * weight rows). A generated row's first layer is then a few additions of h0-wide rows instead of a product
     * {@code dIn} deep (about eight times fewer operations on wide100k, 49 MB of tables). The additions run in
     * another order than the GEMM's, so logits differ from {@link #headLogits} in the last bits.
     */
    public final class FirstLayerTables {
        private final int[] order;
        private final int[][] visible = new int[nSub][]; // head s: the sub-columns it sees, in summation order
        private final float[][] table = new float[nSub][]; // head s: visible sub-column k's card × h0 rows, in turn
        private final float[][] constant = new float[nSub][];

        private FirstLayerTables(int[] columnOrder) {
            int[] rank = ranks(columnOrder);
            order = columnOrder.clone();
            float[][] compressedEmb = new float[nSub][]; // a compressed column's sub-column: embedding × its rows
            for (int k = 0; k < nSub; k++) {
                int c = colOf[k];
                if (compressed[c]) {
                    compressedEmb[k] = new float[card[k] * colW[c]];
                    int rowsOfK = compWOff[c] + (subEmbPos[k] - subEmbPos[colFirst[c]]) * colW[c];
                    gemm.multiply(card[k], colW[c], embDim[k], params, embOff[k], embDim[k], false, params, rowsOfK,
                            colW[c], false, compressedEmb[k], 0, colW[c], 0f);
                }
            }
            for (int s = 0; s < nSub; s++) {
                build(s, columnOrder, rank[colOf[s]], compressedEmb);
            }
        }

        /** Head s's tables; its column is at {@code pos} in {@code perm}, so it sees the columns before that. */
        private void build(int s, int[] perm, int pos, float[][] compressedEmb) {
            int own = colOf[s];
            int h = h0[s];
            int w0 = layerWOff[s][0];
            int[] subs = visibleSubColumns(s, perm, pos);
            float[] k0 = java.util.Arrays.copyOfRange(params, layerBOff[s][0], layerBOff[s][0] + h);
            for (int i = 0; i < pos; i++) {
                int c = perm[i];
                if (compressed[c]) {
                    gemm.multiply(1, h, colW[c], params, compBOff[c], colW[c], false, params, w0 + colPos[c] * h, h,
                            false, k0, 0, h, 1f);
                }
            }
            long size = 0;
            for (int k : subs) {
                size += (long) card[k] * h;
            }
            float[] t = new float[Math.toIntExact(size)];
            int off = 0;
            for (int k : subs) {
                int c = colOf[k];
                if (compressed[c] && c != own) { // the compressed embedding meets all of its column's rows
                    gemm.multiply(card[k], h, colW[c], compressedEmb[k], 0, colW[c], false, params, w0 + colPos[c] * h,
                            h, false, t, off, h, 0f);
                } else { // the raw embedding meets its own rows: in its column's block, or after cWidth if intra
                    int row = (c == own ? cWidth : colPos[c]) + subEmbPos[k] - subEmbPos[colFirst[c]];
                    gemm.multiply(card[k], h, embDim[k], params, embOff[k], embDim[k], false, params, w0 + row * h, h,
                            false, t, off, h, 0f);
                }
                off += card[k] * h;
            }
            visible[s] = subs;
            table[s] = t;
            constant[s] = k0;
        }

        /**
         * Head s's first-layer pre-activation of rows {@code rows[0..b)} into {@code y} (b × h0, row-major);
         * {@code rowOff} is scratch for b × (visible sub-columns) table offsets.
         */
        private void firstLayer(int s, int[][] codes, int[] rows, int b, float[] y, int[] rowOff) {
            int h = h0[s];
            int[] subs = visible[s];
            int n = subs.length;
            int off = 0;
            for (int i = 0; i < n; i++) {
                int k = subs[i];
                for (int r = 0; r < b; r++) {
                    rowOff[r * n + i] = off + checkedCode(codes, k, rows[r]) * h;
                }
                off += card[k] * h;
            }
            gemm.sumRows(table[s], rowOff, n, constant[s], y, b, h);
        }
    }

    /** See {@link #newGenerationContext}. */
    public final class GenerationContext {
        private final FirstLayerTables tables;
        private final Pass ps;
        private final Workspace ws;
        private final int capacity;
        private final int[] rowOff;       // with tables: their row offsets of a head's batch
        private final boolean[] embedded; // without: the columns embedded in this batch

        private GenerationContext(int[] columnOrder, FirstLayerTables tables, int maxRows) {
            if (maxRows < 1) {
                throw new IllegalArgumentException("maxRows must be positive");
            }
            if (tables != null && !java.util.Arrays.equals(tables.order, columnOrder)) {
                throw new IllegalArgumentException("the tables were made for another column order");
            }
            this.tables = tables;
            capacity = maxRows;
            ps = new Pass(maxRows, true, tables == null);
            ps.setPermutation(columnOrder);
            ws = new Workspace(maxRows);
            if (tables != null) {
                rowOff = new int[Math.multiplyExact(maxRows, nSub)]; // a head sees fewer than nSub sub-columns
                embedded = null;
            } else {
                rowOff = null;
                embedded = new boolean[nCol];
                for (int s = 0; s < nSub; s++) {
                    gatherFirstLayer(ps, s);
                }
            }
        }

        /** Starts a batch: forgets the embeddings of the previous one. */
        public void startBatch() {
            if (embedded != null) {
                java.util.Arrays.fill(embedded, false);
            }
        }

        /**
         * Row stride of {@link #logits}' output for sub-column {@code sub}: its cardinality rounded up to the GEMM's
         * tile width.
         */
        public int logitStride(int sub) {
            return ps.ldOut[sub];
        }

        /**
         * Logits of sub-column {@code sub} for rows {@code rows[0..count)} of {@code codes}, in the context's own
         * buffer (valid until the next call for this sub-column; no copy): row r at {@code r · logitStride(sub)},
         * its first cardinality entries (the rest of a row is scratch the caller may overwrite), as
         * {@link #headLogits} with this context's order (bit for bit without tables, up to float rounding with
         * them). Call {@link #startBatch} before the first sub-column of a batch; within a batch, the codes of a
         * column must be final before a later column's logits are requested (its embedding may be cached).
         */
        public float[] logits(int sub, int[][] codes, int[] rows, int count) {
            checkHeadArgs(sub, codes, rows, count, capacity);
            if (tables != null) {
                tables.firstLayer(sub, codes, rows, count, ws.act[0], rowOff);
                upperLayers(ps, sub, ws, count, false); // generation never drops out
            } else {
                int own = colOf[sub];
                for (int i = 0; i < ps.rank[own]; i++) {
                    int c = ps.perm[i];
                    if (!embedded[c]) {
                        embedColumn(ps, c, codes, rows, count);
                        embedded[c] = true;
                    }
                }
                if (intraW[sub] > 0) {
                    embedSubColumns(ps, own, sub, codes, rows, count);
                }
                headForward(ps, sub, ws, count, codes, rows, false, false, false);
            }
            return ps.out[sub];
        }
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Base of the mask stream of head {@code s}, layer {@code l} under the current mask seed. */
    private long maskBase(int s, int l) {
        return mix64(maskSeed + GOLDEN * (((long) s << 8) + l + 1));
    }

    /**
     * The keep bits (1 = keep) of elements {@code [64·w, 64·w + 64)} of the mask stream {@code base}: element i is
     * dropped when its 8-bit uniform U_i is below k = round(p·256), so p is applied at 1/256 resolution (the default
     * 0.25 exactly). The eight bit planes of U for 64 elements are SplitMix64 hashes of (base, w, plane), compared
     * with k bit-sliced from the top plane down and stopped once k's remaining bits are zero (two hashes per 64
     * elements for p = 0.25). A pure function of (seed, head, layer, element).
     */
    private long keepWord(long base, long w, int k) {
        long lt = 0;
        long eq = -1L;
        for (int j = 7; j >= 0 && (k & ((2 << j) - 1)) != 0; j--) {
            long plane = mix64(base + GOLDEN * (w * 8 + j));
            if (((k >>> j) & 1) != 0) {
                lt |= eq & ~plane;
                eq &= plane;
            } else {
                eq &= ~plane;
            }
        }
        return ~lt;
    }

    private int dropThreshold() {
        return Math.min(255, (int) Math.round((double) dropoutRate * 256));
    }

    /** Fills {@code dst[off .. off+words)} with the keep words 0.. of head {@code s}, layer {@code l}. */
    private void fillKeepWords(int s, int l, long[] dst, int off, int words) {
        long base = maskBase(s, l);
        int k = dropThreshold();
        for (int w = 0; w < words; w++) {
            dst[off + w] = keepWord(base, w, k);
        }
    }

    /**
     * {@code x[xOff+i] *= keep or 0} by bit {@code first+i} of the keep words at {@code bits[off..]}. Branch-free
     * (a two-entry scale table): the bits are random, so a branch would mispredict a quarter of the time.
     */
    private void applyKeepBits(float[] x, int xOff, long[] bits, int off, int first, int n) {
        float[] scale = {0f, 1f / (1f - dropoutRate)};
        int i = 0;
        while (i < n) {
            int e = first + i;
            long word = bits[off + (e >>> 6)] >>> (e & 63);
            int run = Math.min(n - i, 64 - (e & 63));
            int o = xOff + i;
            for (int j = 0; j < run; j++) {
                x[o + j] *= scale[(int) (word >>> j) & 1];
            }
            i += run;
        }
    }

    /**
     * Multiplies {@code x[xOff .. xOff+n)} by the dropout scales (0 or 1/(1−p)) of elements {@code first ..
     * first+n} of head {@code s}, layer {@code l} (see {@link #keepWord}).
     */
    private void applyMask(int s, int l, float[] x, int xOff, int first, int n) {
        long base = maskBase(s, l);
        int k = dropThreshold();
        float keep = 1f / (1f - dropoutRate);
        long w = -1;
        long word = 0;
        for (int i = 0; i < n; i++) {
            int e = first + i;
            if ((e >>> 6) != w) {
                w = e >>> 6;
                word = keepWord(base, w, k);
            }
            x[xOff + i] = ((word >>> e) & 1L) != 0 ? x[xOff + i] * keep : 0f;
        }
    }

    /**
     * Test hook: the dropout scales (0 or 1/(1−p)) that a training call with mask seed {@code seed} applies to the
     * first {@code n} inputs (row-major, batch × the head's compact layer input) of layer {@code l} of head
     * {@code s}.
     */
    float[] dropoutScales(long seed, int s, int l, int n) {
        long savedSeed = maskSeed;
        maskSeed = seed;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        applyMask(s, l, x, 0, 0, n);
        maskSeed = savedSeed;
        return x;
    }

    /** Sets every row of the {@code rows × width} block of {@code y} at {@code off} (row stride ld) to the bias. */
    private void fillBias(float[] y, int off, int ld, int rows, int width, int biasOff) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, biasOff, y, off + r * ld, width);
        }
    }


    private void colSum(float[] dy, int rows, int width, int gradOff) {
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int k = 0; k < width; k++) {
                grads[gradOff + k] += dy[o + k];
            }
        }
    }

    private int checkedCode(int[][] codes, int s, int row) {
        int code = codes[s][row];
        if (code < 0 || code >= card[s]) {
            throw new IllegalArgumentException("code " + code + " of sub-column " + s + " row " + row
                    + " outside 0.." + (card[s] - 1));
        }
        return code;
    }

    /**
     * Softmax probabilities of sub-column {@code sub} from the last {@link #forwardBackward} call, row-major
     * {@code batch × cardinality}, copied into a new array.
     */
    public float[] lastProbabilities(int sub) {
        return java.util.Arrays.copyOf(pass.out[sub], lastBatch * card[sub]);
    }

    public float[] params() {
        return params;
    }

    public float[] grads() {
        return grads;
    }

    public List<Tensor> tensors() {
        return Collections.unmodifiableList(tensors);
    }

    public ModelSize size() {
        return size;
    }

    public int subColumnCount() {
        return nSub;
    }

    public int columnCount() {
        return nCol;
    }

    public int cardinality(int sub) {
        return card[sub];
    }

    public int embeddingDim(int sub) {
        return embDim[sub];
    }

    /** Width of the (possibly compressed) embedding of column {@code c}. */
    public int columnEmbeddingDim(int c) {
        return colW[c];
    }

    public boolean isCompressed(int c) {
        return compressed[c];
    }

    /** Regressor input width shared by all heads. */
    public int inputWidth() {
        return dIn;
    }

    /** Regressor layer widths of head {@code sub} (copy). */
    public int[] hiddenLayers(int sub) {
        return hidden[sub].clone();
    }

    public int parameterCount() {
        return params.length;
    }

    public int maxBatch() {
        return maxBatch;
    }
}
