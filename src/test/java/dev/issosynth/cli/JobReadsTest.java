package dev.issosynth.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How often a job opens each file: the training file once, a generated pool once beyond its own write (it is
 * binned while it is written; the chosen rows' text is copied from it once), the holdout once, the result never
 * (its text is kept while it is written). Counted from the reader's one debug line per opened file.
 */
class JobReadsTest {
    @TempDir
    Path dir;

    private final Logger reader = (Logger) LoggerFactory.getLogger("dev.issosynth.io.CsvInput");
    private final ListAppender<ILoggingEvent> opened = new ListAppender<>();
    private Level level;

    @BeforeEach
    void listen() {
        level = reader.getLevel();
        reader.setLevel(Level.DEBUG);
        opened.start();
        reader.addAppender(opened);
    }

    @AfterEach
    void stop() {
        reader.detachAppender(opened);
        reader.setLevel(level);
    }

    /** file name -> times opened, for files in this test's folder. */
    private Map<String, Integer> reads() {
        Map<String, Integer> n = new TreeMap<>();
        for (ILoggingEvent e : List.copyOf(opened.list)) {
            Path p = (Path) e.getArgumentArray()[0];
            if (p.toAbsolutePath().startsWith(dir.toAbsolutePath())) {
                n.merge(dir.toAbsolutePath().relativize(p.toAbsolutePath()).toString().replace('\\', '/'), 1, Integer::sum);
            }
        }
        return n;
    }

    private void halves() {
        RawTable all = fixture("titanic.csv");
        int n = all.rowCount();
        writeCsv(all.headRows(n / 2), dir, "train.csv");
        writeCsv(all.selectRows(IntStream.range(n / 2, n).toArray()), dir, "holdout.csv");
        opened.list.clear();
    }

    @Test
    void runWithHoldoutAndReportReadsTrainingOnceAndTheGeneratedPoolOnce() throws Exception {
        halves();
        Cli.Result r = Cli.run("run", "-q", s(dir.resolve("train.csv")), "--generator", "independent",
                "--pool-factor", "3", "--refinement-iterations", "5", "--workdir", s(dir),
                "--output", s(dir.resolve("result.csv")), "--holdout", s(dir.resolve("holdout.csv")),
                "--report", s(dir.resolve("report.html")), "--privacy-gate=false");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        String pool;
        try (var files = Files.list(dir.resolve("pool_data"))) {
            pool = "pool_data/" + files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow()
                    .getFileName();
        }
        assertEquals(Map.of("train.csv", 1, "holdout.csv", 1, pool, 1), reads());
    }

    @Test
    void anExistingPoolIsReadToBinItAndAgainToCopyTheChosenRows() {
        halves();
        Cli.run("generate", "-q", "--train", s(dir.resolve("train.csv")), "--generator", "independent", "--rows",
                "1500", "--output", s(dir.resolve("pool.csv")));
        opened.list.clear();
        Cli.Result r = Cli.run("select", "-q", "--train", s(dir.resolve("train.csv")), "--pool",
                s(dir.resolve("pool.csv")), "--refinement-iterations", "5", "--output", s(dir.resolve("out.csv")));
        assertEquals(0, r.code(), r::toString);
        assertEquals(Map.of("train.csv", 1, "pool.csv", 2), reads());
    }

    @Test
    void evaluateReadsEachInputOnce() {
        halves();
        Cli.Result r = Cli.run("evaluate", "--train", s(dir.resolve("train.csv")), "--synth",
                s(dir.resolve("holdout.csv")), "--holdout", s(dir.resolve("holdout.csv")));
        assertEquals(0, r.code(), r::toString);
        assertEquals(Map.of("train.csv", 1, "holdout.csv", 2), reads(), "synthetic and holdout are one file here");
    }
}
