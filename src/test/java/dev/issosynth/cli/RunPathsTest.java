package dev.issosynth.cli;

import dev.issosynth.pipeline.OutputPaths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run's default locations: pool_data/pool_<YYYYMMDD_HHMM>.csv and results/flat_result_<YYYYMMDD_HHMM>.csv, one run id. */
class RunPathsTest {
    static final Pattern RESULT = Pattern.compile("results/flat_result_(\\d{8}_\\d{4})(_\\d+)?\\.csv");
    static final Pattern POOL = Pattern.compile("pool_data/pool_(\\d{8}_\\d{4})(_\\d+)?\\.csv");

    @TempDir
    Path dir;

    private Cli.Result run(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "-q", s(fixturePath("titanic.csv")),
                "--pool-factor", "2", "--refinement-iterations", "10", "--seed", "3", "--workdir", s(dir)));
        a.addAll(List.of(extra));
        if (!a.contains("--generator")) {
            a.addAll(List.of("--generator", "independent"));
        }
        return Cli.run(a.toArray(String[]::new));
    }

    private Path outputOf(Cli.Result r) {
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.lastOutLine().startsWith("output: "), r.out());
        return Path.of(r.lastOutLine().substring("output: ".length()));
    }

    @Test
    void twoRunsWriteTwoPoolsAndTwoResultsNeverOverwriting() throws IOException {
        Path first = outputOf(run());
        byte[] firstBytes = Files.readAllBytes(first);
        Path second = outputOf(run());
        assertNotEquals(first, second);
        assertArrayEquals(firstBytes, Files.readAllBytes(first), "first result untouched");
        assertArrayEquals(firstBytes, Files.readAllBytes(second), "same seed, same result");

        List<String> files = Cli.files(dir);
        assertEquals(4, files.size(), "2 pools + 2 results and no marker or temp file: " + files);
        for (String f : files) {
            if (f.startsWith("pool_data/")) {
                assertTrue(Files.isRegularFile(dir.resolve(f + ".run.json")), "each finished pool has its record: " + f);
            }
        }
        Matcher m1 = RESULT.matcher(dir.relativize(first).toString());
        Matcher m2 = RESULT.matcher(dir.relativize(second).toString());
        assertTrue(m1.matches() && m2.matches(), files::toString);
        if (m1.group(1).equals(m2.group(1))) {
            assertEquals("_2", m2.group(2), "same minute: second gets _2");
        }
        assertEquals(2, files.stream().filter(f -> POOL.matcher(f).matches()).count(), files::toString);
        // one run id: each result names the pool of its run
        for (Path out : List.of(first, second)) {
            String id = out.getFileName().toString().substring("flat_result_".length());
            assertTrue(files.contains("pool_data/pool_" + id), id + " in " + files);
        }
        List<String> result = Files.readAllLines(first);
        assertEquals(Files.readAllLines(fixturePath("titanic.csv")).get(0), result.get(0));
        assertEquals(1 + 1309, result.size());
    }

    @Test
    void anExistingResultOfThisMinuteIsKept() throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm");
        LocalDateTime now = LocalDateTime.now();
        // this minute and the next: the run starts in one of them
        Path a = Cli.write(dir.resolve("results/flat_result_" + now.format(f) + ".csv"), "keep\n");
        Path b = Cli.write(dir.resolve("results/flat_result_" + now.plusMinutes(1).format(f) + ".csv"), "keep\n");
        Path out = outputOf(run());
        assertEquals("keep\n", Files.readString(a));
        assertEquals("keep\n", Files.readString(b));
        assertTrue(out.getFileName().toString().endsWith("_2.csv"), out.toString());
    }

    @Test
    void explicitOutputIsUsedAndOnlyThePoolGoesToPoolData() {
        Path out = dir.resolve("mine.csv");
        assertEquals(out, outputOf(run("--output", s(out))));
        List<String> files = Cli.files(dir);
        assertEquals(2, files.size(), files::toString);
        assertTrue(files.contains("mine.csv"));
        assertTrue(POOL.matcher(files.stream().filter(x -> !x.equals("mine.csv")).findFirst().orElseThrow()).matches());
    }

    @Test
    void runWithAnExistingPool() {
        Cli.Result g = Cli.run("generate", "-q", "--train", s(fixturePath("titanic.csv")), "--generator",
                "independent", "--rows", "3000", "--workdir", s(dir));
        assertEquals(0, g.code(), g::toString);
        Path pool = Path.of(g.lastOutLine().substring("output: ".length()));
        assertTrue(POOL.matcher(dir.relativize(pool).toString()).matches(), pool.toString());
        Cli.Result r = run("--generator", "pool", "--pool", s(pool), "--size", "100");
        Path out = outputOf(r);
        assertEquals(2, Cli.files(dir).size(), "no second pool");
        assertTrue(RESULT.matcher(dir.relativize(out).toString()).matches());
    }

    @Test
    void reserveSkipsExistingAndReservedNamesAndReleasesTheMarker() throws IOException {
        Path results = dir.resolve("r");
        Cli.write(results.resolve("x.csv"), "old");
        OutputPaths.Reservation second = OutputPaths.reserve(results, "x", ".csv");
        assertEquals(results.resolve("x_2.csv"), second.path());
        OutputPaths.Reservation third = OutputPaths.reserve(results, "x", ".csv");
        assertEquals(results.resolve("x_3.csv"), third.path(), "x_2 is reserved though not written yet");
        second.close();
        third.close();
        assertEquals(List.of("x.csv"), Cli.files(results));
        assertFalse(Files.exists(results.resolve("x_2.csv")));
    }
}
