package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;

import java.util.Arrays;

/**
 * The hand-written backward pass of the summed cross-entropy, ADDED to the gradient array. In two parts: per head
 * ({@link #head}, right after the head's forward, into the head's own gradient slices), then below the heads, in
 * tasks that own disjoint outputs: the input gradients of all heads summed per block of rows
 * ({@link #inputGradRows}), then per column its compression ({@link #compression}) and per sub-column its
 * embedding table ({@link #embeddingTable}). Every sum runs in a fixed order whatever the threads.
 */
final class BackwardPass {
    /** Rows per task of the input-gradient pass (fixed: results do not depend on the thread count). */
    static final int GRAD_ROW_BLOCK = 64;

    private final ModelShape shape;
    private final ParameterLayout at;
    private final float[] params;
    private final float[] grads;
    private final Gemm gemm;
    private final DropoutMasks dropout;
    private final float[] dE;      // gradient of the sub-column embeddings, maxBatch × eWidth
    private final float[] dXp;     // gradient of the column embeddings in permutation order, maxBatch × cWidth
    private final float[] dPre;    // gradient of every head's first-layer pre-activation
    private final int[] dPreOff;   // offset of head s's in dPre (maxBatch × h0 each)

    BackwardPass(ModelShape shape, ParameterLayout at, float[] params, float[] grads, Gemm gemm,
            DropoutMasks dropout, int maxBatch) {
        this.shape = shape;
        this.at = at;
        this.params = params;
        this.grads = grads;
        this.gemm = gemm;
        this.dropout = dropout;
        dE = new float[maxBatch * shape.eWidth];
        dXp = new float[maxBatch * shape.cWidth];
        dPreOff = new int[shape.nSub];
        long size = 0;
        for (int s = 0; s < shape.nSub; s++) {
            dPreOff[s] = Math.toIntExact(size);
            size += (long) maxBatch * shape.h0[s];
        }
        dPre = new float[Math.toIntExact(size)];
    }

    /**
     * Backward pass of head {@code s} right after its {@link ForwardPass#head} on the same workspace: predictor and
     * regressor weight gradients (the head's own tensors, so heads never write the same gradient) and the gradient
     * of its first layer's output, kept in {@link #dPre} for {@link #inputGradRows}.
     */
    void head(PassBuffers ps, int s, HeadWorkspace ws, int b, int[][] codes, int[] rows, boolean drop) {
        int c = shape.card[s];
        int[] hidden = shape.hidden[s];
        int nl = hidden.length;
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
        int hw = hidden[nl - 1];
        gemm.multiply(hw, c, b, hAct, 0, hw, true, dy, 0, c, false, grads, at.predWOff[s], c, 1f);
        colSum(dy, b, c, at.predBOff[s]);
        float[] dh = ws.dB;
        gemm.multiply(b, hw, c, dy, 0, c, false, params, at.predWOff[s], c, true, dh, 0, hw, 0f);
        for (int i = 0; i < b * hw; i++) {
            dh[i] = hAct[i] > 0f ? dh[i] : 0f;
        }
        for (int l = nl - 1; l >= 1; l--) {
            int out = hidden[l];
            int in = hidden[l - 1];
            float[] x = ws.act[l - 1]; // already dropped out in the forward pass
            gemm.multiply(in, out, b, x, 0, in, true, dh, 0, out, false, grads, at.layerWOff[s][l], out, 1f);
            colSum(dh, b, out, at.layerBOff[s][l]);
            float[] dx = dh == ws.dA ? ws.dB : ws.dA;
            gemm.multiply(b, in, out, dh, 0, out, false, params, at.layerWOff[s][l], out, true, dx, 0, in, 0f);
            if (drop) {
                dropout.apply(s, l, dx, 0, 0, b * in); // gradient through the same mask and scale
            }
            dh = dx;
        }
        firstLayer(ps, s, ws, b, dh);
    }

