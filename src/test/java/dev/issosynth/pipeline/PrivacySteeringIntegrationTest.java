package dev.issosynth.pipeline;

import dev.issosynth.schema.TrainingTable;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.rowsOf;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Privacy steering on a pool seeded with verbatim training rows. The table is cut in thirds (seeded): training,
 * holdout, and a "source" third from which a decent generator that never saw the training rows is imitated (source
 * rows with 30 % of their cells taken from other source rows); verbatim training rows are mixed into that pool.
 * With steering no more of them reach the output than real records repeat (none on the fixture), the DCR share
 * stays below 0.52 and accuracy within 0.005 of the unsteered selection from the pool without the copies.
 */
class PrivacySteeringIntegrationTest {
    static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));

    @TempDir
    Path dir;

    record Setup(Path train, Path holdout, Path pool, Set<List<String>> trainingRows, int copies) {
    }

    private Setup setup(RawTable all, int poolFactor, int copies, long seed) {
        int[] perm = new int[all.rowCount()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int third = perm.length / 3;
        RawTable train = all.selectRows(sorted(Arrays.copyOfRange(perm, 0, third)));
        RawTable holdout = all.selectRows(sorted(Arrays.copyOfRange(perm, third, 2 * third)));
        RawTable source = all.selectRows(sorted(Arrays.copyOfRange(perm, 2 * third, 3 * third)));
        Path trainPath = writeCsv(train, dir, "train.csv");
        Path holdoutPath = writeCsv(holdout, dir, "holdout.csv");
        int cols = all.columnCount();
        List<String[]> pool = new ArrayList<>();
        for (int r = 0; r < poolFactor * third; r++) {
            int src = rng.nextInt(third);
            String[] row = new String[cols];
            for (int c = 0; c < cols; c++) {
                row[c] = source.cell(c, rng.nextDouble() < 0.3 ? rng.nextInt(third) : src);
            }
            pool.add(row);
        }
        List<List<String>> trainRows = rowsOf(train);
        for (int i = 0; i < copies; i++) {
            pool.add(trainRows.get(rng.nextInt(third)).toArray(String[]::new));
        }
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String[] t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        Path poolPath = columns(all.header()).rows(pool.size(), pool::get).writeCsv(dir, "pool.csv");
        return new Setup(trainPath, holdoutPath, poolPath, new HashSet<>(trainRows), copies);
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    private static int copiesIn(Path output, Set<List<String>> trainingRows) {
        return (int) rowsOf(CsvReader.read(output)).stream().filter(trainingRows::contains).count();
    }

    private static SelectionRun.Outcome select(Setup s, Path out, boolean guard, int threads) {
        try (Parallel par = new Parallel(threads)) {
            return SelectionRun.run(TrainingTable.read(s.train(), NA), s.pool(), out, SelectionParams.defaults(0),
                    new SelectionRun.Privacy(guard, 10_000), CsvReader.read(s.holdout()), par, Progress.silent());
        }
    }

    private static double accuracy(SelectionRun.Outcome o) {
        return o.stages().get(o.stages().size() - 1).accuracy().overall();
    }

    /** On the full census table (skipped where the shared data is absent). */
    @Test
    void censusPoolSeededWithTrainingRows() {
        Path census = CensusIntegrationTest.CENSUS;
        Assumptions.assumeTrue(Files.isRegularFile(census),
                "skipped: " + census.toAbsolutePath().normalize() + " not found (shared data absent)");
        RawTable all = CsvReader.read(census);
        Setup s = setup(all, 5, 2000, 7);
        SelectionRun.Outcome off = select(s, dir.resolve("off.csv"), false, 2);
        SelectionRun.Outcome on = select(s, dir.resolve("on.csv"), true, 2);
        // the accuracy to keep is that of the unsteered selection from the generator's rows alone (copies flatter it)
        Setup clean = setup(all, 5, 0, 7);
        SelectionRun.Outcome offClean = select(clean, dir.resolve("off_clean.csv"), false, 2);
        int copiesOff = copiesIn(off.output(), s.trainingRows());
        int copiesOn = copiesIn(on.output(), s.trainingRows());
        System.out.printf("census steering: copies in output %d -> %d; DCR share %.5f -> %.5f; accuracy %.5f -> %.5f;"
                        + " %d copies in the pool; closer than pool %.4f%n", copiesOff, copiesOn,
                off.privacy().dcrShare(), on.privacy().dcrShare(), accuracy(off), accuracy(on),
                on.steering().poolCopies(), on.steering().headline());
        assertTrue(copiesOff > 100, "the unsteered selection takes copies: " + copiesOff);
        // census rows repeat now and then (about 0.1 % of a third of it): copies are allowed at that rate, no more
        long allowed = on.steering().copiesExcluded() ? 0
                : (long) Math.floor(on.steering().copyShareAllowed() * on.rows());
        assertTrue(copiesOn <= allowed, copiesOn + " copies, " + allowed + " allowed");
        assertTrue(on.steering().poolCopies() >= s.copies());
        assertTrue(on.privacy().dcrShare() < 0.52, "DCR share " + on.privacy().dcrShare());
        // this pool's rows mix cells of different records (unlike argn's or the independent generator's, where
        // steering costs at most 0.003): measured 0.0034 here
        assertTrue(accuracy(offClean) - accuracy(on) <= 0.005, accuracy(on) + " vs " + accuracy(offClean)
                + " (unsteered, no copies in the pool)");
    }

    /** The same on the 2,000-row fixture (always runs): no copy in the output, byte-identical for 1 and 2 threads. */
    @Test
    void fixturePoolSeededWithTrainingRows() throws Exception {
        Setup s = setup(fixture("census_2000.csv.gz"), 10, 300, 3);
        SelectionRun.Outcome off = select(s, dir.resolve("off.csv"), false, 1);
        SelectionRun.Outcome on1 = select(s, dir.resolve("on1.csv"), true, 1);
        SelectionRun.Outcome on2 = select(s, dir.resolve("on2.csv"), true, 2);
        assertTrue(copiesIn(off.output(), s.trainingRows()) > 0);
        assertEquals(0, copiesIn(on1.output(), s.trainingRows()));
        assertTrue(on1.steering().poolCopies() >= s.copies());
        assertArrayEquals(on1.steering().closerThanPool(), on2.steering().closerThanPool());
        assertArrayEquals(on1.steering().closerThanReal(), on2.steering().closerThanReal());
        int g = on1.steering().groups().indexOf(on1.steering().headlineGroup());
        double cap = Math.max(0.05, on1.steering().realCloserThanPool()[g] - on1.steering().margin());
        assertTrue(on1.steering().headline() <= cap + 0.01, "the cap holds: " + on1.steering().headline() + " vs "
                + cap);
        assertEquals(Files.readString(on1.output()), Files.readString(on2.output()));
        assertEquals(0.0, on1.privacy().identicalMatchShare());
        assertTrue(off.privacy().identicalMatchShare() > 0);
        assertEquals(off.rows(), on1.rows());
    }

    @Test
    void aSubsetAbovePrivacyMaxRowsSteersCopiesAndOnlyEstimatesTheDistances() throws Exception {
        Setup s = setup(fixture("census_2000.csv.gz"), 10, 300, 3);
        List<String> info = new ArrayList<>();
        Progress progress = dev.issosynth.testing.TestProgress.infoInto(info);
        SelectionRun.Outcome capped;
        SelectionRun.Outcome steered;
        try (Parallel par = new Parallel(2)) {
            capped = SelectionRun.run(TrainingTable.read(s.train(), NA), s.pool(), dir.resolve("capped.csv"),
                    SelectionParams.defaults(0), new SelectionRun.Privacy(true, 10_000, 0.1, 100),
                    CsvReader.read(s.holdout()), par, progress);
            steered = SelectionRun.run(TrainingTable.read(s.train(), NA), s.pool(), dir.resolve("steered.csv"),
                    SelectionParams.defaults(0), new SelectionRun.Privacy(true, 10_000, 0.1, 0),
                    CsvReader.read(s.holdout()), par, Progress.silent());
        }
        assertTrue(info.stream().anyMatch(l -> l.contains("distances not steered") && l.contains("--privacy-max-rows 100")),
                info.toString());
        assertEquals(0, copiesIn(capped.output(), s.trainingRows()), "copies are still excluded");
        // the estimate covers every result row here (fewer than ESTIMATE_ROWS): measured, not steered
        assertEquals(capped.rows(), capped.steering().searchedRows());
        assertEquals(steered.steering().groups(), capped.steering().groups());
        double h = capped.steering().headline();
        assertTrue(h > 0 && h < 1, "an estimate: " + h);
        assertTrue(steered.steering().searchedRows() > steered.rows(), "steering searches the IPF subset and more");
    }

    @Test
    void unsteeredDistancesNeedTheCellsOfEveryStrideRowOnlyAndSelectTheSameRows() throws Exception {
        Setup s = setup(fixture("census_2000.csv.gz"), 10, 300, 3);
        SelectionRun.Privacy estimateOnly = new SelectionRun.Privacy(true, 10_000, 0.1, 100);
        SelectionRun.Outcome[] out = new SelectionRun.Outcome[2];
        int[] strides = {1, 3};
        try (Parallel par = new Parallel(2)) {
            for (int i = 0; i < 2; i++) {
                TrainingTable train = TrainingTable.read(s.train(), NA);
                SelectionRun.Pool pool = SelectionRun.preparePool(train, estimateOnly, SelectionParams.defaults(0), par,
                        dir);
                assertEquals(1, pool.codes.cellStride(), "a small result: every row's cells");
                pool.codes.keepCellsEvery(strides[i]).readFile(s.pool(), Progress.silent());
                if (strides[i] > 1) {
                    assertTrue(pool.codes.compact() != null);
                }
                out[i] = SelectionRun.select(train, pool, s.pool(), dir.resolve("stride" + strides[i] + ".csv"),
                        SelectionParams.defaults(0), estimateOnly, null, par, Progress.silent(), 0);
            }
        }
        assertArrayEquals(Files.readAllBytes(out[0].output()), Files.readAllBytes(out[1].output()),
                "the stride changes what is estimated, never what is selected");
        long measured = out[1].steering().searchedRows();
        assertTrue(measured > out[1].rows() / 5 && measured < out[1].rows() / 2,
                "about a third of the result rows are on the stride: " + measured + " of " + out[1].rows());
        assertEquals(out[0].steering().headline(), out[1].steering().headline(), 0.1,
                "an estimate on a third of the rows");
    }
}
