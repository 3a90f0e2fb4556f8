package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -} as a file name in a real pipe: the training table from stdin, the result to stdout, logs on stderr. */
class StandardStreamsTest {
    @TempDir
    Path dir;

    private Process start(Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(stdin.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void aPipeInAndOutGivesTheSameTableAsFiles() throws Exception {
        Path titanic = fixturePath("titanic.csv").toAbsolutePath();
        String[] job = {"--generator", "independent", "--size", "200", "--refinement-iterations", "2", "--seed", "3",
            "--workdir", dir.toString()};
        List<String> piped = new ArrayList<>(List.of("run", "-"));
        piped.addAll(List.of(job));
        piped.addAll(List.of("--output", "-"));
        Process p = start(titanic, piped.toArray(String[]::new));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(ExitCodes.OK, p.exitValue(), err);
        assertTrue(err.contains("output: stdout"), "the summary goes to stderr: " + err);
        Path fromPipe = Files.move(dir.resolve("out.txt"), dir.resolve("piped.csv"));
        RawTable result = CsvReader.read(fromPipe);
        assertEquals(200, result.rowCount());
        assertArrayEquals(CsvReader.readHeader(titanic), result.header());

        List<String> files = new ArrayList<>(List.of("run", titanic.toString()));
        files.addAll(List.of(job));
        files.addAll(List.of("--output", dir.resolve("file.csv").toString(), "-q"));
        Cli.Result r = Cli.run(files.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertEquals(Files.readString(dir.resolve("file.csv")), Files.readString(fromPipe, StandardCharsets.UTF_8),
                "same seed, same table, whichever way it came and went");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("issosynth-stdout-")
                    && f.toFile().lastModified() > System.currentTimeMillis() - 60_000), "temporary folder removed");
        }
    }

    @Test
    void evaluateReadsTheTrainingTableFromStdin() throws Exception {
        Path titanic = fixturePath("titanic.csv").toAbsolutePath();
        Process p = start(titanic, "evaluate", "--train", "-", "--synth", titanic.toString(), "-q");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OK, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertTrue(Files.readString(dir.resolve("out.txt")).contains("reference (training) rows 1,309"));
    }

    @Test
    void stdinIsReadOnceAndNeverAsAPool() {
        Cli.Result twice = Cli.run("evaluate", "--train", "-", "--synth", "-");
        assertEquals(ExitCodes.USAGE, twice.code(), twice::toString);
        assertTrue(twice.err().contains("only one input can be '-' (standard input)"), twice.err());
        Cli.Result pool = Cli.run("select", "--train", s(fixturePath("titanic.csv")), "--pool", "-");
        assertEquals(ExitCodes.USAGE, pool.code(), pool::toString);
        assertTrue(pool.err().contains("a pool cannot be '-'"), pool.err());
    }
}
