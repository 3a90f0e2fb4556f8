package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate --seed-data: the given columns kept as they are, the others drawn given them, row by row. */
class SeededGenerationCliTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsColumnsAreKeptAndTheRestFollowsThem() throws Exception {
        // 600 seed rows: women and men of all ages, in a fixed order
        Path seeds = TestTables.columns("sex", "age")
                .rows(600, i -> new String[] {i % 2 == 0 ? "Female" : "Male", Integer.toString(20 + i % 45)})
                .writeCsv(dir, "seeds.csv");
        Cli.Result r = Cli.run("generate", "-q", "--train", s(fixturePath("census_2000.csv.gz")), "--na-values", "?",
                "--generator", "argn", "--max-epochs", "20", "--models", "1", "--seed-data", s(seeds), "--seed", "2",
                "--output", s(dir.resolve("pool.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable pool = CsvReader.read(dir.resolve("pool.csv"));
        RawTable seed = CsvReader.read(seeds);
        assertEquals(600, pool.rowCount());
        assertArrayEquals(seed.column(0), pool.column(pool.columnIndex("sex")), "sex untouched, in order");
        assertArrayEquals(seed.column(1), pool.column(pool.columnIndex("age")), "age untouched, in order");
        // the relationship column follows sex: a woman is (almost) never a husband, a man never a wife
        int wrong = 0;
        int husbands = 0;
        for (int row = 0; row < pool.rowCount(); row++) {
            String rel = pool.cell(pool.columnIndex("relationship"), row);
            boolean woman = pool.cell(pool.columnIndex("sex"), row).equals("Female");
            wrong += (woman && rel.equals("Husband")) || (!woman && rel.equals("Wife")) ? 1 : 0;
            husbands += rel.equals("Husband") ? 1 : 0;
        }
        assertTrue(husbands > 60, "husbands among the 300 men: " + husbands);
        // drawn without regard to sex, about 120 of the 300 women would be husbands
        assertTrue(wrong <= 40, wrong + " rows contradict their given sex");
        // the same seed gives the same pool
        Cli.Result again = Cli.run("generate", "-q", "--train", s(fixturePath("census_2000.csv.gz")), "--na-values",
                "?", "--generator", "argn", "--max-epochs", "20", "--models", "1", "--seed-data", s(seeds), "--seed",
                "2", "--threads", "1", "--output", s(dir.resolve("again.csv")));
        assertEquals(ExitCodes.OK, again.code(), again::toString);
        assertEquals(Files.readString(dir.resolve("pool.csv")), Files.readString(dir.resolve("again.csv")));
    }

    @Test
    void seedsTheModelCannotUseAreRefused() throws Exception {
        Path unknown = TestTables.columns("sex", "planet").rows(5, i -> new String[] {"Male", "Mars"})
                .writeCsv(dir, "unknown.csv");
        Cli.Result r = Cli.run("generate", "-q", "--train", s(fixturePath("census_2000.csv.gz")), "--generator",
                "argn", "--max-epochs", "1", "--seed-data", s(unknown), "--output", s(dir.resolve("never.csv")));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("unknown.csv: seed data columns the model does not generate: planet"), r.err());
        Cli.Result other = Cli.run("generate", "-q", "--train", s(fixturePath("census_2000.csv.gz")), "--generator",
                "independent", "--seed-data", s(unknown), "--output", s(dir.resolve("never.csv")));
        assertEquals(ExitCodes.USAGE, other.code(), other::toString);
        assertTrue(other.err().contains("--seed-data needs --generator argn"), other.err());
        Cli.Result rows = Cli.run("generate", "-q", "--train", s(fixturePath("census_2000.csv.gz")), "--generator",
                "argn", "--rows", "7", "--seed-data", s(unknown), "--output", s(dir.resolve("never.csv")));
        assertEquals(ExitCodes.USAGE, rows.code(), rows::toString);
        assertTrue(Files.notExists(dir.resolve("never.csv")));
    }

    private static int contradictions(RawTable t, int step) {
        int wrong = 0;
        for (int row = 0; row < t.rowCount(); row += step) {
            String rel = t.cell(t.columnIndex("relationship"), row);
            boolean woman = t.cell(t.columnIndex("sex"), row).equals("Female");
            wrong += (woman && rel.equals("Husband")) || (!woman && rel.equals("Wife")) ? 1 : 0;
        }
        return wrong;
    }

    @Test
    void aSeededRunChoosesPerSeedRowTheCandidateThatFitsTheTrainingStatistics() throws Exception {
        Path seeds = TestTables.columns("sex", "age")
                .rows(600, i -> new String[] {i % 2 == 0 ? "Female" : "Male", Integer.toString(20 + i % 45)})
                .writeCsv(dir, "seeds.csv");
        Cli.Result r = Cli.run("run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--max-epochs", "20",
                "--models", "1", "--seed-data", s(seeds), "--seed", "3", "--workdir", s(dir), "--output",
                s(dir.resolve("result.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable result = CsvReader.read(dir.resolve("result.csv"));
        RawTable seed = CsvReader.read(seeds);
        assertEquals(600, result.rowCount());
        assertArrayEquals(seed.column(0), result.column(result.columnIndex("sex")), "sex untouched, in order");
        assertArrayEquals(seed.column(1), result.column(result.columnIndex("age")), "age untouched, in order");
        Path pool;
        try (var files = Files.list(dir.resolve("pool_data"))) {
            pool = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        RawTable candidates = CsvReader.read(pool);
        assertEquals(6000, candidates.rowCount(), "10 candidates per seed row");
        int first = contradictions(candidates, 10); // each seed row's first candidate: the model's own draw
        int chosen = contradictions(result, 1);
        assertTrue(chosen < first, "the statistics pull relationship and sex together: " + chosen
                + " contradictions against " + first + " among the first candidates");
        assertTrue(r.out().matches("(?s).*\\nseeded .*"), r.out());
        // a rule makes it a guarantee: the seed rows choose among their candidates that keep it
        Cli.Result ruled = Cli.run("run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--generator",
                "argn", "--model-file", s(dir.resolve("none.model")), "--seed-data", s(seeds), "--seed", "3",
                "--workdir", s(dir), "--output", s(dir.resolve("ruled.csv")), "--fixed-combinations",
                "relationship,sex");
        assertEquals(ExitCodes.FAILURE, ruled.code(), "no such model file: " + ruled);
        Cli.Result kept = Cli.run("run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--max-epochs",
                "20", "--models", "1", "--seed-data", s(seeds), "--seed", "3", "--workdir", s(dir.resolve("w2")),
                "--output", s(dir.resolve("ruled.csv")), "--fixed-combinations", "relationship,sex");
        assertEquals(ExitCodes.OK, kept.code(), kept::toString);
        RawTable ruledResult = CsvReader.read(dir.resolve("ruled.csv"));
        assertArrayEquals(seed.column(0), ruledResult.column(ruledResult.columnIndex("sex")));
        // every (relationship, sex) is one the training data has (it has one male "Wife", so that one may appear)
        RawTable training = TestTables.fixture("census_2000.csv.gz");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int row = 0; row < training.rowCount(); row++) {
            seen.add(training.cell(training.columnIndex("relationship"), row) + "/"
                    + training.cell(training.columnIndex("sex"), row));
        }
        for (int row = 0; row < ruledResult.rowCount(); row++) {
            String combination = ruledResult.cell(ruledResult.columnIndex("relationship"), row) + "/"
                    + ruledResult.cell(ruledResult.columnIndex("sex"), row);
            assertTrue(seen.contains(combination), "a training combination: " + combination);
        }
        assertTrue(!seen.contains("Husband/Female"));
    }
}
