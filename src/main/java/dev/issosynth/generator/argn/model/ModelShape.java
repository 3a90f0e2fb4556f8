package dev.issosynth.generator.argn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The structure of a {@link FlatModel}: sub-columns and their columns, embedding widths, which columns are
 * compressed, the regressor input width shared by all heads and each head's layer widths. Immutable; the arrays are
 * read directly by the compute classes of this package and never written after construction.
 *
 * <p><b>Regressor input.</b> Every head has the same input width {@code dIn = Σ column-embedding widths + max over
 * columns of (Σ embedding widths of all but the column's last sub-column)}. Rows {@code [colPos(k), colPos(k)+w_k)}
 * of a head's first-layer weight meet column k's embedding, which the head sees only if k comes strictly before the
 * head's column in the batch's column permutation; the tail rows {@code [cWidth, cWidth + intra)} meet the raw
 * embeddings of the earlier sub-columns of the head's own column (fixed order).
 */
final class ModelShape {
    final int nSub;
    final int nCol;
    final int[] card;          // cardinality of sub-column s
    final int[] colOf;         // column of sub-column s
    final int[] colFirst;      // first sub-column of column c
    final int[] colCount;      // sub-columns of column c
    final int[] embDim;        // embedding width of sub-column s
    final int[] subEmbPos;     // start of sub-column s in a row of all sub-column embeddings (width eWidth)
    final int eWidth;
    final int[] colW;          // width of column c's embedding (compressed or the concatenation)
    final int[] colPos;        // start of column c in a row of all column embeddings (width cWidth)
    final int cWidth;
    final boolean[] compressed;
    final int dIn;             // regressor input width of every head
    final int[][] hidden;      // regressor layer widths of head s

    final int[] intraW;        // width of the own column's earlier sub-column embeddings seen by head s
    final int[] h0;            // first regressor layer width of head s
    final int[] wcOff;         // offset of head s's gathered first-layer weights (dIn × h0) in a pass's wc
    final long wcTotal;        // Σ dIn × h0
    final int maxLayers;
    final int[] maxHidden;     // per layer index, max width over heads
    final int maxCard;

    /**
     * @param cardinalities sub-column cardinalities, non-empty, one per entry of {@code columnOfSub} (the caller
     *                      checks the lengths)
     * @param columnOfSub   column index of each sub-column (non-decreasing, 0..nCol-1, every column non-empty)
     */
    ModelShape(int[] cardinalities, int[] columnOfSub, ModelSize size) {
        card = cardinalities.clone();
        colOf = columnOfSub.clone();
        checkColumns(card, colOf);
        nSub = card.length;
        nCol = colOf[nSub - 1] + 1;
        colFirst = new int[nCol];
        colCount = new int[nCol];
        for (int s = nSub - 1; s >= 0; s--) {
            colFirst[colOf[s]] = s;
            colCount[colOf[s]]++;
        }
        embDim = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            embDim[s] = size.subColumnEmbeddingDim(card[s]);
        }
        subEmbPos = starts(embDim);
        eWidth = total(embDim);
        colW = new int[nCol];
        compressed = new boolean[nCol];
        int intra = 0;
        for (int c = 0; c < nCol; c++) {
            int concat = concatWidth(c);
            compressed[c] = ModelSize.compresses(nSub, colCount[c]);
            colW[c] = compressed[c] ? size.compressedColumnDim(colCount[c]) : concat;
            intra = Math.max(intra, concat - embDim[colFirst[c] + colCount[c] - 1]);
        }
        colPos = starts(colW);
        cWidth = total(colW);
        dIn = cWidth + intra;
        hidden = new int[nSub][];
        intraW = new int[nSub];
        h0 = new int[nSub];
        wcOff = new int[nSub];
        long wc = 0;
        for (int s = 0; s < nSub; s++) {
            hidden[s] = size.regressorLayers(card[s], dIn);
            intraW[s] = subEmbPos[s] - subEmbPos[colFirst[colOf[s]]];
            h0[s] = hidden[s][0];
            wcOff[s] = Math.toIntExact(wc);
            wc += (long) dIn * h0[s];
        }
        wcTotal = wc;
        maxHidden = maxWidths(hidden);
        maxLayers = maxHidden.length;
        maxCard = Math.max(1, Arrays.stream(card).max().getAsInt());
    }

    private static void checkColumns(int[] card, int[] colOf) {
        if (colOf[0] != 0) {
            throw new IllegalArgumentException("first sub-column must belong to column 0");
        }
        for (int s = 0; s < card.length; s++) {
            if (card[s] < 1) {
                throw new IllegalArgumentException("cardinality of sub-column " + s + " is " + card[s]);
            }
            if (s > 0 && colOf[s] != colOf[s - 1] && colOf[s] != colOf[s - 1] + 1) {
                throw new IllegalArgumentException("column indices must be contiguous and non-decreasing");
            }
        }
    }

    /** Start of each width in their concatenation. */
    private static int[] starts(int[] widths) {
        int[] pos = new int[widths.length];
        int at = 0;
        for (int i = 0; i < widths.length; i++) {
            pos[i] = at;
            at += widths[i];
        }
        return pos;
    }

    private static int total(int[] widths) {
        int sum = 0;
        for (int w : widths) {
            sum += w;
        }
        return sum;
    }

    /** Per layer index, the largest width of that layer over the heads that have it. */
    private static int[] maxWidths(int[][] hidden) {
        int layers = 0;
        for (int[] h : hidden) {
            layers = Math.max(layers, h.length);
        }
        int[] max = new int[layers];
        for (int[] h : hidden) {
            for (int l = 0; l < h.length; l++) {
                max[l] = Math.max(max[l], h[l]);
            }
        }
        return max;
    }

    /** Width of the concatenated sub-column embeddings of column {@code c} (its input before compression). */
    int concatWidth(int c) {
        int w = 0;
        for (int s = colFirst[c]; s < colFirst[c] + colCount[c]; s++) {
            w += embDim[s];
        }
        return w;
    }

    /** The position of each column in {@code order}, which must be a permutation of the columns. */
    int[] ranks(int[] order) {
        if (order.length != nCol) {
            throw new IllegalArgumentException("permutation of " + order.length + " columns, model has " + nCol);
        }
        int[] rank = new int[nCol];
        Arrays.fill(rank, -1);
        for (int i = 0; i < nCol; i++) {
            int c = order[i];
            if (c < 0 || c >= nCol || rank[c] >= 0) {
                throw new IllegalArgumentException("not a permutation of 0.." + (nCol - 1));
            }
            rank[c] = i;
        }
        return rank;
    }

    /**
     * The sub-columns head {@code s} sees when its column is at {@code pos} of {@code perm}: those of the columns
     * before it, then its own column's earlier sub-columns (the order the lookup tables are summed in).
     */
    int[] visibleSubColumns(int s, int[] perm, int pos) {
        List<Integer> subs = new ArrayList<>();
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

    /** The heads, most expensive first: dynamic scheduling over threads balances better that way. */
    int[] headsByCost() {
        Integer[] order = new Integer[nSub];
        for (int s = 0; s < nSub; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (x, y) -> Long.compare(headCost(y), headCost(x)));
        int[] heads = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            heads[s] = order[s];
        }
        return heads;
    }

    /** Relative cost of one head (regressor weights it multiplies), for the task order. */
    private long headCost(int s) {
        long cost = (long) dIn * hidden[s][0];
        for (int l = 1; l < hidden[s].length; l++) {
            cost += (long) hidden[s][l - 1] * hidden[s][l];
        }
        return cost + (long) hidden[s][hidden[s].length - 1] * card[s];
    }

    int checkedCode(int[][] codes, int s, int row) {
        int code = codes[s][row];
        if (code < 0 || code >= card[s]) {
            throw new IllegalArgumentException("code " + code + " of sub-column " + s + " row " + row
                    + " outside 0.." + (card[s] - 1));
        }
        return code;
    }

    /** Checks the arguments of a generation call on buffers of {@code capacity} rows. */
    void checkHeadArgs(int sub, int[][] codes, int[] rows, int count, int capacity) {
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
}
