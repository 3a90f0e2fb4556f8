package dev.issosynth.generator.argn.encoding;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ImputationTest {
    @Test
    void missingRowsGetTheModeOfEachValueSubColumn() {
        // sub-column 0 (the nan flag) is left alone; sub-column 1 mode 2, sub-column 2 tie 0/3 -> 0
        int[][] codes = {
            {0, 1, 0, 0, 1, 0},
            {2, 9, 2, 1, 9, 5},
            {3, 9, 0, 3, 9, 0},
        };
        boolean[] present = {true, false, true, true, false, true};
        Imputation.impute(codes, present, 1, new SplittableRandom(1));
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 0}, codes[0]);
        assertArrayEquals(new int[] {2, 2, 2, 1, 2, 5}, codes[1]);
        assertArrayEquals(new int[] {3, 0, 0, 3, 0, 0}, codes[2]);
    }

    @Test
    void allPresentOrAllMissingIsUntouched() {
        int[][] codes = {{4, 5}};
        Imputation.impute(codes, new boolean[] {true, true}, 0, new SplittableRandom(1));
        assertArrayEquals(new int[] {4, 5}, codes[0]);
        Imputation.impute(codes, new boolean[] {false, false}, 0, new SplittableRandom(1));
        assertArrayEquals(new int[] {4, 5}, codes[0]);
    }
}
