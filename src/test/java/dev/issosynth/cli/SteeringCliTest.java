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
        Cli.Result usage = run("--rebalance", "income=>50K:2");
        assertEquals(ExitCodes.USAGE, usage.code(), usage::toString);
        assertTrue(usage.err().contains("must lie between 0 and 1"), usage.err());
        assertTrue(Files.notExists(dir.resolve("out.csv")));
    }
}
