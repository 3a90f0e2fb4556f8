package dev.issosynth.pipeline;

import dev.issosynth.io.CsvReader;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.testing.PartialCopyTables;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool half of whose rows repeat one training row's first name, last name and country (with a new age): the
 * steered selection repeats such single combinations no more often than the training rows repeat each other's.
 */
class PartialCopiesSteeringTest {
    @TempDir
    Path dir;

    @Test
    void singleCombinationsAreRepeatedNoMoreOftenThanRealRecordsRepeatThem() throws Exception {
        PartialCopyTables tables = new PartialCopyTables(5);
        Path train = TestTables.writeCsv(tables.train, dir, "train.csv");
        Path pool = TestTables.writeCsv(tables.pool, dir, "pool.csv");
        SelectionRun.Outcome on;
        SelectionRun.Outcome off;
        try (Parallel par = new Parallel(2)) {
            on = SelectionRun.run(TrainingTable.read(train, MissingValues.defaults()), pool, dir.resolve("on.csv"),
                    SelectionParams.defaults(0), new SelectionRun.Privacy(true, 0), null, par, Progress.silent());
            off = SelectionRun.run(TrainingTable.read(train, MissingValues.defaults()), pool, dir.resolve("off.csv"),
                    SelectionParams.defaults(0), SelectionRun.Privacy.off(), null, par, Progress.silent());
        }
        SteeringReport.PartialCopyFigure triple = on.steering().partialCopies().stream()
                .filter(f -> f.columns().equals("first + last + country")).findFirst().orElseThrow(
                        () -> new AssertionError("not steered: " + on.steering().partialCopies()));
        double real = tables.realShare();
        assertEquals(real, triple.realShare(), 1e-12, "the cap: training rows repeating one other's combination");
        double steered = tables.singleShare(CsvReader.read(on.output()));
        assertEquals(steered, triple.resultShare(), 1e-12, "the figure is the result's share");
        assertTrue(steered <= real + 1.0 / 600, "steered " + steered + ", real records " + real);
        double unsteered = tables.singleShare(CsvReader.read(off.output()));
        assertTrue(unsteered > 0.2, "without steering the pool's partial copies reach the result: " + unsteered);
    }
}
