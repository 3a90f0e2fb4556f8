package dev.issosynth.pipeline;

import dev.issosynth.generator.IndependentGenerator;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.io.InputException;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole job on the titanic fixture: a pool binned while it is written selects exactly what the same pool
 * read back from its file selects; a generator that writes around its PoolOutput still works; a job that fails
 * while generating leaves no pool and no result, one that fails later keeps the finished pool.
 */
class RunJobTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final SelectionParams PARAMS = SelectionParams.builder().refinementIterations(5).seed(3).build();

    @TempDir
    Path dir;

    private RunJob.Request request(PoolSource source, Path output) {
        return new RunJob.Request(TestTables.fixturePath("titanic.csv"), NA, List.of(), ColumnRules.auto(), source, 3, output, dir, null,
                null, PARAMS, new SelectionRun.Privacy(true, 500), 2);
    }

    private RunJob.Outcome run(PoolGenerator gen, Path output) {
        return RunJob.run(request(new PoolSource.Trained(gen, null), output), Progress.silent(), (p, m, o) -> {
        });
    }

    private Path selectFromFile(Path pool, String name) {
        Path out = dir.resolve(name);
        SelectJob.run(TestTables.fixturePath("titanic.csv"), pool, out, dir, PARAMS, new SelectionRun.Privacy(true, 500),
                NA, ColumnRules.auto(), 2, Progress.silent());
        return out;
    }

    @Test
    void aPoolBinnedWhileWrittenSelectsWhatTheSamePoolReadBackSelects() throws IOException {
        RunJob.Outcome o = run(new IndependentGenerator(), dir.resolve("run.csv"));
        assertEquals(1309 * 3, o.selection().poolRows());
        assertTrue(o.selection().steering().searchedRows() > 0, "the steering measured the teed rows");
        Path fromFile = selectFromFile(o.pool(), "select.csv");
        assertArrayEquals(Files.readAllBytes(fromFile), Files.readAllBytes(dir.resolve("run.csv")));
        assertEquals(o.selection().rows(), o.selection().result().rowCount(), "the result's text was kept");
    }

    /** Writes its pool with a plain CsvWriter, never through the PoolOutput's writer. */
    /** Writes the training rows themselves, in order, as often as they fit: a generator that only copies. */
    private static final class CopyingGenerator implements PoolGenerator {
        @Override
        public String name() {
            return "copying";
        }

        @Override
        public void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress) {
            dev.issosynth.io.RawTable t = train.raw();
            try (dev.issosynth.io.RowWriter w = out.open(t.header())) {
                for (long i = 0; i < rows; i++) {
                    String[] row = new String[t.columnCount()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = t.cell(c, (int) (i % t.rowCount()));
                    }
                    w.write(row);
                }
                w.commit();
            }
        }
    }

    private static final class FileOnlyGenerator implements PoolGenerator {
        @Override
        public String name() {
            return "file-only";
        }

        @Override
        public void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress) {
            Path tmp = out.path().resolveSibling("scratch.csv");
            new IndependentGenerator().generate(train, rows, seed, PoolOutput.to(tmp), progress);
            try {
                Files.move(tmp, out.path());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aGeneratorThatWritesAroundItsOutputIsReadFromItsFile() throws IOException {
        run(new IndependentGenerator(), dir.resolve("teed.csv"));
        run(new FileOnlyGenerator(), dir.resolve("file.csv"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("teed.csv")), Files.readAllBytes(dir.resolve("file.csv")));
    }

    @Test
    void aFailedGenerationLeavesNoPoolAndNoResult() throws IOException {
        PoolGenerator broken = new PoolGenerator() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress) {
                try (var w = out.open(train.header())) {
                    w.write(train.header());
                    throw new InputException("model fell over");
                }
            }
        };
        InputException e = assertThrows(InputException.class, () -> run(broken, null));
        assertEquals("model fell over", e.getMessage());
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void aFailureAfterThePoolIsCompleteKeepsThePoolAndSaysHowToUseIt() throws IOException {
        // a pool of exactly the training size, made of copies of training rows: the steering excludes them
        RunJob.Request r = new RunJob.Request(TestTables.fixturePath("titanic.csv"), NA, List.of(), ColumnRules.auto(),
                new PoolSource.Trained(new CopyingGenerator(), null), 1, dir.resolve("out.csv"), dir, null, null,
                PARAMS, new SelectionRun.Privacy(true, 500), 2);
        InputException e = assertThrows(InputException.class, () -> RunJob.run(r, Progress.silent(), (p, m, o) -> {
        }));
        Path pool;
        try (Stream<Path> files = Files.list(dir.resolve("pool_data"))) {
            pool = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        assertEquals(1309 + 1, Files.readAllLines(pool).size(), "the whole pool is there");
        assertTrue(e.getMessage().contains("rows that do not copy a training row"), e.getMessage());
        assertTrue(e.getMessage().contains("the finished pool is kept: " + pool), e.getMessage());
        assertTrue(e.getMessage().contains("--generator pool --pool " + pool), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void turningTheGuardOffIsSuggestedOnlyWhereItWouldHelp() {
        // the training file as its own pool: every row copies a training row; titanic's rows repeat too rarely
        // (a few in 1,309) for more than a few copies to be allowed
        Path titanic = TestTables.fixturePath("titanic.csv");
        SelectionRun.Privacy guard = new SelectionRun.Privacy(true, 500);
        InputException helps = assertThrows(InputException.class, () -> SelectJob.run(titanic, titanic,
                dir.resolve("a.csv"), dir, PARAMS.withSize(1000), guard, NA, ColumnRules.auto(), 2, Progress.silent()));
        assertTrue(helps.getMessage().endsWith("(use a larger pool, or --no-privacy-guard)"), helps.getMessage());
        InputException cannot = assertThrows(InputException.class, () -> SelectJob.run(titanic, titanic,
                dir.resolve("b.csv"), dir, PARAMS.withSize(2000), guard, NA, ColumnRules.auto(), 2, Progress.silent()));
        assertTrue(cannot.getMessage().endsWith("(use a larger pool: it has 1309 rows with the copies)"),
                cannot.getMessage());
    }

    @Test
    void anOutputThatCannotBeWrittenFailsBeforeThePoolIsMade() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        InputException e = assertThrows(InputException.class,
                () -> run(new IndependentGenerator(), notADir.resolve("out.csv")));
        assertTrue(e.getMessage().startsWith(notADir.resolve("out.csv") + ": cannot create output file"),
                e.getMessage());
        assertTrue(!Files.exists(dir.resolve("pool_data")) || Files.list(dir.resolve("pool_data")).findAny().isEmpty());
    }

    @Test
    void theTrainingTableIsTypedAndBinnedOnce() {
        TrainingTable t = TrainingTable.read(TestTables.fixturePath("titanic.csv"), NA);
        assertSame(t.schema(), t.schema());
        assertSame(t.codes(), t.codes());
        assertEquals(1309, t.codes().rows());
    }
}
