package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemm;
import dev.issosynth.util.Parallel;

import java.util.Arrays;

/**
 * The calls a {@link FlatModel} runs on its own buffers (sized for {@code maxBatch} rows; one caller at a time):
 * a loss pass over a batch with its backward ({@link #run}) and the single-head generation path
 * ({@link #headLogits}).
 *
 * <p><b>Threads.</b> With {@link #setParallel} the heads of a call run in parallel (forward, loss and weight
 * gradients of a head on one thread, into the head's own gradient slices); the input gradients are then summed
 * over the heads in index order per block of rows, and compression/embedding gradients per column. No sum depends
 * on the thread count, so results are bit-identical for 1 or many threads.
 */
final class BatchPass {
    private final ModelShape shape;
    private final ForwardPass forward;
    private final BackwardPass backward;
    private final DropoutMasks dropout;
    private final int maxBatch;
    private final PassBuffers pass;
    private final int[] taskOrder;   // heads, most expensive first
    private final double[] headLoss;
    private Parallel par;
    private HeadWorkspace[] workspaces;
    private int lastBatch;

    BatchPass(ModelShape shape, Gemm gemm, ForwardPass forward, BackwardPass backward, DropoutMasks dropout,
            int maxBatch) {
        this.shape = shape;
        this.forward = forward;
        this.backward = backward;
        this.dropout = dropout;
        this.maxBatch = maxBatch;
        taskOrder = shape.headsByCost();
        pass = new PassBuffers(shape, gemm, maxBatch, false, true);
        headLoss = new double[shape.nSub];
        workspaces = new HeadWorkspace[] {new HeadWorkspace(shape, maxBatch, true)};
    }

    /** See {@link FlatModel#setParallel}. */
    void setParallel(Parallel parallel) {
        this.par = parallel;
        int n = parallel == null ? 1 : parallel.threads();
        if (workspaces.length < n) {
            HeadWorkspace[] grown = Arrays.copyOf(workspaces, n);
            for (int w = workspaces.length; w < n; w++) {
                grown[w] = new HeadWorkspace(shape, maxBatch, true);
            }
            workspaces = grown;
        }
    }

    /** See {@link FlatModel#forwardBackward(int[][], int[], int[], boolean, boolean, java.util.SplittableRandom)}. */
    double run(int[][] codes, int[] batchRows, int[] columnPermutation, boolean computeGrads, boolean drop,
            long seed) {
        int b = batchRows.length;
        checkBatch(codes, batchRows);
        PassBuffers ps = pass;
        ps.setPermutation(columnPermutation);
        lastBatch = b;
        dropout.startCall(seed, drop);
        forEach(shape.nCol, (w, c) -> forward.embedColumn(ps, c, codes, batchRows, b));
        forEach(shape.nSub, (w, t) -> {
            int s = taskOrder[t];
            forward.gatherFirstLayer(ps, s);
            headLoss[s] = forward.head(ps, s, workspaces[w], b, codes, batchRows, true, drop, computeGrads);
            if (computeGrads) {
                backward.head(ps, s, workspaces[w], b, codes, batchRows, drop);
            }
        });
        double loss = 0;
        for (int s = 0; s < shape.nSub; s++) {
            loss += headLoss[s];
        }
        if (computeGrads) {
            backwardBelowHeads(ps, codes, batchRows, b, drop);
        }
        return loss / b;
    }

    private void checkBatch(int[][] codes, int[] batchRows) {
        int b = batchRows.length;
        if (b < 1 || b > maxBatch) {
            throw new IllegalArgumentException("batch size " + b + " outside 1.." + maxBatch);
        }
        if (codes.length != shape.nSub) {
            throw new IllegalArgumentException("expected codes for " + shape.nSub + " sub-columns, got "
                    + codes.length);
        }
        for (int s = 0; s < shape.nSub; s++) {
            for (int r = 0; r < b; r++) {
                shape.checkedCode(codes, s, batchRows[r]);
            }
        }
    }

    /**
     * The gradient below the heads: the input gradients of all heads (row blocks in parallel, heads in index order
     * within a row, so the sums do not depend on the threads), then column compression and embedding-table
     * gradients (columns and sub-columns in parallel; each owns its slices).
     */
    private void backwardBelowHeads(PassBuffers ps, int[][] codes, int[] rows, int b, boolean drop) {
        int block = BackwardPass.GRAD_ROW_BLOCK;
        forEach(Parallel.blockCount(b, block), (w, blk) -> {
            int r0 = blk * block;
            backward.inputGradRows(ps, workspaces[w], r0, Math.min(b, r0 + block), drop);
        });
        forEach(shape.nCol, (w, c) -> backward.compression(ps, c, b));
        forEach(shape.nSub, (w, s) -> backward.embeddingTable(s, codes, rows, b));
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

    /** See {@link FlatModel#headLogits}. */
    void headLogits(int sub, int[][] codes, int[] rows, int count, int[] columnPermutation, float[] out) {
        shape.checkHeadArgs(sub, codes, rows, count, maxBatch);
        PassBuffers ps = pass;
        ps.setPermutation(columnPermutation);
        int own = shape.colOf[sub];
        for (int i = 0; i < ps.rank[own]; i++) {
            forward.embedColumn(ps, ps.perm[i], codes, rows, count);
        }
        forward.embedSubColumns(ps, own, sub, codes, rows, count);
        forward.gatherFirstLayer(ps, sub);
        forward.head(ps, sub, workspaces[0], count, codes, rows, false, false, false);
        System.arraycopy(ps.out[sub], 0, out, 0, count * shape.card[sub]);
    }

    /** See {@link FlatModel#lastProbabilities}. */
    float[] lastProbabilities(int sub) {
        return Arrays.copyOf(pass.out[sub], lastBatch * shape.card[sub]);
    }
}
