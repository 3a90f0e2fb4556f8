package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;

/**
 * The forward pass: sub-column and column embeddings, then per head its regressor layers, ReLU, predictor and
 * (in training) softmax and cross-entropy.
 *
 * <p><b>Block skipping.</b> A pass lays the column embeddings out in permutation order ({@code xp}), so the columns
 * a head sees are a prefix of that buffer. Each head gathers the weight rows of its visible blocks into the same
 * order and multiplies only {@code [xp prefix | own earlier sub-columns]}: on average half of the dense work under
 * random orders. Hidden blocks are never read, which is exactly multiplying them by zero.
 *
 * <p>Holds no state of its own: all it writes is in the caller's {@link PassBuffers} and {@link HeadWorkspace}
 * (and the dropout keep bits of the head it runs), so generation contexts share it across threads.
 */
final class ForwardPass {
    private final ModelShape shape;
    private final ParameterLayout at;
    private final float[] params;
    private final Gemm gemm;
    private final DropoutMasks dropout;

    ForwardPass(ModelShape shape, ParameterLayout at, float[] params, Gemm gemm, DropoutMasks dropout) {
        this.shape = shape;
        this.at = at;
        this.params = params;
        this.gemm = gemm;
        this.dropout = dropout;
    }

    /** Embeds sub-columns {@code [colFirst[c], end)} of rows {@code rows[0..b)} into {@code ps.e}. */
    void embedSubColumns(PassBuffers ps, int c, int end, int[][] codes, int[] rows, int b) {
        int eWidth = shape.eWidth;
        for (int s = shape.colFirst[c]; s < end; s++) {
            int d = shape.embDim[s];
            for (int r = 0; r < b; r++) {
                int code = shape.checkedCode(codes, s, rows[r]);
                System.arraycopy(params, at.embOff[s] + code * d, ps.e, r * eWidth + shape.subEmbPos[s], d);
            }
        }
    }

    /** Fills the embeddings of column {@code c}: its sub-columns in e, its column embedding at its xp position. */
    void embedColumn(PassBuffers ps, int c, int[][] codes, int[] rows, int b) {
        embedSubColumns(ps, c, shape.colFirst[c] + shape.colCount[c], codes, rows, b);
        int eWidth = shape.eWidth;
        int cWidth = shape.cWidth;
        int w = shape.colW[c];
        int ePos = shape.subEmbPos[shape.colFirst[c]];
        int pos = ps.permPos[c];
        if (shape.compressed[c]) {
            fillBias(ps.xp, pos, cWidth, b, w, at.compBOff[c]);
            gemm.multiply(b, w, shape.concatWidth(c), ps.e, ePos, eWidth, false, params, at.compWOff[c], w, false,
                    ps.xp, pos, cWidth, 1f);
        } else {
            for (int r = 0; r < b; r++) {
                System.arraycopy(ps.e, r * eWidth + ePos, ps.xp, r * cWidth + pos, w);
            }
        }
    }

    /**
     * Copies the first-layer weight rows of head {@code s} that its visible inputs meet into
     * {@code ps.wc[wcOff[s]..]}: the row block of each column before the head's column in the permutation, at that
     * column's xp position, then the rows of the own column's earlier sub-columns. Rows of a block are contiguous
     * in the row-major weight, so each block is one copy.
     */
    void gatherFirstLayer(PassBuffers ps, int s) {
        int own = shape.colOf[s];
        int h = shape.h0[s];
        int w0 = at.layerWOff[s][0];
        int dst = shape.wcOff[s];
        for (int i = 0; i < ps.rank[own]; i++) {
            int c = ps.perm[i];
            System.arraycopy(params, w0 + shape.colPos[c] * h, ps.wc, dst + ps.permPos[c] * h, shape.colW[c] * h);
        }
        System.arraycopy(params, w0 + shape.cWidth * h, ps.wc, dst + ps.permPos[own] * h, shape.intraW[s] * h);
    }

