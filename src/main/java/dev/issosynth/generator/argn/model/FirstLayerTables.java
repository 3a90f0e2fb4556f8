package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;

import java.util.Arrays;

/**
 * The first regressor layer of every head as table lookups, for one column order. A head's input is the
 * concatenation of embeddings of codes (through a linear compression for compressed columns), so its product
 * with the first-layer weights is a sum with one term per visible sub-column that depends on that
 * sub-column's code only: row {@code code} of (embedding rows × the weight rows they meet). The tables hold
 * those rows for every code, plus one constant row per head (bias, and the compressions' biases times their
 * weight rows). A generated row's first layer is then a few additions of h0-wide rows instead of a product
 * {@code dIn} deep (about eight times fewer operations on wide100k, 49 MB of tables). The additions run in
 * another order than the GEMM's, so logits differ from {@link FlatModel#headLogits} in the last bits.
 *
 * <p>Read-only once built: contexts on several threads may share one instance.
 */
public final class FirstLayerTables {
    private final ModelShape shape;
    private final ParameterLayout at;
    private final float[] params;
    private final Gemm gemm;
    private final int[] order;
    private final int[][] visible;    // head s: the sub-columns it sees, in summation order
    private final float[][] table;    // head s: visible sub-column k's card × h0 rows, in turn
    private final float[][] constant; // head s: the bias row

    /**
     * The tables for {@code columnOrder}, or null when they would hold more than {@code budget} floats: every later
     * head has its own table of a sub-column's codes, so high-cardinality columns early in the order multiply their
     * size.
     */
    static FirstLayerTables build(ModelShape shape, ParameterLayout at, float[] params, Gemm gemm, int[] columnOrder,
            long budget) {
        int[] rank = shape.ranks(columnOrder);
        long size = 0;
        for (int s = 0; s < shape.nSub; s++) {
            for (int k : shape.visibleSubColumns(s, columnOrder, rank[shape.colOf[s]])) {
                size += (long) shape.card[k] * shape.h0[s];
            }
        }
        return size > budget ? null : new FirstLayerTables(shape, at, params, gemm, columnOrder);
    }

    private FirstLayerTables(ModelShape shape, ParameterLayout at, float[] params, Gemm gemm, int[] columnOrder) {
        this.shape = shape;
        this.at = at;
        this.params = params;
        this.gemm = gemm;
        int nSub = shape.nSub;
        visible = new int[nSub][];
        table = new float[nSub][];
        constant = new float[nSub][];
        int[] rank = shape.ranks(columnOrder);
        order = columnOrder.clone();
        float[][] compressedEmb = compressedEmbeddings();
        for (int s = 0; s < nSub; s++) {
            buildHead(s, columnOrder, rank[shape.colOf[s]], compressedEmb);
        }
    }

    /** Whether these are the tables of {@code columnOrder}. */
    boolean isFor(int[] columnOrder) {
        return Arrays.equals(order, columnOrder);
    }

    /** Per sub-column k of a compressed column: its embedding × the compression rows it meets (card × colW). */
    private float[][] compressedEmbeddings() {
        float[][] compressedEmb = new float[shape.nSub][];
        for (int k = 0; k < shape.nSub; k++) {
            int c = shape.colOf[k];
            if (shape.compressed[c]) {
                int w = shape.colW[c];
                compressedEmb[k] = new float[shape.card[k] * w];
                int rowsOfK = at.compWOff[c] + (shape.subEmbPos[k] - shape.subEmbPos[shape.colFirst[c]]) * w;
                gemm.multiply(shape.card[k], w, shape.embDim[k], params, at.embOff[k], shape.embDim[k], false,
                        params, rowsOfK, w, false, compressedEmb[k], 0, w, 0f);
            }
        }
        return compressedEmb;
    }

    /** Head s's tables; its column is at {@code pos} in {@code perm}, so it sees the columns before that. */
    private void buildHead(int s, int[] perm, int pos, float[][] compressedEmb) {
        int own = shape.colOf[s];
        int h = shape.h0[s];
        int w0 = at.layerWOff[s][0];
        int[] subs = shape.visibleSubColumns(s, perm, pos);
        float[] k0 = Arrays.copyOfRange(params, at.layerBOff[s][0], at.layerBOff[s][0] + h);
        for (int i = 0; i < pos; i++) {
            int c = perm[i];
            if (shape.compressed[c]) {
                int w = shape.colW[c];
                gemm.multiply(1, h, w, params, at.compBOff[c], w, false, params, w0 + shape.colPos[c] * h, h,
                        false, k0, 0, h, 1f);
            }
        }
        long size = 0;
        for (int k : subs) {
            size += (long) shape.card[k] * h;
        }
        float[] t = new float[Math.toIntExact(size)];
        int off = 0;
        for (int k : subs) {
            int c = shape.colOf[k];
            int card = shape.card[k];
            if (shape.compressed[c] && c != own) { // the compressed embedding meets all of its column's rows
                int w = shape.colW[c];
                gemm.multiply(card, h, w, compressedEmb[k], 0, w, false, params, w0 + shape.colPos[c] * h, h,
                        false, t, off, h, 0f);
            } else { // the raw embedding meets its own rows: in its column's block, or after cWidth if intra
                int d = shape.embDim[k];
                int row = (c == own ? shape.cWidth : shape.colPos[c]) + shape.subEmbPos[k]
                        - shape.subEmbPos[shape.colFirst[c]];
                gemm.multiply(card, h, d, params, at.embOff[k], d, false, params, w0 + row * h, h, false, t, off, h,
                        0f);
            }
            off += card * h;
        }
        visible[s] = subs;
        table[s] = t;
        constant[s] = k0;
    }

    /**
     * Head s's first-layer pre-activation of rows {@code rows[0..b)} into {@code y} (b × h0, row-major);
     * {@code rowOff} is scratch for b × (visible sub-columns) table offsets.
     */
    void firstLayer(int s, int[][] codes, int[] rows, int b, float[] y, int[] rowOff) {
        int h = shape.h0[s];
        int[] subs = visible[s];
        int n = subs.length;
        int off = 0;
        for (int i = 0; i < n; i++) {
            int k = subs[i];
            for (int r = 0; r < b; r++) {
                rowOff[r * n + i] = off + shape.checkedCode(codes, k, rows[r]) * h;
            }
            off += shape.card[k] * h;
        }
        gemm.sumRows(table[s], rowOff, n, constant[s], y, b, h);
    }
}
