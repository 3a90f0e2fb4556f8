package dev.issosynth.pipeline;

import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.TrainingTable;

import dev.issosynth.generator.IndependentGenerator;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowWriter;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on the real census table, split in halves: train and holdout. The table is not in the repository:
 * it is read from ../shared/data/census.csv.gz next to the checkout, and the test skips with a message when that
 * file is absent.
 */
class CensusIntegrationTest {
    static final Path CENSUS = Path.of("..", "shared", "data", "census.csv.gz");
    static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));

    @TempDir
    static Path dir;
    static Path train;
    static Path holdout;

    /** Each test, not the class, is skipped without the data, so the report counts them as skipped. */
    @BeforeEach
    void needsTheData() {
        Assumptions.assumeTrue(Files.isRegularFile(CENSUS),
                "skipped: " + CENSUS.toAbsolutePath().normalize() + " not found (shared data absent)");
    }

    @BeforeAll
    static void split() {
        if (!Files.isRegularFile(CENSUS)) {
            return;
        }
        RawTable all = CsvReader.read(CENSUS);
        int[] perm = new int[all.rowCount()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int half = perm.length / 2;
        train = writeCsv(all.selectRows(Arrays.copyOfRange(perm, 0, half)), dir, "train.csv");
        holdout = writeCsv(all.selectRows(Arrays.copyOfRange(perm, half, perm.length)), dir, "holdout.csv");
    }

    private static SelectionRun.Outcome select(Path pool, Path out) {
        SelectionParams p = SelectionParams.defaults(0);
        try (Parallel par = new Parallel(2)) {
            return SelectionRun.run(TrainingTable.read(train, NA), pool, out, p, SelectionRun.Privacy.off(), null, par,
                    Progress.silent());
        }
    }

    private static double stage(SelectionRun.Outcome o, String name) {
        return o.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow().accuracy().overall();
    }

    @Test
    void independentPoolSelectionLiftsAccuracyFarAboveARandomSubset() {
        RawTable t = CsvReader.read(train);
        Path pool = dir.resolve("independent10.csv");
        new IndependentGenerator().generate(TrainingTable.of(t, NA), 10L * t.rowCount(), 1,
                dev.issosynth.generator.PoolOutput.to(pool), Progress.silent());
        Path out = dir.resolve("result_independent.csv");
        SelectionRun.Outcome o = select(pool, out);
        double random = stage(o, "pool");
        double result = stage(o, "refine");
        System.out.printf("census independent 10x pool: random subset %.5f -> selected %.5f%n", random, result);
        assertTrue(result > random + 0.03, "selected " + result + " vs random " + random);
        // The file on disk is what was measured: re-evaluate it independently.
        try (Parallel par = new Parallel(2)) {
            EvaluationRun.Outcome e = EvaluationRun.run(train, out, null, NA, ColumnRules.auto(), SelectionParams.defaults(0).seed(), par);
            assertEquals(t.rowCount(), e.syntheticRows());
            assertEquals(result, e.synthetic().overall(), 1e-9);
        }
    }

    @Test
    void decentPoolSelectionBeatsTheHoldoutCeiling() {
        RawTable t = CsvReader.read(train);
        Path pool = dir.resolve("noisy10.csv");
        writeNoisyPool(t, 10 * t.rowCount(), 0.3, 3, pool);
        Path out = dir.resolve("result_noisy.csv");
        SelectionRun.Outcome o = select(pool, out);
        EvaluationRun.Outcome e;
        try (Parallel par = new Parallel(2)) {
            e = EvaluationRun.run(train, out, holdout, NA, ColumnRules.auto(), SelectionParams.defaults(0).seed(), par);
        }
        double result = e.synthetic().overall();
        double ceiling = e.holdout().overall();
        System.out.printf("census 30%%-noise 10x pool: random %.5f, selected %.5f, holdout %.5f, max %.5f%n",
                stage(o, "pool"), result, ceiling, e.synthetic().overallMax());
        assertTrue(result > ceiling, "selected " + result + " does not beat the holdout's " + ceiling);
    }

    /** Stand-in for a decent generator: training rows with a share of cells taken from other rows. */
    static void writeNoisyPool(RawTable t, int rows, double noise, long seed, Path out) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = t.rowCount();
        try (RowWriter w = CsvWriter.open(out, t.header())) {
            String[] row = new String[t.columnCount()];
            for (int r = 0; r < rows; r++) {
                int src = rng.nextInt(n);
                for (int c = 0; c < row.length; c++) {
                    row[c] = t.cell(c, rng.nextDouble() < noise ? rng.nextInt(n) : src);
                }
                w.write(row);
            }
            w.commit();
        }
    }
}
