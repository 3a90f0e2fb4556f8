package dev.issosynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed, same bytes, whatever --threads. */
class DeterminismTest {
    @TempDir
    static Path dir;
    static Path train = fixturePath("titanic.csv");
    static Path pool;

    @BeforeAll
    static void generatePool() {
        pool = dir.resolve("pool.csv");
        Cli.Result r = Cli.run("generate", "-q", "--train", s(train), "--generator", "independent", "--rows", "13090",
                "--seed", "1", "--output", s(pool));
        assertEquals(0, r.code(), r::toString);
    }

    static byte[] select(String name, String seed, String threads) throws IOException {
        Path out = dir.resolve(name);
        Cli.Result r = Cli.run("select", "-q", "--train", s(train), "--pool", s(pool), "--seed", seed, "--threads",
                threads, "--refinement-iterations", "20", "--output", s(out));
        assertEquals(0, r.code(), r::toString);
        return Files.readAllBytes(out);
    }

    @Test
    void generateIsReproducible() throws IOException {
        Path again = dir.resolve("pool_again.csv");
        Cli.Result r = Cli.run("generate", "-q", "--train", s(train), "--generator", "independent", "--rows", "13090",
                "--seed", "1", "--output", s(again), "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(Files.readAllBytes(pool), Files.readAllBytes(again));
    }

    @Test
    void selectIsByteIdenticalForOneAndTwoThreads() throws IOException {
        byte[] one = select("t1.csv", "7", "1");
        byte[] two = select("t2.csv", "7", "2");
        assertArrayEquals(one, two);
        List<String> lines = Files.readAllLines(dir.resolve("t1.csv"));
        assertEquals(1 + 1309, lines.size(), "size 0 = training rows");
        // every selected row is a pool row, text unchanged
        Set<String> poolLines = new HashSet<>(Files.readAllLines(pool));
        assertTrue(poolLines.containsAll(lines));
    }

    @Test
    void anotherSeedStillGivesAValidResult() throws IOException {
        byte[] other = select("s8.csv", "8", "2");
        List<String> lines = Files.readAllLines(dir.resolve("s8.csv"));
        assertEquals(1 + 1309, lines.size());
        assertEquals(Files.readAllLines(train).get(0), lines.get(0));
        assertTrue(other.length > 0);
    }
}
