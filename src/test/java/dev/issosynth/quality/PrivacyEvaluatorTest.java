package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.fixture;
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
        PrivacyReport.Group p = PrivacyEvaluator.group("all", List.of(), List.of(), st, sh);
        assertEquals((1 + 0 + 0.5 + 0.5 + 1) / 5.0, p.dcrShare(), 1e-15);
        assertEquals(2 / 5.0, p.identicalMatchShare(), 1e-15);
        assertEquals(1 / 5.0, p.identicalHoldoutShare(), 1e-15);
        PrivacyReport.Summary s = PrivacyEvaluator.summary(toTrain);
        assertEquals(0.18, s.mean(), 1e-15);
        assertEquals(0.1, s.median());
        assertEquals(0.0, s.p5());
        PrivacyReport.Summary h = PrivacyEvaluator.summary(toHoldout);
        assertEquals(0.3, h.median());
        // p5 of 0, .2, .3, .4, .7 (numpy linear): position 0.2 → 0.2 · 0.2
        assertEquals(0.04, h.p5(), 1e-15);
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
        PrivacyReport.Group p = PrivacyEvaluator.group("all", List.of(), List.of(), result(d1, d2), sh);
        assertEquals(expectTrain, p.nndrTraining(), 1e-15);
        assertEquals(1.0, p.nndrHoldout(), 1e-15);
        assertEquals(expectTrain, p.nndrRatio(), 1e-15);
        assertFalse(p.nndrRatioFails(), "just above 0.5 (the 1e-8 terms) passes");
        // a copy (d1 = 0) gives the tiny ratio 1e-8 / (d2 + 1e-8); fewer than 10 rows: the largest ratio
        assertEquals(1e-8 / (2 + 1e-8), PrivacyEvaluator.nndr(result(new double[] {0}, new double[] {2})), 1e-20);
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
        PrivacyReport copies = evaluate(train, holdout, train, 0, 2);
        for (PrivacyReport.Group g : copies.groups()) {
            assertEquals(1.0, g.dcrShare(), g.name());
            assertEquals(1.0, g.identicalMatchShare(), g.name());
        }
        assertEquals(0.0, copies.dcrSyntheticTraining().mean());
        assertTrue(copies.fails());
        // all groups tie at 1.0: the last one is the headline, as the library keeps the later group on a tie
        assertEquals(copies.groups().size() - 1, copies.worst());

        PrivacyReport fresh = evaluate(train, holdout, parts[2], 0, 2);
        PrivacyReport.Group all = fresh.groups().get(0);
        assertEquals("all", all.name());
        assertEquals(0.5, all.dcrShare(), 0.05, "a fresh real sample is as close to training as to holdout");
        assertEquals(0.0, all.identicalMatchShare());
        assertEquals(1.0, all.nndrRatio(), 0.5);
        // the headline is the highest share of the seven groups: at least the all-columns share
        assertEquals(7, fresh.groups().size());
        assertTrue(fresh.dcrShare() >= all.dcrShare());
        for (PrivacyReport.Group g : fresh.groups()) {
            assertTrue(g.dcrShare() <= fresh.dcrShare(), g.name());
        }
    }

    @Test
    void identicalMatchShareIsExactForAMix() {
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 3, 9);
        RawTable train = parts[0];
        // synthetic, as large as training: 200 training rows + 466 rows of the third part
        int[] fromTrain = IntStream.range(0, 200).map(i -> i * 3).toArray();
        RawTable a = train.selectRows(fromTrain);
        RawTable b = parts[2].headRows(466);
        String[][] cols = new String[a.columnCount()][666];
        for (int c = 0; c < a.columnCount(); c++) {
            System.arraycopy(a.column(c), 0, cols[c], 0, 200);
            System.arraycopy(b.column(c), 0, cols[c], 200, 466);
        }
        RawTable synth = new RawTable(a.header(), cols);
        PrivacyReport p = evaluate(train, parts[1], synth, 0, 1);
        assertEquals(666, p.syntheticSample());
        assertEquals(200 / 666.0, p.groups().get(0).identicalMatchShare(), 1e-15);
    }

    /**
     * Training, holdout and synthetic tables of 13 numeric columns: a, b, c strongly correlated (one latent value
     * plus a little noise), x1..x10 independent 0/1 columns. Each 0/1 column encodes to ±0.5 whatever its value, so
     * every row's squared length is the same up to its a, b, c part: a synthetic row that copies a training row's
     * a, b, c has exactly that row's a, b, c coordinates, whatever its x columns.
     */
    private static RawTable correlatedTable(int rows, SplittableRandom rnd, RawTable copyFrom) {
        String[] names = new String[13];
        names[0] = "a";
        names[1] = "b";
        names[2] = "c";
        for (int k = 1; k <= 10; k++) {
            names[2 + k] = "x" + k;
        }
        String[][] cols = new String[13][rows];
        for (int r = 0; r < rows; r++) {
            if (copyFrom != null) {
                int src = rnd.nextInt(copyFrom.rowCount());
                for (int c = 0; c < 3; c++) {
                    cols[c][r] = copyFrom.cell(c, src);
                }
            } else {
                double z = rnd.nextDouble();
                for (int c = 0; c < 3; c++) {
                    cols[c][r] = String.format(java.util.Locale.ROOT, "%.6f", z + 0.05 * rnd.nextDouble());
                }
            }
            for (int k = 3; k < 13; k++) {
                cols[k][r] = rnd.nextBoolean() ? "1" : "0";
            }
        }
        return new RawTable(names, cols);
    }

    @Test
    void aCopyOnThreeCorrelatedColumnsFailsInTheirGroupWhileAllColumnsLookFine() {
        SplittableRandom rnd = new SplittableRandom(17);
        RawTable train = correlatedTable(400, rnd, null);
        RawTable holdout = correlatedTable(400, rnd, null);
        RawTable synth = correlatedTable(400, rnd, train);
        PrivacyReport p = evaluate(train, holdout, synth, 0, 2);
        assertEquals(13, p.dim());
        assertEquals(List.of("all", "correlated 1", "correlated 2", "correlated 3", "random 1", "random 2", "random 3"),
                p.groups().stream().map(PrivacyReport.Group::name).toList());
        PrivacyReport.Group all = p.groups().get(0);
        assertTrue(all.dcrShare() < 0.65 && all.dcrShare() > 0.35, "all columns: " + all);
        assertEquals(0.0, all.identicalMatchShare());
        // the group of a, b, c (spectral clustering of the correlations) is exactly those three columns
        PrivacyReport.Group abc = p.groups().stream().filter(g -> g.columns().contains("a")).filter(
                g -> g.name().startsWith("correlated")).findFirst().orElseThrow();
        assertEquals(List.of("a", "b", "c"), abc.columns());
        // every synthetic row has the exact a, b, c of a training row: all closer to training, all identical
        assertEquals(1.0, abc.dcrShare());
        assertEquals(1.0, abc.identicalMatchShare());
        assertTrue(abc.nndrRatio() < 0.5, abc.toString());
        // the headline is that group, and the result fails
        assertEquals(abc, p.worstGroup());
        assertEquals(1.0, p.dcrShare());
        assertTrue(p.fails());
        assertEquals(0.0, p.dcrSyntheticTraining().median());
    }

    @Test
    void theHeadlineIsTheHighestShareTheLaterGroupOnATie() {
        List<PrivacyReport.Group> groups = new java.util.ArrayList<>();
        for (double share : new double[] {0.5, 0.61, 0.61, 0.4}) {
            groups.add(new PrivacyReport.Group("g" + share, List.of(), List.of(), share, 1, 1, 1, 0, 0));
        }
        assertEquals(2, PrivacyEvaluator.worst(groups));
    }

    @Test
    void allRowsByDefaultEachTableCutToTheSmallest() {
        assertEquals(300, PrivacyEvaluator.sampleSize(500, 300, 1000, 0));
        assertEquals(250, PrivacyEvaluator.sampleSize(500, 300, 250, 0));
        assertEquals(100, PrivacyEvaluator.sampleSize(500, 300, 1000, 100));
        assertEquals(300, PrivacyEvaluator.sampleSize(500, 300, 1000, 100_000));
        PrivacyEvaluator.requireSample(0);
        PrivacyEvaluator.requireSample(2);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PrivacyEvaluator.requireSample(1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PrivacyEvaluator.requireSample(-3));
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 4, 5);
        RawTable bigger = parts[0];
        PrivacyReport p = evaluate(bigger, parts[1].headRows(400), parts[2], 0, 2);
        assertEquals(400, p.trainingSample());
        assertEquals(400, p.holdoutSample());
        assertEquals(400, p.syntheticSample());
    }

    @Test
    void samplesAreCappedSeededAndThreadIndependent() {
        RawTable[] parts = split(fixture("census_2000.csv.gz"), 3, 5);
        PrivacyReport one = evaluate(parts[0], parts[1], parts[2], 300, 1);
        PrivacyReport two = evaluate(parts[0], parts[1], parts[2], 300, 2);
        assertEquals(300, one.trainingSample());
        assertEquals(300, one.holdoutSample());
        assertEquals(300, one.syntheticSample());
        assertEquals(one.groups(), two.groups());
        assertEquals(one.worst(), two.worst());
        assertEquals(one.dcrSyntheticTraining(), two.dcrSyntheticTraining());
        assertEquals(one.dcrHoldoutTraining(), two.dcrHoldoutTraining());
    }
}
