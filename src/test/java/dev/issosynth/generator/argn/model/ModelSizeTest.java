package dev.issosynth.generator.argn.model;

import dev.issosynth.math.Gemms;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSizeTest {

    @Test
    void mediumEmbeddingDimsMatchDocExamples() {
        assertEquals(2, ModelSize.MEDIUM.subColumnEmbeddingDim(2));
        assertEquals(10, ModelSize.MEDIUM.subColumnEmbeddingDim(10));
        assertEquals(12, ModelSize.MEDIUM.subColumnEmbeddingDim(100));
        assertEquals(18, ModelSize.MEDIUM.subColumnEmbeddingDim(1000));
        assertEquals(30, ModelSize.MEDIUM.subColumnEmbeddingDim(10_000));
    }

    @Test
    void smallAndLargeEmbeddingDims() {
        // S: max(10, 2*ceil(c^0.15)); 1000^0.15 = 2.82 -> 6 -> 10; 10^6^0.15 = 7.94 -> 16
        assertEquals(3, ModelSize.SMALL.subColumnEmbeddingDim(3));
        assertEquals(10, ModelSize.SMALL.subColumnEmbeddingDim(1000));
        assertEquals(16, ModelSize.SMALL.subColumnEmbeddingDim(1_000_000));
        // L: max(10, 4*ceil(c^0.33)); 1000^0.33 = 9.77 -> 40
        assertEquals(40, ModelSize.LARGE.subColumnEmbeddingDim(1000));
        assertEquals(10, ModelSize.LARGE.subColumnEmbeddingDim(10));
    }

    @Test
    void hiddenWidths() {
        assertArrayEquals(new int[] {16}, ModelSize.MEDIUM.regressorLayers(2, 100));
        assertArrayEquals(new int[] {32}, ModelSize.MEDIUM.regressorLayers(10, 100));
        assertArrayEquals(new int[] {80}, ModelSize.MEDIUM.regressorLayers(100, 100));
        assertArrayEquals(new int[] {144}, ModelSize.MEDIUM.regressorLayers(10_000, 100));
        assertArrayEquals(new int[] {8}, ModelSize.SMALL.regressorLayers(10, 100));
        // L: [16 r(D_in), 16 r(c)]; r(1520) = round(7.33) = 7
        assertArrayEquals(new int[] {112, 32}, ModelSize.LARGE.regressorLayers(10, 1520));
    }

    @Test
    void rUsesHalfToEvenAndClampsAtE() {
        assertEquals(1, ModelSize.r(1));
        assertEquals(1, ModelSize.r(2));
        assertEquals(1, ModelSize.r(4)); // ln 4 = 1.386
        assertEquals(2, ModelSize.r(5)); // ln 5 = 1.609
    }

    @Test
    void compressionRule() {
        assertFalse(ModelSize.compresses(50, 3));
        assertTrue(ModelSize.compresses(51, 3));
        assertFalse(ModelSize.compresses(51, 2));
        assertEquals(13, ModelSize.MEDIUM.compressedColumnDim(3));
        assertEquals(7, ModelSize.SMALL.compressedColumnDim(3));
        assertEquals(19, ModelSize.LARGE.compressedColumnDim(3));
    }

    private static FlatModel table(int columns, int subsPerColumn, int card, ModelSize size) {
        int n = columns * subsPerColumn;
        int[] cards = new int[n];
        int[] cols = new int[n];
        Arrays.fill(cards, card);
        for (int s = 0; s < n; s++) {
            cols[s] = s / subsPerColumn;
        }
        return new FlatModel(cards, cols, size, 4, 1L, Gemms.scalar());
    }

    @Test
    void workedExampleMedium80x3() {
        FlatModel m = table(80, 3, 10, ModelSize.MEDIUM);
        assertEquals(240, m.subColumnCount());
        assertEquals(10, m.embeddingDim(0));
        assertTrue(m.isCompressed(0));
        assertEquals(13, m.columnEmbeddingDim(0));
        assertEquals(80 * 13 + 20, m.inputWidth());
        assertArrayEquals(new int[] {32}, m.hiddenLayers(5));
        long regressor = 240L * (m.inputWidth() * 32 + 32);
        assertTrue(regressor > 8_000_000 && regressor < 8_300_000, "regressor params " + regressor);
    }

    @Test
    void compressionOffAtFiftySubColumnsOrTwoPerColumn() {
        FlatModel fifty = table(25, 2, 10, ModelSize.MEDIUM); // 50 sub-cols, 2 per column
        assertFalse(fifty.isCompressed(0));
        assertEquals(20, fifty.columnEmbeddingDim(0));
        FlatModel two = table(30, 2, 10, ModelSize.MEDIUM); // 60 sub-cols but only 2 per column
        assertFalse(two.isCompressed(0));
        FlatModel notEnough = table(16, 3, 10, ModelSize.MEDIUM); // 48 sub-cols, 3 per column
        assertFalse(notEnough.isCompressed(0));
        assertEquals(30, notEnough.columnEmbeddingDim(0));
        FlatModel on = table(17, 3, 10, ModelSize.MEDIUM); // 51 sub-cols
        assertTrue(on.isCompressed(0));
        assertEquals(13, on.columnEmbeddingDim(0));
    }

    @Test
    void parameterLayoutIsContiguousAndComplete() {
        FlatModel m = new FlatModel(new int[] {3, 2, 4, 5}, new int[] {0, 0, 1, 2}, ModelSize.MEDIUM, 4, 7L,
                Gemms.scalar());
        int expected = 0;
        for (FlatModel.Tensor t : m.tensors()) {
            assertEquals(expected, t.offset(), t.name());
            expected += t.length();
        }
        assertEquals(m.parameterCount(), expected);
        // column widths 3+2, 4, 5 (no compression) + intra max = 3 (earlier sub-col of column 0)
        assertEquals(5 + 4 + 5 + 3, m.inputWidth());
        int dIn = m.inputWidth();
        int emb = 3 * 3 + 2 * 2 + 4 * 4 + 5 * 5;
        int heads = 0;
        int[] cards = {3, 2, 4, 5};
        for (int c : cards) {
            int h = ModelSize.MEDIUM.regressorLayers(c, dIn)[0];
            heads += dIn * h + h + h * c + c;
        }
        assertEquals(emb + heads, m.parameterCount());
    }

    @Test
    void predictorBiasIsLaplaceSmoothedLogFrequency() {
        FlatModel m = new FlatModel(new int[] {3}, new int[] {0}, ModelSize.SMALL, 4, 7L, Gemms.scalar());
        m.initPredictorBias(0, new int[] {0, 0, 0, 1});
        FlatModel.Tensor bias = m.tensors().stream().filter(t -> t.name().equals("predictor[0].b")).findFirst()
                .orElseThrow();
        assertEquals(Math.log(4.0 / 7), m.params()[bias.offset()], 1e-6);
        assertEquals(Math.log(2.0 / 7), m.params()[bias.offset() + 1], 1e-6);
        assertEquals(Math.log(1.0 / 7), m.params()[bias.offset() + 2], 1e-6);
    }
}
