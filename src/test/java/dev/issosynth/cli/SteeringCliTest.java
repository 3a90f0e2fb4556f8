package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rebalancing, fairness and imputation through the selection's targets, on the census fixture (2,000 rows). */
class SteeringCliTest {
    @TempDir
    Path dir;

    private Cli.Result run(String... steer) {
        String[] base = {"run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--generator", "independent",
            "--size", "1000", "--seed", "3", "--workdir", s(dir), "--output", s(dir.resolve("out.csv")),
            "--refinement-iterations", "30", "--no-privacy-guard"};
        String[] args = java.util.Arrays.copyOf(base, base.length + steer.length);
        System.arraycopy(steer, 0, args, base.length, steer.length);
        return Cli.run(args);
    }

    private static double share(RawTable t, String column, String value) {
        int n = 0;
        for (String v : t.column(t.columnIndex(column))) {
            n += v.equals(value) ? 1 : 0;
        }
        return n / (double) t.rowCount();
    }

    @Test
    void rebalancingFairnessAndImputationReachTheirTargets() throws Exception {
        Cli.Result r = run("--rebalance", "income=>50K:0.5", "--fair", "income", "--sensitive", "sex",
                "--impute", "workclass");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable out = CsvReader.read(dir.resolve("out.csv"));
        assertEquals(1000, out.rowCount());
        // 25 % in the training data, asked 50 %
        assertEquals(0.5, share(out, "income", ">50K"), 0.02, "rebalanced share");
        // independence: the share of >50K among women and among men
        Map<String, int[]> bySex = new HashMap<>();
        for (int row = 0; row < out.rowCount(); row++) {
            int[] c = bySex.computeIfAbsent(out.cell(out.columnIndex("sex"), row), k -> new int[2]);
            c[0] += out.cell(out.columnIndex("income"), row).equals(">50K") ? 1 : 0;
            c[1]++;
        }
        double women = bySex.get("Female")[0] / (double) bySex.get("Female")[1];
        double men = bySex.get("Male")[0] / (double) bySex.get("Male")[1];
        assertTrue(Math.abs(women - men) < 0.05, "parity: women " + women + ", men " + men);
        for (String v : out.column(out.columnIndex("workclass"))) {
            assertTrue(!v.equals("?") && !v.isEmpty(), "imputed: no missing workclass");
        }
        assertTrue(r.err().matches("(?s).*rebalanced income=>50K: 0\\.(49|50|51)\\d\\d in the result \\(asked 0\\.5000,"
                + " training 0\\.2495\\).*"), r.err());
        assertTrue(r.err().matches("(?s).*fairness of income: demographic parity difference 0\\.0[0-4]\\d+ in the result"
                + " \\(training 0\\.1757\\).*"), r.err());
        assertTrue(r.err().contains("imputed workclass: 0 missing cells in the result"), r.err());
        // the same figures for a cron job, in run --json
        Cli.Result j = run("--rebalance", "income=>50K:0.5", "--impute", "workclass", "--json", s(dir.resolve("r.json")));
        assertEquals(ExitCodes.OK, j.code(), j::toString);
        com.fasterxml.jackson.databind.JsonNode steered = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("r.json").toFile()).path("issosynth").path("steered");
        assertEquals(">50K", steered.path("rebalanced").get(0).path("value").asText());
        assertEquals(0.5, steered.path("rebalanced").get(0).path("result").asDouble(), 0.02);
        assertEquals(0, steered.path("imputed_missing_cells").path("workclass").asInt(-1));
    }

    @Test
    void withoutSteeringTheTrainingSharesHold() throws Exception {
        Cli.Result r = run();
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable out = CsvReader.read(dir.resolve("out.csv"));
        assertEquals(0.25, share(out, "income", ">50K"), 0.02);
        assertTrue(share(out, "workclass", "?") > 0.02, "missing workclass stays where not imputed");
    }

    @Test
    void badSteeringIsRefusedWithOneLine() throws Exception {
        Cli.Result unknown = run("--rebalance", "income=rich:0.5");
        assertEquals(ExitCodes.FAILURE, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("--rebalance income: the training data has no value 'rich'"),
                unknown.err());
        // checked before the generator trains: no pool is made
        Cli.Result early = Cli.run("run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--generator",
                "argn", "--max-epochs", "50", "--workdir", s(dir.resolve("early")), "--rebalance", "sex=Other:0.5");
        assertEquals(ExitCodes.FAILURE, early.code(), early::toString);
        assertTrue(early.err().contains("--rebalance sex: the training data has no value 'Other'"), early.err());
        assertTrue(!early.err().contains("epoch"), "no training before the check: " + early.err());
        Path pools = dir.resolve("early").resolve("pool_data");
        assertTrue(Files.notExists(pools) || Files.list(pools).findAny().isEmpty(), "no pool file was started");
        Cli.Result usage = run("--rebalance", "income=>50K:2");
        assertEquals(ExitCodes.USAGE, usage.code(), usage::toString);
        assertTrue(usage.err().contains("must lie between 0 and 1"), usage.err());
        assertTrue(Files.notExists(dir.resolve("out.csv")));
    }

    @Test
    void rulesKeepEveryResultRowValidWhereTheGeneratorBreaksThem() throws Exception {
        String[][] places = {{"Vienna", "AT"}, {"Graz", "AT"}, {"Paris", "FR"}, {"Lyon", "FR"}};
        Path train = dev.issosynth.testing.TestTables.columns("low", "high", "city", "country")
                .rows(400, i -> new String[] {Integer.toString(i % 50), Integer.toString(i % 50 + (i * 7) % 30),
                    places[i % 4][0], places[i % 4][1]})
                .writeCsv(dir, "rules.csv");
        // the independent generator draws every column on its own: about half its rows break each rule
        Cli.Result r = Cli.run("run", s(train), "--generator", "independent", "--size", "300", "--seed", "4",
                "--workdir", s(dir), "--output", s(dir.resolve("ruled.csv")), "--refinement-iterations", "10",
                "--rule", "low <= high", "--fixed-combinations", "city,country");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable out = CsvReader.read(dir.resolve("ruled.csv"));
        assertEquals(300, out.rowCount());
        Map<String, String> country = Map.of("Vienna", "AT", "Graz", "AT", "Paris", "FR", "Lyon", "FR");
        for (int row = 0; row < out.rowCount(); row++) {
            assertTrue(Integer.parseInt(out.cell(0, row)) <= Integer.parseInt(out.cell(1, row)), "low <= high");
            assertEquals(country.get(out.cell(2, row)), out.cell(3, row), "a training combination");
        }
        assertTrue(r.err().contains("rules: 0 result rows break one"), r.err());
        assertTrue(r.err().matches("(?s).*rule low <= high: [\\d,]+ of [\\d,]+ pool rows break it.*"), r.err());
        // the same rules from a MOSTLY AI generator configuration's constraints, and from our own column file
        Path mostly = Files.writeString(dir.resolve("mostly.json"), "{\"tables\": [{\"name\": \"t\", \"columns\": [],"
                + " \"constraints\": [{\"type\": \"Inequality\", \"config\": {\"table_name\": \"t\", \"low_column\":"
                + " \"low\", \"high_column\": \"high\"}}, {\"type\": \"FixedCombinations\", \"config\":"
                + " {\"table_name\": \"t\", \"columns\": [\"city\", \"country\"]}}]}]}");
        Path ours = Files.writeString(dir.resolve("ours.yaml"), "columns: []\nrules: [\"low <= high\"]\n"
                + "fixed_combinations:\n  - [city, country]\n");
        for (Path file : new Path[] {mostly, ours}) {
            Cli.Result f = Cli.run("run", s(train), "--generator", "independent", "--size", "300", "--seed", "4",
                    "--workdir", s(dir), "--output", s(dir.resolve("from_file.csv")), "--refinement-iterations", "10",
                    "--columns", s(file));
            assertEquals(ExitCodes.OK, f.code(), f::toString);
            assertEquals(Files.readString(dir.resolve("ruled.csv")), Files.readString(dir.resolve("from_file.csv")),
                    "the file's constraints are the options' rules: " + file.getFileName());
            Files.delete(dir.resolve("from_file.csv"));
        }
        Cli.Result wrongType = Cli.run("run", s(train), "--generator", "independent", "--workdir", s(dir),
                "--output", s(dir.resolve("never.csv")), "--rule", "city < high");
        assertEquals(ExitCodes.FAILURE, wrongType.code(), wrongType::toString);
        assertTrue(wrongType.err().contains("--rule city < high: both columns must be numeric or both datetime"),
                wrongType.err());
        assertEquals(ExitCodes.USAGE, Cli.run("run", s(train), "--rule", "low = high").code());
        assertTrue(Files.notExists(dir.resolve("never.csv")));
    }

    @Test
    void argnTopsThePoolUpWithRowsOfTheValueARebalancingRaises() throws Exception {
        // result 2,000 rows at 70 % >50K needs 1,400 such rows; a 4,000-row pool holds about 1,000 on its own
        Cli.Result r = Cli.run("run", s(fixturePath("census_2000.csv.gz")), "--na-values", "?", "--max-epochs", "15",
                "--models", "1", "--pool-factor", "2", "--seed", "6", "--workdir", s(dir), "--output",
                s(dir.resolve("raised.csv")), "--refinement-iterations", "20", "--no-privacy-guard",
                "--rebalance", "income=>50K:0.7");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.err().contains("[generate argn] 1,802 more rows seeded by income"), r.err());
        RawTable out = CsvReader.read(dir.resolve("raised.csv"));
        assertEquals(0.7, share(out, "income", ">50K"), 0.01, "the asked share, from a pool that holds it");
    }
}
