package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Threads and generation contexts give exactly the single-threaded results. */
class FlatModelParallelTest {
    // 69 sub-columns (> 50): 30 columns of 2 sub-columns (not compressed) and 3 of 3 sub-columns (compressed)
    private static final int[] CARDS;
    private static final int[] COLS;

    static {
        int nSub = 69;
        CARDS = new int[nSub];
        COLS = new int[nSub];
        for (int s = 0; s < 60; s++) {
            CARDS[s] = 2 + s % 5;
            COLS[s] = s / 2;
        }
        for (int s = 60; s < nSub; s++) {
            CARDS[s] = 3 + s % 3;
            COLS[s] = 30 + (s - 60) / 3;
        }
    }

    private static float[] train(int threads, ModelSize size) {
        FlatModel m = new FlatModel(CARDS, COLS, size, 70, 5L, Gemms.best());
        int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 200, 9);
        AdamW opt = new AdamW(0.01);
        m.registerWith(opt);
        try (Parallel par = new Parallel(threads)) {
            m.setParallel(par);
            SplittableRandom rng = new SplittableRandom(4);
            int[] rows = new int[70];
            int[] perm = new int[m.columnCount()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            for (int step = 0; step < 4; step++) {
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = rng.nextInt(200);
                }
                for (int i = perm.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                opt.zeroGrad();
                m.forwardBackward(codes, rows, perm, true, true, rng);
                opt.step();
            }
            m.setParallel(null);
        }
        return m.params().clone();
    }

    @Test
    void trainingIsBitIdenticalForOneTwoAndThreeThreads() {
        for (ModelSize size : new ModelSize[] {ModelSize.MEDIUM, ModelSize.LARGE}) {
            float[] one = train(1, size);
            assertArrayEquals(one, train(2, size), size.name());
            assertArrayEquals(one, train(3, size), size.name());
        }
    }

    @Test
    void generationContextsMatchHeadLogitsAndRunConcurrently() throws Exception {
        checkGenerationContexts(ModelSize.MEDIUM);
        checkGenerationContexts(ModelSize.LARGE); // two regressor layers
    }

    private static void checkGenerationContexts(ModelSize size) throws Exception {
        FlatModel m = new FlatModel(CARDS, COLS, size, 40, 6L, Gemms.best());
        int nCol = m.columnCount();
        int[] order = new int[nCol];
        for (int i = 0; i < nCol; i++) {
            order[i] = (i * 7) % nCol; // 7 and 33 are coprime: a permutation
        }
        int[][] codes = FlatModelForwardTest.randomCodes(CARDS, 40, 12);
        int[] rows = new int[40];
        for (int r = 0; r < 40; r++) {
            rows[r] = 39 - r;
        }
        // expected: the model's own generation path, sub-column by sub-column in the order
        float[][] expected = new float[CARDS.length][];
        for (int s = 0; s < CARDS.length; s++) {
            expected[s] = new float[40 * CARDS[s]];
            m.headLogits(s, codes, rows, 40, order, expected[s]);
        }
        // threads 0 and 1 share first-layer tables, thread 2 embeds and multiplies (no tables)
        FirstLayerTables tables = m.firstLayerTables(order);
        Thread[] threads = new Thread[3];
        float[][][] got = new float[3][][];
        for (int t = 0; t < 3; t++) {
            int id = t;
            threads[t] = new Thread(() -> got[id] = contextLogits(m, order, id < 2 ? tables : null, codes, rows));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int s = 0; s < CARDS.length; s++) {
            assertArrayEquals(got[0][s], got[1][s], size + ", both contexts, sub-column " + s);
            // the first layer is summed from lookup tables, in another order than the GEMM: equal up to rounding
            assertArrayEquals(expected[s], got[0][s], 1e-5f, size + ", sub-column " + s);
            assertArrayEquals(expected[s], got[2][s], size + ", without tables, sub-column " + s);
        }
        assertNull(m.firstLayerTables(order, 0), "over the budget: no tables");
        int[] other = order.clone();
        other[0] = order[1];
        other[1] = order[0];
        assertThrows(IllegalArgumentException.class, () -> m.newGenerationContext(other, tables, 8));
        GenerationContext ctx = m.newGenerationContext(order, 8);
        assertThrows(IllegalArgumentException.class, () -> ctx.logits(0, codes, rows, 9));
        assertThrows(IllegalArgumentException.class, () -> m.newGenerationContext(new int[] {0}, 8));
        assertEquals(CARDS.length, subColumnsInOrder(order).length);
    }

    /** Logits of every sub-column from one context, three batches in a row (the last kept), cardinality-wide. */
    private static float[][] contextLogits(FlatModel m, int[] order, FirstLayerTables tables, int[][] codes,
            int[] rows) {
        GenerationContext ctx = m.newGenerationContext(order, tables, 40);
        float[][] got = new float[CARDS.length][];
        for (int round = 0; round < 3; round++) {
            ctx.startBatch();
            for (int s : subColumnsInOrder(order)) {
                // the context's rows are padded to the GEMM tile width: compare the cardinality prefixes
                int stride = ctx.logitStride(s);
                float[] padded = ctx.logits(s, codes, rows, 40);
                got[s] = new float[40 * CARDS[s]];
                for (int r = 0; r < 40; r++) {
                    System.arraycopy(padded, r * stride, got[s], r * CARDS[s], CARDS[s]);
                }
            }
        }
        return got;
    }

    private static int[] subColumnsInOrder(int[] order) {
        int[] out = new int[CARDS.length];
        int k = 0;
        for (int c : order) {
            for (int s = 0; s < CARDS.length; s++) {
                if (COLS[s] == c) {
                    out[k++] = s;
                }
            }
        }
        return out;
    }
}
