package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyEvaluatorTest {
    private static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));

    private static NearestNeighbours.Result result(double[] d1, double[] d2) {
        return new NearestNeighbours.Result(d1, d2, new int[d1.length]);
    }

    @Test
    void dcrShareCountsTiesHalfAndIdenticalMatchesExactly() {
        // synthetic rows' DCR to training vs to holdout: closer, farther, tie, tie at 0, closer at 0
        double[] toTrain = {0.1, 0.5, 0.3, 0.0, 0.0};
        double[] toHoldout = {0.2, 0.4, 0.3, 0.0, 0.7};
        NearestNeighbours.Result st = result(toTrain, new double[] {1, 1, 1, 1, 1});
        NearestNeighbours.Result sh = result(toHoldout, new double[] {1, 1, 1, 1, 1});
        PrivacyReport p = PrivacyEvaluator.report(5, 5, 3, st, sh, sh, 0);
        assertEquals((1 + 0 + 0.5 + 0.5 + 1) / 5.0, p.dcrShare(), 1e-15);
        assertEquals(2 / 5.0, p.identicalMatchShare(), 1e-15);
        assertEquals(1 / 5.0, p.identicalHoldoutShare(), 1e-15);
        assertEquals(0.18, p.dcrSyntheticTraining().mean(), 1e-15);
        assertEquals(0.1, p.dcrSyntheticTraining().median());
        assertEquals(0.0, p.dcrSyntheticTraining().p5());
        assertEquals(0.3, p.dcrSyntheticHoldout().median());
        // p5 of 0, .2, .3, .4, .7 (numpy linear): position 0.2 → 0.2 · 0.2
        assertEquals(0.04, p.dcrSyntheticHoldout().p5(), 1e-15);
    }

    @Test
    void nndrIsTheTenthSmallestRatioAndTheRatioOfBoth() {
        // 12 rows; ratios d1/d2 = 0.05·(i+1) for i = 0..11, in shuffled order: 10th smallest is 0.5
        int[] order = {7, 2, 11, 0, 9, 4, 1, 10, 3, 8, 5, 6};
        double[] d1 = new double[12];
        double[] d2 = new double[12];
        for (int k = 0; k < 12; k++) {
            d1[k] = 0.05 * (order[k] + 1);
            d2[k] = 1.0;
        }
        double expectTrain = (0.5 + 1e-8) / (1 + 1e-8);
        assertEquals(expectTrain, PrivacyEvaluator.nndr(result(d1, d2)), 1e-15);
        // holdout: every row has d1 = d2 (ratio 1)
        double[] ones = new double[12];
        java.util.Arrays.fill(ones, 0.25);
        NearestNeighbours.Result sh = result(ones, ones.clone());
        PrivacyReport p = PrivacyEvaluator.report(12, 12, 1, result(d1, d2), sh, sh, 0);
        assertEquals(expectTrain, p.nndrTraining(), 1e-15);
        assertEquals(1.0, p.nndrHoldout(), 1e-15);
        assertEquals(expectTrain, p.nndrRatio(), 1e-15);
        assertFalse(p.nndrRatioFails(), "just above 0.5 (the 1e-8 terms) passes");
        // a copy (d1 = 0) gives the tiny ratio 1e-8 / (d2 + 1e-8); fewer than 10 rows: the largest ratio
        assertEquals(1e-8 / (2 + 1e-8), PrivacyEvaluator.nndr(result(new double[] {0}, new double[] {2})), 1e-20);
    }

    @Test
    void quantileTransformMatchesTheLibrarysInterpolation() {
        double[] q = PrivacyEncoder.referenceQuantiles(new double[] {4, 0, 2, 1, 3});
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, q);
        assertEquals(0.5, PrivacyEncoder.transform(q, 2));
        assertEquals(0.625, PrivacyEncoder.transform(q, 2.5));
        assertEquals(0.0, PrivacyEncoder.transform(q, -1));
        assertEquals(1.0, PrivacyEncoder.transform(q, 9));
        // a run of equal quantiles maps to its middle: levels 0, 1/3, 2/3 for value 1 → 1/3
        assertEquals(1 / 3.0, PrivacyEncoder.transform(new double[] {1, 1, 1, 2}, 1), 1e-15);
        // 200 values 0..199 → 100 quantiles at 199·i/99
        double[] many = IntStream.range(0, 200).asDoubleStream().toArray();
        double[] q100 = PrivacyEncoder.referenceQuantiles(many);
        assertEquals(100, q100.length);
        assertEquals(199.0 * 50 / 99, q100[50], 1e-12);
    }

    @Test
    void encodingOfAHandMadeTable() {
        // x numeric 0..4, c categorical; one row with x missing
        RawTable t = columns("x", "c")
                .row("0", "a")
                .row("1", "b")
                .row("2", "a")
                .row("3", "b")
                .row("4", "a")
                .row("", "a")
                .build();
        Schema schema = Schema.fit(t, NA);
        PrivacyEncoder enc = new PrivacyEncoder(schema, NA, t, t);
        // x: value + missing flag; c: one-hot a, b + one "other" slot
        assertEquals(2 + 3, enc.dim());
        float[] x = enc.encode(t);
        // row 2: x = 2 → 0.0, flag −0.5, c = a → 1/√2; length √(0.25 + 0.5)
        double len = Math.sqrt(0.25 + 0.5);
        assertEquals(0.0, x[2 * 5], 1e-7);
        assertEquals(-0.5 / len, x[2 * 5 + 1], 1e-7);
        assertEquals(Math.sqrt(0.5) / len, x[2 * 5 + 2], 1e-7);
        // unseen category → the "other" slot
        RawTable u = columns("c", "x").row("zzz", "4").build();
        float[] y = enc.encode(u);
        assertEquals(0f, y[2]);
        assertEquals(0f, y[3]);
        assertTrue(y[4] > 0);
    }

    private static RawTable[] split(RawTable t, int parts, long seed) {
        int n = t.rowCount();
        int[] idx = IntStream.range(0, n).toArray();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        RawTable[] out = new RawTable[parts];
        int size = n / parts;
        for (int p = 0; p < parts; p++) {
            out[p] = t.selectRows(java.util.Arrays.copyOfRange(idx, p * size, (p + 1) * size));
        }
        return out;
    }

    private static PrivacyReport evaluate(RawTable train, RawTable holdout, RawTable synth, int cap, int threads) {
        try (Parallel par = new Parallel(threads)) {
            return PrivacyEvaluator.evaluate(TrainingTable.of(train, NA), holdout, synth, cap, 42, par);
        }
    }

    @Test
    void copiesOfTrainingGiveShareOneAndAFreshSplitAboutOneHalf() {
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 3, 5);
        RawTable train = parts[0];
        RawTable holdout = parts[1];
        PrivacyReport copies = evaluate(train, holdout, train, 10_000, 2);
        assertEquals(1.0, copies.dcrShare());
        assertEquals(1.0, copies.identicalMatchShare());
        assertEquals(0.0, copies.dcrSyntheticTraining().mean());
        assertTrue(copies.fails());

        PrivacyReport fresh = evaluate(train, holdout, parts[2], 10_000, 2);
        assertEquals(0.5, fresh.dcrShare(), 0.05, "a fresh real sample is as close to training as to holdout");
        assertEquals(0.0, fresh.identicalMatchShare());
        assertEquals(1.0, fresh.nndrRatio(), 0.5);
        assertFalse(fresh.fails(), fresh.toString());
        // DCR of the fresh rows to training looks like the holdout's own DCR to training
        assertEquals(fresh.dcrHoldoutTraining().median(), fresh.dcrSyntheticTraining().median(), 0.05);
    }

    @Test
    void identicalMatchShareIsExactForAMix() {
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 3, 9);
        RawTable train = parts[0];
        // synthetic: 30 training rows + 70 rows of the third part
        int[] fromTrain = IntStream.range(0, 30).map(i -> i * 7).toArray();
        RawTable a = train.selectRows(fromTrain);
        RawTable b = parts[2].headRows(70);
        String[][] cols = new String[a.columnCount()][100];
        for (int c = 0; c < a.columnCount(); c++) {
            System.arraycopy(a.column(c), 0, cols[c], 0, 30);
            System.arraycopy(b.column(c), 0, cols[c], 30, 70);
        }
        RawTable synth = new RawTable(a.header(), cols);
        PrivacyReport p = evaluate(train, parts[1], synth, 10_000, 1);
        assertEquals(0.3, p.identicalMatchShare(), 1e-15);
    }

    @Test
    void samplesAreCappedSeededAndThreadIndependent() {
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 3, 5);
        PrivacyReport one = evaluate(parts[0], parts[1], parts[2], 300, 1);
        PrivacyReport two = evaluate(parts[0], parts[1], parts[2], 300, 2);
        assertEquals(300, one.trainingSample());
        assertEquals(300, one.holdoutSample());
        assertEquals(300, one.syntheticSample());
        assertEquals(one.dcrShare(), two.dcrShare());
        assertEquals(one.nndrRatio(), two.nndrRatio());
        assertEquals(one.dcrSyntheticTraining(), two.dcrSyntheticTraining());
        assertEquals(one.dcrHoldoutTraining(), two.dcrHoldoutTraining());
    }
}
