package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;

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
final class PassBuffers {
    final float[] e;
    final float[] xp;
    final float[] wc;
    final float[][] out;
    final int[] ldOut;
    final int[] perm;
    final int[] rank;
    final int[] permPos;
    private final ModelShape shape;

    PassBuffers(ModelShape shape, Gemm gemm, int rows, boolean generation, boolean embeddings) {
        this.shape = shape;
        int nSub = shape.nSub;
        ldOut = new int[nSub];
        perm = new int[shape.nCol];
        rank = new int[shape.nCol];
        permPos = new int[shape.nCol];
        e = embeddings ? new float[rows * shape.eWidth] : null;
        xp = embeddings ? new float[rows * shape.cWidth] : null;
        wc = embeddings ? new float[Math.toIntExact(shape.wcTotal)] : null;
        out = new float[nSub][];
        for (int s = 0; s < nSub; s++) {
            ldOut[s] = generation ? gemm.paddedStride(shape.card[s]) : shape.card[s];
            out[s] = new float[rows * ldOut[s]];
        }
    }

    void setPermutation(int[] order) {
        System.arraycopy(shape.ranks(order), 0, rank, 0, shape.nCol);
        int pos = 0;
        for (int i = 0; i < shape.nCol; i++) {
            int c = order[i];
            perm[i] = c;
            permPos[c] = pos;
            pos += shape.colW[c];
        }
    }
}
