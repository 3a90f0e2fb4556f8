package dev.issosynth.pipeline;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 census rows (the fixture's first half) and two pools of 10,000 rows: one that memorises (each row a training
 * row with 30 % of its cells replaced by the column's value in another random training row) and one that does not
 * (every cell from a random training row of its own). The value overlap is steered on the first only, and there the
 * result holds no more large overlaps than real records do.
 */
class ValueOverlapSteeringTest {
    @TempDir
    Path dir;

    private static RawTable train() {
        RawTable all = TestTables.fixture("census_2000.csv.gz");
        return TestTables.everyNthRow(all, 2, 0);
    }

    /** 10,000 rows; each cell kept from the row's source training row with chance {@code keep}, else resampled. */
    private static RawTable pool(RawTable train, double keep, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 10_000;
        String[][] cols = new String[train.columnCount()][rows];
        for (int i = 0; i < rows; i++) {
            int src = r.nextInt(train.rowCount());
            for (int c = 0; c < cols.length; c++) {
                cols[c][i] = train.cell(c, r.nextDouble() < keep ? src : r.nextInt(train.rowCount()));
            }
        }
        return new RawTable(train.header(), cols);
    }

    private SteeringReport.OverlapFigure select(RawTable train, RawTable pool, String name) throws Exception {
        Path t = TestTables.writeCsv(train, dir, "train.csv");
        Path p = TestTables.writeCsv(pool, dir, name + ".csv");
        SelectionRun.Outcome out;
        try (Parallel par = new Parallel(2)) {
            out = SelectionRun.run(TrainingTable.read(t, MissingValues.defaults()), p, dir.resolve(name + "_out.csv"),
                    SelectionParams.defaults(0), new SelectionRun.Privacy(true, 0), null, par, Progress.silent());
        }
        SteeringReport.OverlapFigure f = out.steering().overlap();
        assertNotNull(f, "distances are steered on a table this small, and the overlap with them");
        return f;
    }

    @Test
    void aMemorisingPoolIsSteeredToTheRealShareOfLargeOverlaps() throws Exception {
        RawTable train = train();
        SteeringReport.OverlapFigure f = select(train, pool(train, 0.7, 1), "leaky");
        assertTrue(f.steered());
        assertEquals(0.5, f.realShare(), 0.02, "above the real median: half of real records");
        assertTrue(f.poolShare() > f.realShare() + 0.2, "the pool repeats more: " + f);
        assertTrue(f.resultShare() <= f.realShare() + 0.01, "the result no more than real records: " + f);
    }

    @Test
    void aPoolThatDoesNotMemoriseIsNotSteered() throws Exception {
        RawTable train = train();
        SteeringReport.OverlapFigure f = select(train, pool(train, 0, 2), "fresh");
        assertFalse(f.steered(), f.toString());
        assertTrue(f.poolShare() < f.realShare(), "cells drawn independently repeat less of one row: " + f);
    }
}
