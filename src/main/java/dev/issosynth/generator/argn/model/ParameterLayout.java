package dev.issosynth.generator.argn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each weight block of a {@link FlatModel} lives in its ONE flat parameter array (and the same-sized gradient
 * array). A Linear layer with {@code in} inputs and {@code out} outputs stores its weight row-major as
 * {@code in×out} (so {@code Y = X·W}) followed by a separate bias slice of length {@code out}. An embedding table of
 * a sub-column of cardinality c and width d is {@code c×d}. Blocks in order: the embedding tables, the column
 * compressions, then per head its regressor layers and its predictor. Immutable.
 */
final class ParameterLayout {
    final int[] embOff;      // embedding table of sub-column s
    final int[] compWOff;    // compression weight of column c, -1 when not compressed
    final int[] compBOff;    // compression bias of column c, -1 when not compressed
    final int[][] layerWOff; // regressor layer l of head s: weight
    final int[][] layerBOff; // ... and bias
    final int[] predWOff;    // predictor of head s: weight
    final int[] predBOff;    // ... and bias
    final int size;          // floats in all blocks
    private final List<FlatModel.Tensor> tensors = new ArrayList<>();
    private int cursor;

    ParameterLayout(ModelShape shape) {
        int nSub = shape.nSub;
        int nCol = shape.nCol;
        embOff = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            embOff[s] = alloc("emb[" + s + "]", shape.card[s] * shape.embDim[s]);
        }
        compWOff = new int[nCol];
        compBOff = new int[nCol];
        for (int c = 0; c < nCol; c++) {
            if (shape.compressed[c]) {
                compWOff[c] = alloc("compress[" + c + "].W", shape.concatWidth(c) * shape.colW[c]);
                compBOff[c] = alloc("compress[" + c + "].b", shape.colW[c]);
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
            int[] hidden = shape.hidden[s];
            layerWOff[s] = new int[hidden.length];
            layerBOff[s] = new int[hidden.length];
            int in = shape.dIn;
            for (int l = 0; l < hidden.length; l++) {
                layerWOff[s][l] = alloc("regressor[" + s + "][" + l + "].W", in * hidden[l]);
                layerBOff[s][l] = alloc("regressor[" + s + "][" + l + "].b", hidden[l]);
                in = hidden[l];
            }
            predWOff[s] = alloc("predictor[" + s + "].W", in * shape.card[s]);
            predBOff[s] = alloc("predictor[" + s + "].b", shape.card[s]);
        }
        size = cursor;
    }

    private int alloc(String name, int length) {
        int off = cursor;
        tensors.add(new FlatModel.Tensor(name, off, length));
        cursor = Math.addExact(off, length);
        return off;
    }

    /** The named blocks in parameter order. */
    List<FlatModel.Tensor> tensors() {
        return Collections.unmodifiableList(tensors);
    }
}