    /**
     * Forward pass of head {@code s} on workspace {@code ws}, block skipping: the compact input is the xp prefix of
     * the columns before the head's column plus the own column's earlier sub-columns (dropout applied), multiplied
     * by the gathered weights; then the further layers, ReLU and predictor. Logits land in {@code ps.out[s]}; with
     * {@code softmax} they become probabilities and the summed cross-entropy of the batch is returned. With
     * {@code keepInput} the compact input stays in {@code ws.xin} for the backward pass.
     */
    double head(PassBuffers ps, int s, HeadWorkspace ws, int b, int[][] codes, int[] rows, boolean softmax,
            boolean drop, boolean keepInput) {
        int own = shape.colOf[s];
        int vis = ps.permPos[own];
        int intra = shape.intraW[s];
        int in = vis + intra;
        float[] x = ws.xin;
        int xOff = 0;
        int ldx = in;
        if (intra == 0 && !drop && !keepInput) {
            x = ps.xp; // the input is the xp prefix itself: multiply in place (same sums, no copy)
            ldx = shape.cWidth;
        } else {
            int intraPos = shape.subEmbPos[shape.colFirst[own]];
            for (int r = 0; r < b; r++) {
                System.arraycopy(ps.xp, r * shape.cWidth, x, r * in, vis);
                System.arraycopy(ps.e, r * shape.eWidth + intraPos, x, r * in + vis, intra);
            }
        }
        if (drop) {
            dropout.dropFirstLayerInput(s, x, b * in);
        }
        int h = shape.h0[s];
        float[] y0 = ws.act[0];
        fillBias(y0, 0, h, b, h, at.layerBOff[s][0]); // products are added to the bias (no separate pass)
        gemm.multiply(b, h, in, x, xOff, ldx, false, ps.wc, shape.wcOff[s], h, false, y0, 0, h, 1f);
        upperLayers(ps, s, ws, b, drop);
        return softmax ? softmaxLoss(ps.out[s], shape.card[s], codes[s], rows, b) : 0;
    }

    /**
     * Turns the logits {@code p} ({@code b × c}) into probabilities in place and returns the summed cross-entropy
     * (natural log) against the true codes {@code codes[rows[r]]}.
     */
    private static double softmaxLoss(float[] p, int c, int[] codes, int[] rows, int b) {
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
            loss -= p[o + codes[rows[r]]] - max - logSum;
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
    void upperLayers(PassBuffers ps, int s, HeadWorkspace ws, int b, boolean drop) {
        int[] hidden = shape.hidden[s];
        float[] x = ws.act[0];
        int in = shape.h0[s];
        for (int l = 1; l < hidden.length; l++) {
            int out = hidden[l];
            float[] y = ws.act[l];
            fillBias(y, 0, out, b, out, at.layerBOff[s][l]);
            if (drop) {
                dropout.apply(s, l, x, 0, 0, b * in); // in place: the stored activation becomes the dropped-out input
            }
            gemm.multiply(b, out, in, x, 0, in, false, params, at.layerWOff[s][l], out, false, y, 0, out, 1f);
            x = y;
            in = out;
        }
        for (int i = 0; i < b * in; i++) {
            x[i] = Math.max(x[i], 0f); // ReLU without a branch (half the units are negative)
        }
        int c = shape.card[s];
        float[] p = ps.out[s];
        int ldp = ps.ldOut[s];
        fillBias(p, 0, ldp, b, c, at.predBOff[s]);
        if (ldp == c) {
            gemm.multiply(b, c, in, x, 0, in, false, params, at.predWOff[s], c, false, p, 0, c, 1f);
        } else {
            gemm.multiplyPadded(b, c, in, x, 0, in, params, at.predWOff[s], c, p, 0, ldp);
        }
    }

    /** Sets every row of the {@code rows × width} block of {@code y} at {@code off} (row stride ld) to the bias. */
    private void fillBias(float[] y, int off, int ld, int rows, int width, int biasOff) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, biasOff, y, off + r * ld, width);
        }
    }
}