    /** First layer: weight gradient on the compact input, added back to the head's weight rows; dh kept in dPre. */
    private void firstLayer(PassBuffers ps, int s, HeadWorkspace ws, int b, float[] dh) {
        int own = shape.colOf[s];
        int vis = ps.permPos[own];
        int intra = shape.intraW[s];
        int in = vis + intra;
        int h = shape.h0[s];
        System.arraycopy(dh, 0, dPre, dPreOff[s], b * h);
        colSum(dh, b, h, at.layerBOff[s][0]);
        float[] dw = ws.dwc;
        gemm.multiply(in, h, b, ws.xin, 0, in, true, dh, 0, h, false, dw, 0, h, 0f);
        int w0 = at.layerWOff[s][0];
        for (int i = 0; i < ps.rank[own]; i++) {
            int col = ps.perm[i];
            addTo(grads, w0 + shape.colPos[col] * h, dw, ps.permPos[col] * h, shape.colW[col] * h);
        }
        addTo(grads, w0 + shape.cWidth * h, dw, vis * h, intra * h);
    }

    /**
     * dXp and dE of rows {@code [r0, r1)}: Σ over heads of dPre · (gathered weights)ᵀ, through the dropout mask.
     */
    void inputGradRows(PassBuffers ps, HeadWorkspace ws, int r0, int r1, boolean drop) {
        int cWidth = shape.cWidth;
        int eWidth = shape.eWidth;
        int rows = r1 - r0;
        Arrays.fill(dXp, r0 * cWidth, r1 * cWidth, 0f);
        Arrays.fill(dE, r0 * eWidth, r1 * eWidth, 0f);
        float[] t = ws.tmp;
        for (int s = 0; s < shape.nSub; s++) {
            int own = shape.colOf[s];
            int vis = ps.permPos[own];
            int intra = shape.intraW[s];
            int in = vis + intra;
            if (in == 0) {
                continue;
            }
            int h = shape.h0[s];
            gemm.multiply(rows, in, h, dPre, dPreOff[s] + r0 * h, h, false, ps.wc, shape.wcOff[s], h, true, t, 0, in,
                    0f);
            if (drop) {
                dropout.dropFirstLayerGradient(s, t, r0 * in, rows * in);
            }
            int intraPos = shape.subEmbPos[shape.colFirst[own]];
            for (int r = 0; r < rows; r++) {
                addTo(dXp, (r0 + r) * cWidth, t, r * in, vis);
                addTo(dE, (r0 + r) * eWidth + intraPos, t, r * in + vis, intra);
            }
        }
    }

    /** Compression-layer gradients of column {@code c} and its share of dE (its own sub-column slots only). */
    void compression(PassBuffers ps, int c, int b) {
        int cWidth = shape.cWidth;
        int eWidth = shape.eWidth;
        int w = shape.colW[c];
        int ePos = shape.subEmbPos[shape.colFirst[c]];
        int pos = ps.permPos[c];
        if (shape.compressed[c]) {
            int in = shape.concatWidth(c);
            gemm.multiply(in, w, b, ps.e, ePos, eWidth, true, dXp, pos, cWidth, false, grads, at.compWOff[c], w, 1f);
            for (int r = 0; r < b; r++) {
                addTo(grads, at.compBOff[c], dXp, r * cWidth + pos, w);
            }
            gemm.multiply(b, in, w, dXp, pos, cWidth, false, params, at.compWOff[c], w, true, dE, ePos, eWidth, 1f);
        } else {
            for (int r = 0; r < b; r++) {
                addTo(dE, r * eWidth + ePos, dXp, r * cWidth + pos, w);
            }
        }
    }

    /** The embedding-table gradient of sub-column {@code s}: each row's dE slot added to its code's row. */
    void embeddingTable(int s, int[][] codes, int[] rows, int b) {
        int d = shape.embDim[s];
        for (int r = 0; r < b; r++) {
            addTo(grads, at.embOff[s] + codes[s][rows[r]] * d, dE, r * shape.eWidth + shape.subEmbPos[s], d);
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

    private static void addTo(float[] dst, int dOff, float[] src, int sOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }
}
