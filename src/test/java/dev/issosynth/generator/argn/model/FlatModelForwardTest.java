package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatModelForwardTest {
    // columns: 0 = {sub 0 (c=3), sub 1 (c=2)}, 1 = {sub 2 (c=4)}, 2 = {sub 3 (c=2), sub 4 (c=3)}
    static final int[] CARDS = {3, 2, 4, 2, 3};
    static final int[] COLS = {0, 0, 1, 2, 2};

    static int[][] randomCodes(int[] cards, int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] codes = new int[cards.length][rows];
        for (int s = 0; s < cards.length; s++) {
            for (int r = 0; r < rows; r++) {
                codes[s][r] = rng.nextInt(cards[s]);
            }
        }
        return codes;
    }

    static FlatModel model(ModelSize size, int maxBatch) {
        return new FlatModel(CARDS, COLS, size, maxBatch, 42L, Gemms.scalar());
    }

    @Test
    void firstColumnIgnoresOtherColumns() {
        FlatModel m = model(ModelSize.MEDIUM, 8);
        int[][] codes = randomCodes(CARDS, 6, 1);
        int[] rows = {0, 1, 2, 3, 4, 5};
        int[] perm = {1, 2, 0}; // column 1 first
        m.forwardBackward(codes, rows, perm, false);
        float[] before = m.lastProbabilities(2);
        float[] col2Before = m.lastProbabilities(4);
        int[][] changed = randomCodes(CARDS, 6, 99);
        changed[2] = codes[2].clone(); // column 1 keeps its codes
        m.forwardBackward(changed, rows, perm, false);
        assertArrayEquals(before, m.lastProbabilities(2), 0f);
        // column 2 comes after column 1 only; changing column 0 must not matter, changing column 1 must
        int[][] onlyCol0 = deepCopy(codes);
        onlyCol0[0] = changed[0];
        onlyCol0[1] = changed[1];
        m.forwardBackward(onlyCol0, rows, perm, false);
        assertArrayEquals(col2Before, m.lastProbabilities(4), 0f);
        int[][] col1Changed = deepCopy(codes);
        for (int r = 0; r < 6; r++) {
            col1Changed[2][r] = (codes[2][r] + 1) % 4;
        }
        m.forwardBackward(col1Changed, rows, perm, false);
        assertFalse(Arrays.equals(col2Before, m.lastProbabilities(4)));
    }

    @Test
    void subColumnsSeeEarlierSubColumnsOfOwnColumnOnly() {
        FlatModel m = model(ModelSize.SMALL, 4);
        int[][] codes = randomCodes(CARDS, 4, 3);
        int[] rows = {0, 1, 2, 3};
        int[] perm = {0, 1, 2}; // column 0 first
        m.forwardBackward(codes, rows, perm, false);
        float[] first = m.lastProbabilities(0);
        float[] second = m.lastProbabilities(1);
        int[][] c2 = deepCopy(codes);
        for (int r = 0; r < 4; r++) {
            c2[1][r] = 1 - codes[1][r]; // the second sub-column's own code
        }
        m.forwardBackward(c2, rows, perm, false);
        assertArrayEquals(first, m.lastProbabilities(0), 0f);
        assertArrayEquals(second, m.lastProbabilities(1), 0f);
        int[][] c3 = deepCopy(codes);
        for (int r = 0; r < 4; r++) {
            c3[0][r] = (codes[0][r] + 1) % 3; // sub 0 precedes sub 1
        }
        m.forwardBackward(c3, rows, perm, false);
        assertArrayEquals(first, m.lastProbabilities(0), 0f);
        assertFalse(Arrays.equals(second, m.lastProbabilities(1)));
    }

    @Test
    void batchLossIsMeanOfRowLosses() {
        FlatModel m = model(ModelSize.MEDIUM, 8);
        int[][] codes = randomCodes(CARDS, 5, 5);
        int[] perm = {2, 0, 1};
        double batch = m.forwardBackward(codes, new int[] {0, 1, 2, 3, 4}, perm, false);
        double sum = 0;
        for (int r = 0; r < 5; r++) {
            sum += m.forwardBackward(codes, new int[] {r}, perm, false);
        }
        assertEquals(sum / 5, batch, 1e-5);
        assertTrue(batch > 0);
    }

    @Test
    void zeroPredictorWeightsGiveBiasOnlyCrossEntropy() {
        FlatModel m = model(ModelSize.MEDIUM, 8);
        int[][] codes = randomCodes(CARDS, 6, 8);
        for (FlatModel.Tensor t : m.tensors()) {
            if (t.name().startsWith("predictor[") && t.name().endsWith(".W")) {
                Arrays.fill(m.params(), t.offset(), t.offset() + t.length(), 0f);
            }
        }
        double expected = 0;
        for (int s = 0; s < CARDS.length; s++) {
            m.initPredictorBias(s, codes[s]);
            int[] counts = new int[CARDS[s]];
            for (int v : codes[s]) {
                counts[v]++;
            }
            for (int v : codes[s]) {
                expected -= Math.log((counts[v] + 1.0) / (6 + CARDS[s]));
            }
        }
        expected /= 6;
        double loss = m.forwardBackward(codes, new int[] {0, 1, 2, 3, 4, 5}, new int[] {1, 0, 2}, false);
        assertEquals(expected, loss, 1e-5);
        float[] p = m.lastProbabilities(2);
        double rowSum = 0;
        for (int k = 0; k < 4; k++) {
            rowSum += p[k];
        }
        assertEquals(1.0, rowSum, 1e-6);
    }

    @Test
    void rejectsBadInput() {
        FlatModel m = model(ModelSize.SMALL, 2);
        int[][] codes = randomCodes(CARDS, 3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> m.forwardBackward(codes, new int[] {0, 1, 2}, new int[] {0, 1, 2}, false));
        assertThrows(IllegalArgumentException.class,
                () -> m.forwardBackward(codes, new int[] {0}, new int[] {0, 0, 2}, false));
        codes[2][0] = 4;
        assertThrows(IllegalArgumentException.class,
                () -> m.forwardBackward(codes, new int[] {0}, new int[] {0, 1, 2}, false));
    }

    static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void ordinalInitialisationRampsDimensionZeroOfTheOrderedCodesOnly() {
        int[] cards = {7, 2};
        FlatModel m = new FlatModel(cards, new int[] {0, 1}, ModelSize.MEDIUM, 4, 1L, Gemms.scalar());
        float[] before = m.params().clone();
        m.initOrdinalEmbedding(0, 2);
        int dim = m.embeddingDim(0);
        for (int k = 0; k < 7; k++) {
            for (int j = 0; j < dim; j++) {
                int i = k * dim + j; // emb[0] is the first tensor
                if (j == 0 && k >= 2) {
                    assertEquals(Math.sqrt(3) * (2.0 * (k - 2) / 4 - 1), m.params()[i], 1e-6);
                } else {
                    assertEquals(before[i], m.params()[i], 0f);
                }
            }
        }
        float[] after = m.params().clone();
        m.initOrdinalEmbedding(1, 0); // cardinality 2: nothing to order
        m.initOrdinalEmbedding(0, -1); // unordered
        assertArrayEquals(after, m.params());
        assertEquals("emb[0]", m.tensors().get(0).name());
    }
}
