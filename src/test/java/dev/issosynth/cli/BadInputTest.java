package dev.issosynth.cli;

import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.fixturePath;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, end to end through Main.execute: exit 1, exactly one line on stderr ("issosynth: " + the file +
 * the problem), no stack trace, and nothing written (no output, no temp file, no pool).
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** Columns a, b, c and {@code rows} rows, deterministic: row i is {@code i % 7}, x, y or z, yes or no. */
    static TestTables.ColumnBuilder table(int rows) {
        return TestTables.rows(rows)
                .column("a", i -> String.valueOf(i % 7))
                .column("b", i -> String.valueOf("xyz".charAt(i % 3)))
                .column("c", i -> i % 2 == 0 ? "yes" : "no");
    }

    /** A case: files to create (name -> content, null = directory), arguments with {D} = the temp dir. */
    record Case(String name, Function<Path, List<String>> setup, String file, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> select(Path d, String train, String pool, String... extra) {
        List<String> a = new ArrayList<>(List.of("select", "-q", "--train", s(d.resolve(train)), "--pool",
                s(d.resolve(pool)), "--output", s(d.resolve("out.csv")), "--refinement-iterations", "5"));
        a.addAll(Arrays.asList(extra));
        return a;
    }

    static Path put(Path d, String name, String text) {
        return Cli.write(d.resolve(name), text);
    }

    /** Appends {@code text} to {@code file}: the lines that break a clean table. */
    static Path append(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path putBytes(Path d, String name, byte[] bytes) {
        try {
            return Files.write(d.resolve(name), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first 2000 bytes of a real gzip file: valid header, truncated deflate stream. */
    static byte[] truncatedGzip() {
        try {
            return Arrays.copyOf(Files.readAllBytes(fixturePath("census_2000.csv.gz")), 2000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("training file empty", d -> {
                    put(d, "train.csv", "");
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "train.csv", "empty"),
                new Case("training header only", d -> {
                    put(d, "train.csv", "a,b,c\n");
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "train.csv", "no data rows"),
                new Case("training ragged row", d -> {
                    append(table(10).writeCsv(d, "train.csv"), "1,x\n0,x,yes\n1,y,no\n2,z,yes\n");
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "train.csv", "fields"),
                new Case("pool ragged row", d -> {
                    table(20).writeCsv(d, "train.csv");
                    append(table(50).writeCsv(d, "pool.csv"), "1,x,yes,extra\n");
                    return select(d, "train.csv", "pool.csv");
                }, "pool.csv", "fields"),
                new Case("training missing", d -> {
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "nope.csv", "pool.csv");
                }, "nope.csv", "not found"),
                new Case("pool missing", d -> {
                    table(20).writeCsv(d, "train.csv");
                    return select(d, "train.csv", "nope.csv");
                }, "nope.csv", "not found"),
                new Case("training is a directory", d -> {
                    try {
                        Files.createDirectories(d.resolve("train.csv"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "train.csv", "directory"),
                new Case("pool lacks a column", d -> {
                    table(20).writeCsv(d, "train.csv");
                    put(d, "pool.csv", "a,b\n1,x\n2,y\n3,z\n");
                    return select(d, "train.csv", "pool.csv");
                }, "pool.csv", "missing [c]"),
                new Case("pool has an extra column", d -> {
                    table(20).writeCsv(d, "train.csv");
                    table(50).column("d", i -> "0").writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "pool.csv", "unexpected [d]"),
                new Case("pool smaller than --size", d -> {
                    table(20).writeCsv(d, "train.csv");
                    table(30).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv", "--size", "31");
                }, "pool.csv", "fewer than the requested size 31"),
                new Case("pool smaller than the training data (size 0)", d -> {
                    table(20).writeCsv(d, "train.csv");
                    table(19).writeCsv(d, "pool.csv");
                    return select(d, "train.csv", "pool.csv");
                }, "pool.csv", "fewer than the requested size 20"),
                new Case("training invalid gzip", d -> {
                    putBytes(d, "train.csv.gz", truncatedGzip());
                    table(50).writeCsv(d, "pool.csv");
                    return select(d, "train.csv.gz", "pool.csv");
                }, "train.csv.gz", "gzip"),
                new Case("pool invalid gzip", d -> {
                    writeCsv(fixture("census_2000.csv.gz").headRows(15), d, "train.csv");
                    putBytes(d, "pool.csv.gz", truncatedGzip());
                    return select(d, "train.csv", "pool.csv.gz");
                }, "pool.csv.gz", "gzip"),
                new Case("evaluate: synthetic columns mismatch", d -> {
                    table(20).writeCsv(d, "train.csv");
                    put(d, "synth.csv", "a,b,x\n1,x,yes\n");
                    return List.of("evaluate", "-q", "--train", s(d.resolve("train.csv")), "--synth",
                            s(d.resolve("synth.csv")), "--json", s(d.resolve("out.json")));
                }, "synth.csv", "missing [c]"),
                new Case("evaluate: holdout missing", d -> {
                    table(20).writeCsv(d, "train.csv");
                    table(20).writeCsv(d, "synth.csv");
                    return List.of("evaluate", "-q", "--train", s(d.resolve("train.csv")), "--synth",
                            s(d.resolve("synth.csv")), "--holdout", s(d.resolve("holdout.csv")), "--json",
                            s(d.resolve("out.json")));
                }, "holdout.csv", "not found"),
                new Case("generate: training header only", d -> {
                    put(d, "train.csv", "a,b,c\n");
                    return List.of("generate", "-q", "--train", s(d.resolve("train.csv")), "--generator", "independent",
                            "--rows", "10", "--workdir", s(d));
                }, "train.csv", "no data rows"),
                new Case("run: training ragged", d -> {
                    append(table(10).writeCsv(d, "train.csv"), "1\n");
                    return List.of("run", "-q", s(d.resolve("train.csv")), "--generator", "independent",
                            "--workdir", s(d));
                }, "train.csv", "fields"),
                new Case("run: --size larger than the pool it would generate", d -> {
                    table(20).writeCsv(d, "train.csv");
                    return List.of("run", "-q", s(d.resolve("train.csv")), "--generator", "independent",
                            "--pool-factor", "2", "--size", "41", "--workdir", s(d));
                }, "train.csv", "--pool-factor"),
                new Case("run --generator pool: pool lacks a column", d -> {
                    table(20).writeCsv(d, "train.csv");
                    put(d, "pool.csv", "a,c\n1,yes\n");
                    return List.of("run", "-q", s(d.resolve("train.csv")), "--generator", "pool", "--pool",
                            s(d.resolve("pool.csv")), "--workdir", s(d));
                }, "pool.csv", "missing [b]")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineNoStackTraceNothingWritten(Case c) {
        List<String> args = c.setup().apply(dir);
        List<String> before = Cli.files(dir);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), () -> "one line on stderr expected:\n" + r);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("issosynth: "), line);
        assertTrue(line.contains(c.file()), "names the file " + c.file() + ": " + line);
        assertTrue(line.contains(c.problem()), "names the problem '" + c.problem() + "': " + line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(before, Cli.files(dir), "no output, temp or pool file may be left behind");
    }

    /** Without --quiet the progress lines come first, but the error is still one line and the last one. */
    @Test
    void withoutQuietTheErrorIsStillOneLastLine() {
        table(20).writeCsv(dir, "train.csv");
        put(dir, "pool.csv", "a,b\n1,x\n");
        Cli.Result r = Cli.run("select", "--train", s(dir.resolve("train.csv")), "--pool", s(dir.resolve("pool.csv")),
                "--workdir", s(dir));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        List<String> err = r.errLines();
        assertEquals(1, err.stream().filter(l -> l.startsWith("issosynth: ")).count(), r::toString);
        String last = err.get(err.size() - 1);
        assertTrue(last.startsWith("issosynth: ") && last.contains("pool.csv: "), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertEquals(List.of("pool.csv", "train.csv"), Cli.files(dir));
    }

    /** Only meaningful for a non-root user (root reads everything): skipped otherwise. */
    @Test
    void unreadableTrainingFile() throws IOException {
        Path train = table(20).writeCsv(dir, "train.csv");
        table(50).writeCsv(dir, "pool.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(train.toFile().setReadable(false, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(train), "running as root");
        Cli.Result r = Cli.run(select(dir, "train.csv", "pool.csv").toArray(String[]::new));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("issosynth: ") && r.err().contains("train.csv"), r.err());
        assertEquals(List.of("pool.csv", "train.csv"), Cli.files(dir));
    }

    /** An output that cannot be written (here: the result path is a directory) fails before any pool is made. */
    @Test
    void runChecksItsOutputBeforeGenerating() throws IOException {
        table(20).writeCsv(dir, "train.csv");
        Files.createDirectories(dir.resolve("out.csv"));
        Cli.Result r = Cli.run("run", "-q", s(dir.resolve("train.csv")), "--generator", "independent",
                "--pool-factor", "3", "--refinement-iterations", "5", "--output", s(dir.resolve("out.csv")),
                "--workdir", s(dir));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("out.csv: is a directory"), r::toString);
        assertEquals(List.of("train.csv"), Cli.files(dir), "no pool, no marker");
    }
}
