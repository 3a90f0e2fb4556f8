package dev.issosynth.generator.argn.model;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.math.Gemm;
import dev.issosynth.generator.argn.math.Gemms;
import dev.issosynth.generator.argn.train.AdamW;

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
 * columns of (Σ embedding widths of all but the column's last sub-column)}. Slots {@code [colPos(k), colPos(k)+w_k)}
 * hold column k's embedding if k comes strictly before the head's column in the batch's column permutation, else
 * zero (mask by zeroing; block skipping is a later optimisation). The tail slot {@code [Σw, Σw + intra)} holds the
 * raw embeddings of the earlier sub-columns of the head's own column (fixed order), then zeros.
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
 * <p><b>Not yet implemented</b> (TODO): block skipping of masked input slots. The generation path
 * ({@link #headLogits}) recomputes per head.
 *
 * <p>Buffers are preallocated for {@code maxBatch} rows; an instance is not thread-safe.
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
    // dropout state of the current call: active flag and the per-call mask seed
    private boolean dropoutActive;
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

    // per-batch buffers
    private final float[] e;
    private final float[] dE;
    private final float[] col;
    private final float[] dCol;
    private final float[] inp;
    private final float[][][] act;
    private final float[][] probs;
    private final float[] scratchA;
    private final float[] scratchB;
    private final int[] rank;
    private int lastBatch;

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

        // ---- buffers
        e = new float[maxBatch * eWidth];
        dE = new float[maxBatch * eWidth];
        col = new float[maxBatch * cWidth];
        dCol = new float[maxBatch * cWidth];
        inp = new float[maxBatch * dIn];
        act = new float[nSub][][];
        probs = new float[nSub][];
        int maxW = dIn;
        for (int s = 0; s < nSub; s++) {
            act[s] = new float[hidden[s].length][];
            for (int l = 0; l < hidden[s].length; l++) {
                act[s][l] = new float[maxBatch * hidden[s][l]];
                maxW = Math.max(maxW, hidden[s][l]);
            }
            probs[s] = new float[maxBatch * card[s]];
            maxW = Math.max(maxW, card[s]);
        }
        scratchA = new float[maxBatch * maxW];
        scratchB = new float[maxBatch * maxW];
        rank = new int[nCol];
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
        dropoutActive = false;
        int b = batchRows.length;
        if (b < 1 || b > maxBatch) {
            throw new IllegalArgumentException("batch size " + b + " outside 1.." + maxBatch);
        }
        if (codes.length != nSub) {
            throw new IllegalArgumentException("expected codes for " + nSub + " sub-columns, got " + codes.length);
        }
        setPermutation(columnPermutation);
        lastBatch = b;
        dropoutActive = drop;
        maskSeed = seed;

        // sub-column embeddings E[b × eWidth]
        for (int r = 0; r < b; r++) {
            int row = batchRows[r];
            for (int s = 0; s < nSub; s++) {
                int code = checkedCode(codes, s, row);
                System.arraycopy(params, embOff[s] + code * embDim[s], e, r * eWidth + subEmbPos[s], embDim[s]);
            }
        }
        // column embeddings C[b × cWidth]
        for (int c = 0; c < nCol; c++) {
            int ePos = subEmbPos[colFirst[c]];
            if (compressed[c]) {
                int in = concatWidth(c);
                gemm.multiply(b, colW[c], in, e, ePos, eWidth, false, params, compWOff[c], colW[c], false,
                        col, colPos[c], cWidth, 0f);
                addBias(col, colPos[c], cWidth, b, colW[c], compBOff[c]);
            } else {
                for (int r = 0; r < b; r++) {
                    System.arraycopy(e, r * eWidth + ePos, col, r * cWidth + colPos[c], colW[c]);
                }
            }
        }

        double loss = 0;
        for (int s = 0; s < nSub; s++) {
            headForward(s, b);
            int c = card[s];
            float[] p = probs[s];
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
                int t = codes[s][batchRows[r]];
                loss -= p[o + t] - max - logSum;
                for (int k = 0; k < c; k++) {
                    p[o + k] = (float) Math.exp(p[o + k] - max - logSum);
                }
            }
        }
        loss /= b;
        if (computeGrads) {
            backward(codes, batchRows, b);
        }
        dropoutActive = false;
        return loss;
    }

    /** Runs head {@code s} on the current {@link #col}/{@link #e}: logits (b × card) left in {@code probs[s]}. */
    private void headForward(int s, int b) {
        {
            buildInput(s, b);
            float[] x = inp;
            int in = dIn;
            int nl = hidden[s].length;
            for (int l = 0; l < nl; l++) {
                int out = hidden[s][l];
                float[] y = act[s][l];
                if (dropoutActive) {
                    applyMask(s, l, x, b * in); // in place: the stored activation becomes the dropped-out input
                }
                gemm.multiply(b, out, in, x, 0, in, false, params, layerWOff[s][l], out, false, y, 0, out, 0f);
                addBias(y, 0, out, b, out, layerBOff[s][l]);
                x = y;
                in = out;
            }
            for (int i = 0; i < b * in; i++) {
                if (!(x[i] > 0f)) {
                    x[i] = 0f;
                }
            }
            int c = card[s];
            float[] p = probs[s];
            gemm.multiply(b, c, in, x, 0, in, false, params, predWOff[s], c, false, p, 0, c, 0f);
            addBias(p, 0, c, b, c, predBOff[s]);
        }
    }

    /**
     * Generation path: the logits of sub-column {@code sub} for {@code count} partially generated rows
     * {@code rows[0..count)} of {@code codes}, written row-major ({@code count × cardinality(sub)}) into {@code out}.
     * Only the codes the head may see are read: those of the columns before {@code sub}'s column in
     * {@code columnPermutation} and of the earlier sub-columns of its own column (exactly the training mask);
     * all other codes may hold anything. Recomputes the visible embeddings per call (simple, not fast). Overwrites
     * the buffers of the last {@link #forwardBackward} ({@link #lastProbabilities} is undefined afterwards).
     */
    public void headLogits(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation, float[] out) {
        if (sub < 0 || sub >= nSub) {
            throw new IllegalArgumentException("sub-column " + sub + " outside 0.." + (nSub - 1));
        }
        if (count < 1 || count > maxBatch || count > rows.length) {
            throw new IllegalArgumentException("batch size " + count + " outside 1.." + maxBatch);
        }
        if (codes.length != nSub) {
            throw new IllegalArgumentException("expected codes for " + nSub + " sub-columns, got " + codes.length);
        }
        setPermutation(columnPermutation);
        dropoutActive = false; // generation never uses dropout
        int own = colOf[sub];
        int ownRank = rank[own];
        for (int r = 0; r < count; r++) {
            int row = rows[r];
            for (int s = 0; s < nSub; s++) {
                int c = colOf[s];
                if (rank[c] < ownRank || (c == own && s < sub)) {
                    int code = checkedCode(codes, s, row);
                    System.arraycopy(params, embOff[s] + code * embDim[s], e, r * eWidth + subEmbPos[s], embDim[s]);
                }
            }
        }
        for (int c = 0; c < nCol; c++) {
            if (rank[c] >= ownRank) {
                continue;
            }
            int ePos = subEmbPos[colFirst[c]];
            if (compressed[c]) {
                int in = concatWidth(c);
                gemm.multiply(count, colW[c], in, e, ePos, eWidth, false, params, compWOff[c], colW[c], false,
                        col, colPos[c], cWidth, 0f);
                addBias(col, colPos[c], cWidth, count, colW[c], compBOff[c]);
            } else {
                for (int r = 0; r < count; r++) {
                    System.arraycopy(e, r * eWidth + ePos, col, r * cWidth + colPos[c], colW[c]);
                }
            }
        }
        headForward(sub, count);
        System.arraycopy(probs[sub], 0, out, 0, count * card[sub]);
    }

    /**
     * {@link #headLogits} followed by the same softmax as the training forward pass: probabilities of sub-column
     * {@code sub}, row-major {@code count × cardinality(sub)}.
     */
    public void headProbabilities(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation,
            float[] out) {
        headLogits(sub, codes, rows, count, columnPermutation, out);
        int c = card[sub];
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

    private void backward(int[][] codes, int[] batchRows, int b) {
        java.util.Arrays.fill(dE, 0, b * eWidth, 0f);
        java.util.Arrays.fill(dCol, 0, b * cWidth, 0f);
        float invB = 1f / b;
        for (int s = 0; s < nSub; s++) {
            int c = card[s];
            int nl = hidden[s].length;
            // dLogits = (softmax - onehot) / b
            float[] dy = scratchA;
            float[] p = probs[s];
            for (int r = 0; r < b; r++) {
                int o = r * c;
                for (int k = 0; k < c; k++) {
                    dy[o + k] = p[o + k] * invB;
                }
                dy[o + codes[s][batchRows[r]]] -= invB;
            }
            float[] h = act[s][nl - 1];
            int hw = hidden[s][nl - 1];
            gemm.multiply(hw, c, b, h, 0, hw, true, dy, 0, c, false, grads, predWOff[s], c, 1f);
            colSum(dy, b, c, predBOff[s]);
            float[] dh = scratchB;
            gemm.multiply(b, hw, c, dy, 0, c, false, params, predWOff[s], c, true, dh, 0, hw, 0f);
            for (int i = 0; i < b * hw; i++) {
                if (!(h[i] > 0f)) {
                    dh[i] = 0f;
                }
            }
            buildInput(s, b); // recomputed instead of stored per head
            if (dropoutActive) {
                applyMask(s, 0, inp, b * dIn);
            }
            for (int l = nl - 1; l >= 0; l--) {
                int out = hidden[s][l];
                int in = l == 0 ? dIn : hidden[s][l - 1];
                float[] x = l == 0 ? inp : act[s][l - 1];
                gemm.multiply(in, out, b, x, 0, in, true, dh, 0, out, false, grads, layerWOff[s][l], out, 1f);
                colSum(dh, b, out, layerBOff[s][l]);
                float[] dx = dh == scratchA ? scratchB : scratchA;
                gemm.multiply(b, in, out, dh, 0, out, false, params, layerWOff[s][l], out, true, dx, 0, in, 0f);
                if (dropoutActive) {
                    applyMask(s, l, dx, b * in); // gradient through the same mask and scale
                }
                dh = dx;
            }
            scatterInputGrad(s, b, dh);
        }
        // column compression backward
        for (int c = 0; c < nCol; c++) {
            int ePos = subEmbPos[colFirst[c]];
            if (compressed[c]) {
                int in = concatWidth(c);
                gemm.multiply(in, colW[c], b, e, ePos, eWidth, true, dCol, colPos[c], cWidth, false,
                        grads, compWOff[c], colW[c], 1f);
                for (int r = 0; r < b; r++) {
                    int o = r * cWidth + colPos[c];
                    for (int k = 0; k < colW[c]; k++) {
                        grads[compBOff[c] + k] += dCol[o + k];
                    }
                }
                gemm.multiply(b, in, colW[c], dCol, colPos[c], cWidth, false, params, compWOff[c], colW[c], true,
                        dE, ePos, eWidth, 1f);
            } else {
                for (int r = 0; r < b; r++) {
                    int o = r * cWidth + colPos[c];
                    int q = r * eWidth + ePos;
                    for (int k = 0; k < colW[c]; k++) {
                        dE[q + k] += dCol[o + k];
                    }
                }
            }
        }
        // embedding tables
        for (int r = 0; r < b; r++) {
            int row = batchRows[r];
            for (int s = 0; s < nSub; s++) {
                int g = embOff[s] + codes[s][row] * embDim[s];
                int q = r * eWidth + subEmbPos[s];
                for (int k = 0; k < embDim[s]; k++) {
                    grads[g + k] += dE[q + k];
                }
            }
        }
    }

    /** Fills {@link #inp} (b × dIn) for head {@code s} from {@link #col} and {@link #e} under the current mask. */
    private void buildInput(int s, int b) {
        int own = colOf[s];
        int ownRank = rank[own];
        int intraPos = subEmbPos[colFirst[own]];
        int intraW = subEmbPos[s] - intraPos;
        java.util.Arrays.fill(inp, 0, b * dIn, 0f);
        for (int r = 0; r < b; r++) {
            int o = r * dIn;
            for (int c = 0; c < nCol; c++) {
                if (rank[c] < ownRank) {
                    System.arraycopy(col, r * cWidth + colPos[c], inp, o + colPos[c], colW[c]);
                }
            }
            if (intraW > 0) {
                System.arraycopy(e, r * eWidth + intraPos, inp, o + cWidth, intraW);
            }
        }
    }

    /** Adds the input gradient {@code dx} (b × dIn) of head {@code s} to {@link #dCol} and {@link #dE}. */
    private void scatterInputGrad(int s, int b, float[] dx) {
        int own = colOf[s];
        int ownRank = rank[own];
        int intraPos = subEmbPos[colFirst[own]];
        int intraW = subEmbPos[s] - intraPos;
        for (int r = 0; r < b; r++) {
            int o = r * dIn;
            for (int c = 0; c < nCol; c++) {
                if (rank[c] < ownRank) {
                    int q = r * cWidth + colPos[c];
                    int xo = o + colPos[c];
                    for (int k = 0; k < colW[c]; k++) {
                        dCol[q + k] += dx[xo + k];
                    }
                }
            }
            int q = r * eWidth + intraPos;
            int xo = o + cWidth;
            for (int k = 0; k < intraW; k++) {
                dE[q + k] += dx[xo + k];
            }
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

    /** Multiplies {@code x[0..n)} by the dropout scales (0 or 1/(1−p)) of head {@code s}, layer {@code l}. */
    private void applyMask(int s, int l, float[] x, int n) {
        long base = maskBase(s, l);
        long threshold = (long) Math.ceil((double) dropoutRate * 0x1p53);
        float keep = 1f / (1f - dropoutRate);
        for (int i = 0; i < n; i++) {
            if ((mix64(base + GOLDEN * i) >>> 11) < threshold) {
                x[i] = 0f;
            } else {
                x[i] *= keep;
            }
        }
    }

    /**
     * Test hook: the dropout scales (0 or 1/(1−p)) that a training call with mask seed {@code seed} applies to the
     * first {@code n} inputs (row-major, batch × layer input width) of layer {@code l} of head {@code s}.
     */
    float[] dropoutScales(long seed, int s, int l, int n) {
        long savedSeed = maskSeed;
        maskSeed = seed;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        applyMask(s, l, x, n);
        maskSeed = savedSeed;
        return x;
    }

    private void addBias(float[] y, int off, int ld, int rows, int width, int biasOff) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * ld;
            for (int k = 0; k < width; k++) {
                y[o + k] += params[biasOff + k];
            }
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

    private void setPermutation(int[] perm) {
        if (perm.length != nCol) {
            throw new IllegalArgumentException("permutation of " + perm.length + " columns, model has " + nCol);
        }
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < nCol; i++) {
            int c = perm[i];
            if (c < 0 || c >= nCol || rank[c] >= 0) {
                throw new IllegalArgumentException("not a permutation of 0.." + (nCol - 1));
            }
            rank[c] = i;
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
        return java.util.Arrays.copyOf(probs[sub], lastBatch * card[sub]);
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
