package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;

import java.util.Arrays;

/**
 * Generates rows in one fixed column order on one thread, with its own buffers; several contexts of one model may
 * run concurrently (they only read the parameters, which must not change meanwhile). Its first layer is looked up
 * in {@link FirstLayerTables} made for the same order, or, without tables, computed from embeddings and the
 * gathered first-layer weights. Made by {@link FlatModel#newGenerationContext}.
 */
public final class GenerationContext {
    private final ModelShape shape;
    private final ForwardPass forward;
    private final FirstLayerTables tables;
    private final PassBuffers ps;
    private final HeadWorkspace ws;
    private final int capacity;
    private final int[] rowOff;       // with tables: their row offsets of a head's batch
    private final boolean[] embedded; // without: the columns embedded in this batch

    GenerationContext(ModelShape shape, Gemm gemm, ForwardPass forward, int[] columnOrder, FirstLayerTables tables,
            int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive");
        }
        if (tables != null && !tables.isFor(columnOrder)) {
            throw new IllegalArgumentException("the tables were made for another column order");
        }
        this.shape = shape;
        this.forward = forward;
        this.tables = tables;
        capacity = maxRows;
        ps = new PassBuffers(shape, gemm, maxRows, true, tables == null);
        ps.setPermutation(columnOrder);
        ws = new HeadWorkspace(shape, maxRows, false);
        if (tables != null) {
            rowOff = new int[Math.multiplyExact(maxRows, shape.nSub)]; // a head sees fewer than nSub sub-columns
            embedded = null;
        } else {
            rowOff = null;
            embedded = new boolean[shape.nCol];
            for (int s = 0; s < shape.nSub; s++) {
                forward.gatherFirstLayer(ps, s);
            }
        }
    }

    /** Starts a batch: forgets the embeddings of the previous one. */
    public void startBatch() {
        if (embedded != null) {
            Arrays.fill(embedded, false);
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
     * {@link FlatModel#headLogits} with this context's order (bit for bit without tables, up to float rounding
     * with them). Call {@link #startBatch} before the first sub-column of a batch; within a batch, the codes of a
     * column must be final before a later column's logits are requested (its embedding may be cached).
     */
    public float[] logits(int sub, int[][] codes, int[] rows, int count) {
        shape.checkHeadArgs(sub, codes, rows, count, capacity);
        if (tables != null) {
            tables.firstLayer(sub, codes, rows, count, ws.act[0], rowOff);
            forward.upperLayers(ps, sub, ws, count, false); // generation never drops out
        } else {
            int own = shape.colOf[sub];
            for (int i = 0; i < ps.rank[own]; i++) {
                int c = ps.perm[i];
                if (!embedded[c]) {
                    forward.embedColumn(ps, c, codes, rows, count);
                    embedded[c] = true;
                }
            }
            if (shape.intraW[sub] > 0) {
                forward.embedSubColumns(ps, own, sub, codes, rows, count);
            }
            forward.head(ps, sub, ws, count, codes, rows, false, false, false);
        }
        return ps.out[sub];
    }
}
