package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
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

    @Test
    void learnsTheDependencyInAnyOrder() {
        RawTable t = copiedColumnTable(400, 5L);
        ArgnTrainer.Options opt = new ArgnTrainer.Options(ModelSize.MEDIUM, 40, 1, true, false);
        long t0 = System.nanoTime();
        ArgnTrainer.Result r = ArgnTrainer.train(t, MissingValues.defaults(), opt, 42L, null);
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
        ArgnTrainer.Options opt = new ArgnTrainer.Options(ModelSize.MEDIUM, 3, 0, true, false);
        ArgnTrainer.Result r1 = ArgnTrainer.train(t, MissingValues.defaults(), opt, 9L, null);
        ArgnTrainer.Result r2 = ArgnTrainer.train(t, MissingValues.defaults(), opt, 9L, null);
        assertEquals(r1.epochs(), r2.epochs());
        assertArrayEquals(r1.model().params(), r2.model().params());
        assertEquals(r1.bestValLoss(), r2.bestValLoss());
    }

    /** Each epoch's candidate checkpoint is the better of the live and the averaged weights; the best one is kept. */
    @Test
    void theKeptCheckpointIsTheBestOfTheLiveAndAveragedValidations() {
        RawTable t = copiedColumnTable(300, 8L);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Progress progress = new Progress(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8),
                false);
        ArgnTrainer.Result r = ArgnTrainer.train(t, MissingValues.defaults(),
                new ArgnTrainer.Options(ModelSize.MEDIUM, 60, 1, true, false, 0.5, 1), 4L, progress);
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
        ArgnTrainer.train(t, MissingValues.defaults(), new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, false,
                0.5, 0), 4L, new Progress(new java.io.PrintStream(plain, true, java.nio.charset.StandardCharsets.UTF_8),
                false));
        assertFalse(plain.toString(java.nio.charset.StandardCharsets.UTF_8).contains("averaged"), "0 = off");
    }

    @Test
    void fixedOrderAndEpochLimit() {
        RawTable t = copiedColumnTable(100, 7L);
        ArgnTrainer.Options opt = new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, false, true);
        ArgnTrainer.Result r = ArgnTrainer.train(t, MissingValues.defaults(), opt, 1L, Progress.silent());
        assertEquals(2, r.epochs());
        assertTrue(Double.isFinite(r.bestValLoss()));
    }

    @Test
    void tableOrderShareOneIsFixedOrderAndTheShareMatters() {
        RawTable t = copiedColumnTable(150, 8L);
        float[] fixed = ArgnTrainer.train(t, MissingValues.defaults(),
                new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, true), 3L, null).model().params();
        float[] shareOne = ArgnTrainer.train(t, MissingValues.defaults(),
                new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, false, 1.0), 3L, null).model().params();
        float[] half = ArgnTrainer.train(t, MissingValues.defaults(),
                new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, false, 0.5), 3L, null).model().params();
        float[] none = ArgnTrainer.train(t, MissingValues.defaults(),
                new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, false, 0.0), 3L, null).model().params();
        assertArrayEquals(fixed, shareOne);
        assertFalse(java.util.Arrays.equals(half, none));
        assertFalse(java.util.Arrays.equals(half, shareOne));
        assertThrows(IllegalArgumentException.class,
                () -> new ArgnTrainer.Options(ModelSize.MEDIUM, 2, 0, true, false, 1.01));
        assertEquals(0.5, ArgnTrainer.Options.defaults().tableOrderShare());
    }
}
