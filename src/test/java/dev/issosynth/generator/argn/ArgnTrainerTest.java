package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ArgnTrainerTest {

    /** A ∈ {a,b,c,d}, B = "b" + A, C ∈ {u,v,w} independent. */
    static RawTable copiedColumnTable(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return TestTables.columns("A", "B", "C").rows(n, r -> {
            String a = String.valueOf((char) ('a' + rng.nextInt(4)));
            return new String[] {a, "b" + a, String.valueOf((char) ('u' + rng.nextInt(3)))};
        }).build();
    }

    static TrainingTable training(RawTable t) {
        return TrainingTable.of(t, MissingValues.defaults());
    }

    /** A medium model with these limits, the other knobs at their defaults. */
    static ArgnSettings.Builder options(int maxEpochs, double maxTrainingMinutes) {
        return ArgnSettings.builder().size(ModelSize.MEDIUM).maxEpochs(maxEpochs)
                .maxTrainingMinutes(maxTrainingMinutes);
    }

    @Test
    void learnsTheDependencyInAnyOrder() {
        RawTable t = copiedColumnTable(400, 5L);
        ArgnSettings opt = options(40, 1).build();
        long t0 = System.nanoTime();
        ArgnTrainer.Result r = ArgnTrainer.train(training(t), opt, 42L, Progress.silent());
        double secs = (System.nanoTime() - t0) / 1e9;
        double independent = 2 * Math.log(4) + Math.log(3); // Σ column entropies
        double optimum = Math.log(4) + Math.log(3); // B carries no information beyond A
        System.out.printf("argn trainer: %d epochs, %d steps, batch %d, val %.4f (independent %.4f, optimum %.4f),"
                + " %.0f train rows/s, %.2fs%n", r.epochs(), r.steps(), r.batchSize(), r.bestValLoss(), independent,
                optimum, r.trainRowsPerSecond(), secs);
        assertTrue(r.bestValLoss() < independent - 0.8, "val loss " + r.bestValLoss());
        assertTrue(r.epochs() >= 1 && r.steps() > 0);
    }

    @Test
    void sameSeedSameModel() {
        RawTable t = copiedColumnTable(200, 6L);
        ArgnSettings opt = options(3, 0).build();
        ArgnTrainer.Result r1 = ArgnTrainer.train(training(t), opt, 9L, Progress.silent());
        ArgnTrainer.Result r2 = ArgnTrainer.train(training(t), opt, 9L, Progress.silent());
        assertEquals(r1.epochs(), r2.epochs());
        assertArrayEquals(r1.model().params(), r2.model().params());
        assertEquals(r1.bestValLoss(), r2.bestValLoss());
    }

    @Test
    void trainsOnASeededSampleOfAtMostMaxTrainingRows() {
        RawTable t = copiedColumnTable(400, 7L);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Progress progress = new Progress(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8),
                false);
        ArgnSettings opt = options(2, 0).maxTrainingRows(100).build();
        ArgnTrainer.Result r1 = ArgnTrainer.train(training(t), opt, 3L, progress);
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("a seeded sample of 100 of the 400 rows (--max-training-rows 100)"), text);
        assertTrue(text.contains("80 training rows, 20 validation rows"), text); // the 80/20 split of the sample
        // same seed, same sample and model; a cap above the row count trains on every row
        assertArrayEquals(r1.model().params(), ArgnTrainer.train(training(t), opt, 3L, Progress.silent()).model().params());
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        ArgnTrainer.train(training(t), options(1, 0).maxTrainingRows(400).build(), 3L,
                new Progress(new java.io.PrintStream(all, true, java.nio.charset.StandardCharsets.UTF_8), false));
        String whole = all.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(whole.contains("seeded sample"), whole);
        assertTrue(whole.contains("320 training rows, 80 validation rows"), whole);
    }

    /** Each epoch's candidate checkpoint is the better of the live and the averaged weights; the best one is kept. */
    @Test
    void theKeptCheckpointIsTheBestOfTheLiveAndAveragedValidations() {
        RawTable t = copiedColumnTable(300, 8L);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Progress progress = new Progress(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8),
                false);
        ArgnTrainer.Result r = ArgnTrainer.train(training(t),
                options(60, 1).tableOrderShare(0.5).averageEpochs(1).build(), 4L, progress);
        java.util.regex.Pattern epoch = java.util.regex.Pattern.compile(
                "val loss ([0-9.]+), averaged ([0-9.]+) \\(best ([0-9.]+)\\)");
        double best = Double.POSITIVE_INFINITY;
        int lines = 0;
        boolean averageWon = false;
        for (String line : log.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            java.util.regex.Matcher m = epoch.matcher(line);
            if (m.find()) {
                double live = Double.parseDouble(m.group(1));
                double averaged = Double.parseDouble(m.group(2));
                averageWon |= averaged < live;
                best = Math.min(best, Math.min(live, averaged));
                assertEquals(best, Double.parseDouble(m.group(3)), 1e-4, line);
                lines++;
            }
        }
        assertEquals(r.epochs(), lines);
        assertEquals(best, r.bestValLoss(), 1e-4);
        assertTrue(averageWon, "on this table the average wins at least once: " + log);

        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        ArgnTrainer.train(training(t), options(2, 0).tableOrderShare(0.5).averageEpochs(0).build(), 4L,
                new Progress(new java.io.PrintStream(plain, true, java.nio.charset.StandardCharsets.UTF_8),
                false));
        assertFalse(plain.toString(java.nio.charset.StandardCharsets.UTF_8).contains("averaged"), "0 = off");
    }

    @Test
    void fixedOrderAndEpochLimit() {
        RawTable t = copiedColumnTable(100, 7L);
        ArgnSettings opt = options(2, 0).valueProtection(false).fixedOrder(true).build();
        ArgnTrainer.Result r = ArgnTrainer.train(training(t), opt, 1L, Progress.silent());
        assertEquals(2, r.epochs());
        assertTrue(Double.isFinite(r.bestValLoss()));
    }

    @Test
    void tableOrderShareOneIsFixedOrderAndTheShareMatters() {
        RawTable t = copiedColumnTable(150, 8L);
        float[] fixed = params(t, options(2, 0).fixedOrder(true).build());
        float[] shareOne = params(t, options(2, 0).tableOrderShare(1.0).build());
        float[] half = params(t, options(2, 0).tableOrderShare(0.5).build());
        float[] none = params(t, options(2, 0).tableOrderShare(0.0).build());
        assertArrayEquals(fixed, shareOne);
        assertFalse(java.util.Arrays.equals(half, none));
        assertFalse(java.util.Arrays.equals(half, shareOne));
        assertThrows(IllegalArgumentException.class,
                () -> options(2, 0).tableOrderShare(1.01).build());
        assertEquals(0.5, ArgnSettings.defaults().tableOrderShare());
    }

    private static float[] params(RawTable t, ArgnSettings opt) {
        return ArgnTrainer.train(training(t), opt, 3L, Progress.silent()).model().params();
    }
}
