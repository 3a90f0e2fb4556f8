package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyReferenceTest {
    /**
     * 8 rows, two categorical columns (4 encoded dimensions: one group, "all"): A three times, B twice, C, D, E once.
     * The 5 rows with a duplicate have leave-one-out distance 0, the other 3 a positive one.
     */
    private static RawTable table() {
        return columns("x", "y").row("a", "p").row("a", "p").row("a", "p").row("b", "q").row("b", "q")
                .row("c", "p").row("d", "q").row("e", "r").build();
    }

    private static PrivacyReference fit(RawTable t) {
        return PrivacyReference.fit(TrainingTable.of(t, MissingValues.defaults()), 100, 1, null);
    }

    /** Compact cells of rows given as text, for {@link PrivacyReference#measures}. */
    private static char[][] compact(PrivacyReference ref, RawTable rows) {
        String[][] cells = new String[rows.rowCount()][rows.columnCount()];
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                cells[r][c] = rows.cell(c, r);
            }
        }
        char[][] out = new char[ref.compactColumns()][rows.rowCount()];
        ref.compact(cells, cells.length, out, 0);
        return out;
    }

    @Test
    void leaveOneOutDistancesOfRepeatingRowsMakeABinOfExactMatches() {
        PrivacyReference ref = fit(table());
        assertEquals(1, ref.groups(), "4 dimensions: only the group of all");
        assertEquals(3, ref.marginals(), "distance, ratio and pool-sample measures");
        int distance = 0;
        assertEquals(PrivacyReference.DISTANCE, ref.kind(distance));
        // 5 of 8 distances are 0, so every quantile up to the median is 0: one edge, at 0
        assertArrayEquals(new double[] {0}, ref.edges(distance));
        assertArrayEquals(new double[] {5 / 8.0, 3 / 8.0}, ref.shares(distance), 1e-12);
        // a row at distance 0 is closer than the 3 positive reference distances and ties the 5 zeros
        assertEquals((3 + 0.5 * 5) / 8, ref.closerThanReal(distance, 0), 1e-12);
        assertEquals(0, ref.closerThanReal(distance, 10), 1e-12, "farther than every real record");
    }

    @Test
    void aPoolRowCopyingATrainingRowIsAtDistanceZeroAndItsOwnSampleRowIsLeftOut() {
        PrivacyReference ref = fit(table());
        RawTable pool = columns("x", "y").row("a", "p").row("a", "p").row("z", "z").build();
        CompactCells cells = CompactCells.of(compact(ref, pool));
        ref.usePoolSample(cells, new int[] {0, 1, 2}, 0.1, null);
        double real = ref.realCloserThanPool()[0];
        assertArrayEquals(new double[] {1 - (real - 0.1), real - 0.1}, ref.shares(2), 1e-12,
                "the pool-sample measure is capped at the training rows' own share less the margin");
        double[][] out = new double[3][3];
        ref.measures(cells, new int[] {0, 1, 2}, 3, out, null);
        assertEquals(0, out[0][0], "a copy of a training row");
        assertEquals(0, ref.bin(0, out[0][0]));
        assertTrue(out[0][2] > 0, "an unseen combination");
        assertEquals(1, ref.bin(0, out[0][2]));
        // row 0: training has its copy (0), the pool sample has row 1, the same text (0): a tie, not itself
        assertEquals(1, out[2][0]);
        assertEquals(PrivacyReference.TIE, ref.bin(2, out[2][0]));
        // row 2 ("z","z"): training holds ("a","p") and maybe closer rows, the pool sample only ("a","p")
        assertTrue(out[2][2] <= 1, "no farther from training than from the pool: " + out[2][2]);
        // near copies: 5 of 8 real records repeat another (the 1 % quantile is 0); 2 of 3 pool rows are copies
        assertEquals(5 / 8.0, ref.nearCopies().realShare(), 1e-12);
        assertEquals(2 / 3.0, ref.nearCopies().poolShare(), 1e-12);
        assertFalse(ref.nearCopies().memorising(), "copies at about the rate real records repeat");
    }

    @Test
    void theRatioBinsReachTheTenthSmallestRatioOfLargeTables() {
        // 10,000 distinct rows of three numbers: every ratio level is its own edge, the lowest at 1 row in 10,000
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        RawTable t = columns("a", "b", "c").rows(10_000, i -> new String[] {
                Double.toString(r.nextDouble()), Double.toString(r.nextDouble()), Double.toString(r.nextDouble())})
                .build();
        PrivacyReference ref = PrivacyReference.fit(TrainingTable.of(t, MissingValues.defaults()), 10_000, 1, null);
        int ratio = 1;
        assertEquals(PrivacyReference.RATIO, ref.kind(ratio));
        assertEquals(PrivacyReference.RATIO_LEVELS.length + 1, ref.bins(ratio));
        double[] shares = ref.shares(ratio);
        assertEquals(1 / 10_000.0, shares[0], 1e-12, "the 10th smallest of 100,000 rows lies at this level");
        assertEquals(PrivacyReference.RATIO_LEVELS[PrivacyReference.RATIO_LEVELS.length - 1],
                java.util.Arrays.stream(shares, 0, shares.length - 1).sum(), 1e-3);
    }

    @Test
    void aPoolOfCopiesOfUniqueTrainingRowsMemorises() {
        // 8 distinct rows: the closest 1 % of leave-one-out distances is the smallest one (and any equal to it)
        PrivacyReference ref = fit(columns("x", "y").row("a", "p").row("b", "q").row("c", "r").row("d", "s")
                .row("e", "t").row("f", "u").row("g", "v").row("h", "w").build());
        RawTable pool = columns("x", "y").row("a", "p").row("c", "r").row("e", "t").row("g", "v").row("z", "z")
                .build();
        ref.usePoolSample(CompactCells.of(compact(ref, pool)), new int[] {0, 1, 2, 3, 4}, 0.1, null);
        double real = ref.nearCopies().realShare();
        // a nearest pair shares its distance: at least 2 of 8
        assertTrue(real >= 2 / 8.0 && real < 0.5, "the smallest distances: " + ref.nearCopies());
        assertTrue(ref.nearCopies().poolShare() >= 0.8, "the four copies at least: " + ref.nearCopies());
        assertEquals(ref.nearCopies().poolShare() / real, ref.nearCopies().excess(), 1e-12);
        assertTrue(ref.nearCopies().memorising(), ref.nearCopies().toString());
    }

    @Test
    void measuresAreTheSameOnOneOrTwoThreadsAndNeedAPoolSample() {
        RawTable t = columns("x", "y", "z").rows(60, i -> new String[] {"v" + (i % 7), Integer.toString(i * 37 % 101),
                "w" + (i % 3)}).build();
        PrivacyReference ref = fit(t);
        CompactCells cells = CompactCells.of(compact(ref, t));
        int[] rows = new int[60];
        java.util.Arrays.setAll(rows, i -> i);
        assertThrows(IllegalStateException.class, () -> ref.measures(cells, rows, 60, new double[3][60], null));
        ref.usePoolSample(cells, new int[] {1, 5, 9, 20, 40}, 0.1, null);
        double[][] a = new double[ref.marginals()][60];
        double[][] b = new double[ref.marginals()][60];
        ref.measures(cells, rows, 60, a, null);
        try (Parallel par = new Parallel(2)) {
            ref.measures(cells, rows, 60, b, par);
        }
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        for (int i = 0; i < 60; i++) {
            assertEquals(0, a[0][i], "every reference row is at distance 0 from itself");
        }
        assertThrows(IllegalArgumentException.class, () -> ref.usePoolSample(cells, new int[] {1}, 0.5, null));
    }

    @Test
    void binsAreRightClosedAndEqualEdgesMerge() {
        double[] sorted = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        // numpy's linear quantiles at 1, 2, 5, 10 % (positions 0.1, 0.2, 0.5, 1.0 of 10): 0; at 20, 30, 50 %
        // (positions 2, 3, 5): 1, 2, 4. Equal edges once: {0, 1, 2, 4}
        assertArrayEquals(new double[] {0, 1, 2, 4}, PrivacyReference.edges(sorted, PrivacyReference.LEVELS), 1e-12);
        double[] e = {0, 0.5, 1.5};
        assertEquals(0, PrivacyReference.bin(e, 0));
        assertEquals(1, PrivacyReference.bin(e, 0.5), "an edge value falls in the bin it closes");
        assertEquals(2, PrivacyReference.bin(e, 0.6));
        assertEquals(3, PrivacyReference.bin(e, 99));
    }

    @Test
    void cellsFromTheBinningsParsedNumbersEqualCellsFromTheText() {
        // "-1" is a missing-value token that parses; "n.a." an unparseable non-missing cell; "" missing
        MissingValues na = MissingValues.defaults().withExtra(java.util.List.of("-1"));
        RawTable t = columns("n", "d", "c").row("1", "2020-01-01", "x").row("2.5", "2020-03-01", "y")
                .row("-1", "", "x").row("7", "2021-01-01", "z").row("", "2019-05-05", "y").build();
        TrainingTable train = TrainingTable.of(t, na);
        PrivacyReference ref = PrivacyReference.fit(train, 100, 1, null);
        String[][] rows = {{"3", "2020-02-01", "x"}, {"-1", "", "q"}, {"", "2030-01-01", ""}, {"n.a.", "x", "y"},
            {"1e+05", "2020-01-01", "z"}};
        char[][] fromText = new char[ref.compactColumns()][rows.length];
        char[][] fromValues = new char[ref.compactColumns()][rows.length];
        ref.compact(rows, rows.length, fromText, 0);
        double[] values = new double[rows.length];
        for (int c = 0; c < 3; c++) {
            int k = ref.compactColumnOf(c);
            if (ref.compactNumeric(k)) {
                train.schema().binning(c).encode(rows, c, rows.length, new byte[rows.length], 0, values);
                ref.compactValues(k, values, rows, rows.length, fromValues, 0);
            } else {
                ref.compact(rows, rows.length, fromValues, 0, k);
            }
        }
        for (int k = 0; k < fromText.length; k++) {
            assertArrayEquals(fromText[k], fromValues[k], "compact column " + k);
        }
        assertEquals(2, java.util.stream.IntStream.range(0, 3).filter(c -> ref.compactNumeric(ref.compactColumnOf(c)))
                .count(), "n and d are numbers");
    }
}
