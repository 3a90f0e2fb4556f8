package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.issosynth.cli.Cli.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key column end to end: found, left out of the model and the selection, back in the result with fresh values
 * at its place, and left out of evaluate's comparisons.
 */
class KeysCliTest {
    @TempDir
    Path dir;

    private Path train() {
        return TestTables.columns("group", "id", "value")
                .rows(300, i -> new String[] {"g" + (i % 5), "p" + (10_000 + i * 7919 % 90_000), Integer.toString(i * 31 % 1009)})
                .writeCsv(dir, "train.csv");
    }

    private static Set<String> column(RawTable t, String name) {
        return new HashSet<>(List.of(t.column(t.columnIndex(name))));
    }

    private Cli.Result run(Path train, String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-q", s(train), "--generator", "independent",
                "--workdir", s(dir), "--refinement-iterations", "2", "--seed", "4", "--output", s(dir.resolve(out))));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theResultGetsFreshKeysAtTheKeysPlace() throws Exception {
        Path train = train();
        Cli.Result r = run(train, "out.csv");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.err().isEmpty() || !r.err().contains("Exception"), r.err());
        RawTable out = CsvReader.read(dir.resolve("out.csv"));
        assertArrayEquals(new String[] {"group", "id", "value"}, out.header());
        Set<String> keys = column(out, "id");
        assertEquals(300, keys.size(), "every key distinct");
        Set<String> trainingKeys = column(CsvReader.read(train), "id");
        for (String k : keys) {
            assertFalse(trainingKeys.contains(k), "copies training key " + k);
            assertTrue(k.matches("p[1-9]\\d{4}"), "shape of p10000..p99999: " + k);
        }
        // the pool was made without the key: the generator never saw it
        try (var pools = Files.list(dir.resolve("pool_data"))) {
            Path pool = pools.findFirst().orElseThrow();
            assertFalse(List.of(CsvReader.readHeader(pool)).contains("id"));
        }
        run(train, "again.csv");
        assertEquals(Files.readString(dir.resolve("out.csv")), Files.readString(dir.resolve("again.csv")),
                "same seed, same keys");
    }

    @Test
    void evaluateLeavesKeysOutAndAcceptsATableWithoutThem() {
        Path train = train();
        RawTable t = CsvReader.read(train);
        Path copy = TestTables.writeCsv(t, dir, "copy.csv");
        RawTable renumbered = new RawTable(t.header(), new String[][] {t.column(0),
                t.column(1).clone(), t.column(2)});
        for (int i = 0; i < renumbered.rowCount(); i++) {
            renumbered.column(1)[i] = "q" + i;
        }
        Path other = TestTables.writeCsv(renumbered, dir, "other.csv");
        Path noKey = TestTables.writeCsv(new RawTable(new String[] {"value", "group"},
                new String[][] {t.column(2), t.column(0)}), dir, "nokey.csv");
        String a = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(copy)).out();
        String b = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(other)).out();
        Cli.Result c = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(noKey));
        assertEquals(ExitCodes.OK, c.code(), c::toString);
        assertTrue(a.contains("keys (not compared): id"), a);
        assertTrue(a.contains("columns 2;"), a);
        assertEquals(a, b, "other keys, same figures");
        assertEquals(a, c.out(), "no key column, same figures");
        String modelled = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(other), "--keys", "none").out();
        assertTrue(modelled.contains("columns 3;"), modelled);
        assertFalse(modelled.equals(b), "--keys none compares the id column too");
    }
}
