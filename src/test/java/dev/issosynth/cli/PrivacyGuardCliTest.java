package dev.issosynth.cli;

import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.everyNthRow;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.fixturePath;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --privacy-guard (steering) of select and run, and run --holdout. */
class PrivacyGuardCliTest {
    @TempDir
    Path dir;

    private static boolean guardOf(String command, Path config, String... args) {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                config);
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        Object cmd = cl.getSubcommands().get(command).getCommand();
        return cmd instanceof SelectCommand sc ? sc.guard.privacyGuard : ((RunCommand) cmd).guard.privacyGuard;
    }

    @Test
    void flagIsOnByDefaultAndEachSpellingTurnsItOffOrOn() {
        String[] sel = {"--train", "t.csv", "--pool", "p.csv"};
        assertTrue(guardOf("select", null, sel));
        assertTrue(guardOf("run", null, "t.csv"));
        assertFalse(guardOf("select", null, "--train", "t.csv", "--pool", "p.csv", "--no-privacy-guard"));
        assertFalse(guardOf("select", null, "--train", "t.csv", "--pool", "p.csv", "--privacy-guard=false"));
        assertFalse(guardOf("run", null, "t.csv", "--no-privacy-guard"));
        assertTrue(guardOf("run", null, "t.csv", "--privacy-guard"));
        assertTrue(guardOf("run", null, "t.csv", "--privacy-guard=true"));
        Path off = Cli.write(dir.resolve("off.properties"), "privacy-guard = false\n");
        assertFalse(guardOf("select", off, "--train", "t.csv", "--pool", "p.csv"));
        assertTrue(guardOf("select", off, "--train", "t.csv", "--pool", "p.csv", "--privacy-guard"), "flag beats config");
    }

    @Test
    void selectFromTheTrainingDataItselfFailsWithSteeringAndWorksWithout() {
        Path train = fixturePath("titanic.csv");
        Cli.Result r = Cli.run("select", "-q", "--train", s(train), "--pool", s(train), "--size", "10",
                "--output", s(dir.resolve("a.csv")));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("0 rows that do not copy a training row") && r.err().contains("--no-privacy-guard"),
                r.err());
        assertTrue(r.err().contains("copies allowed"), r.err());
        r = Cli.run("select", "-q", "--train", s(train), "--pool", s(train), "--size", "10", "--no-privacy-guard",
                "--output", s(dir.resolve("b.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("privacy steering: off"), r.out());
        Cli.Result bad = Cli.run("select", "-q", "--train", s(train), "--pool", s(train), "--privacy-margin", "0.5",
                "--output", s(dir.resolve("c.csv")));
        assertEquals(ExitCodes.USAGE, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--privacy-margin must be at least 0 and below 0.5"), bad.err());
    }

    /**
     * A coarse table whose real records repeat (2 columns of 3 and 7 values: 21 combinations, 900 rows): every pool
     * row copies some training row, so excluding copies would leave nothing; they are allowed at the rate real
     * records repeat instead, and the job runs.
     */
    @Test
    void aCoarseTableWhoseRecordsRepeatAllowsCopiesAtTheirRate() {
        Path train = dev.issosynth.testing.TestTables.columns("a", "b")
                .rows(900, i -> new String[] {"a" + (i * 7 % 3), "b" + (i * 13 % 7)}).writeCsv(dir, "coarse.csv");
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--refinement-iterations", "3", "--output", s(dir.resolve("coarse_out.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("allowed up to 1.0000 (the rate real records repeat)"), r.out());
        assertTrue(r.out().contains("in the result 1.0000"), r.out());
    }

    @Test
    void anIdentifierColumnIsPointedOut() {
        Path train = dev.issosynth.testing.TestTables.columns("id", "group", "value")
                .rows(300, i -> new String[] {"p" + (i * 7919 % 100_003), "g" + (i % 5), Integer.toString(i % 37)})
                .writeCsv(dir, "ids.csv");
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--refinement-iterations", "2", "--output", s(dir.resolve("ids_out.csv")), "--keys", "none");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("privacy steering: note: id look like identifiers"), r.out());
        assertTrue(r.out().contains("name them with --keys"), r.out());
    }

    /** The census fixture's rows alternately into holdout.csv (rows 0, 2, ...) and train.csv (rows 1, 3, ...). */
    private Path[] censusHalves() {
        RawTable census = fixture("census_2000.csv.gz");
        return new Path[] {writeCsv(everyNthRow(census, 2, 1), dir, "train.csv"),
            writeCsv(everyNthRow(census, 2, 0), dir, "holdout.csv")};
    }

    @Test
    void runReportsTheGuardAndWithHoldoutThePrivacyFigures() {
        Path[] halves = censusHalves();
        Path train = halves[0];
        Path holdout = halves[1];
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--na-values", "?",
                "--workdir", s(dir), "--refinement-iterations", "3", "--holdout", s(holdout),
                "--privacy-sample", "500", "--privacy-gate=false");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("privacy steering: copies of a training row in the pool"), r.out());
        assertTrue(r.out().contains("privacy steering (no holdout needed): closer to training than to a pool sample")
                && r.out().contains("500 training rows as reference"), r.out());
        assertTrue(r.out().contains("correlated 1") && r.out().contains("closer than real"), r.out());
        assertTrue(!r.out().contains("look like identifiers"), "census has no identifier column: " + r.out());
        assertTrue(r.out().contains("privacy steering: near copies") && !r.out().contains("memorises"),
                "the independent generator copies nothing: " + r.out());
        assertTrue(r.out().contains("DCR share") && r.out().contains("NNDR ratio")
                && r.out().contains("identical-match share"), r.out());
        assertTrue(r.out().contains("privacy: samples of 500 training, 500 holdout, 500 synthetic rows"), r.out());

        Cli.Result bad = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--privacy-sample", "1");
        assertEquals(ExitCodes.USAGE, bad.code(), bad::toString);
    }

    @Test
    void runWritesTheHtmlReportOfItsResult() throws Exception {
        Path[] halves = censusHalves();
        Path train = halves[0];
        Path holdout = halves[1];
        Path report = dir.resolve("r.html");
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--na-values", "?",
                "--workdir", s(dir), "--refinement-iterations", "3", "--holdout", s(holdout),
                "--privacy-sample", "500", "--report", s(report), "--privacy-gate=false");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("report: " + report), r.out());
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("DCR share"), "report without charts or privacy");
        // the run's own section: its settings and the selection stages with their accuracy
        assertTrue(html.contains("<section id=\"run\">") && html.contains("<td>independent</td>")
                && html.contains("<td>refine</td>") && html.contains("copies of training rows in the pool"), "run section missing");
        Cli.Result bad = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--report", s(train));
        assertEquals(ExitCodes.USAGE, bad.code(), bad::toString);
    }

    @Test
    void selectShowsThePartialCopiesItSteeredInTextAndJson() throws Exception {
        dev.issosynth.testing.PartialCopyTables tables = new dev.issosynth.testing.PartialCopyTables(5);
        Path train = writeCsv(tables.train, dir, "train.csv");
        Path pool = writeCsv(tables.pool, dir, "pool.csv");
        Path json = dir.resolve("m.json");
        Cli.Result r = Cli.run("select", "-q", "--train", s(train), "--pool", s(pool), "--output",
                s(dir.resolve("out.csv")), "--json", s(json));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("privacy steering: partial copies (values only one training row has")
                && r.out().contains("first + last + country"), r.out());
        // half the pool keeps a training row's names and country: near copies, a generator that memorises
        assertTrue(r.out().contains("privacy steering: near copies") && r.out().contains("warning: the pool's generator"
                + " memorises"), r.out());
        com.fasterxml.jackson.databind.JsonNode partial = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile()).get("issosynth").get("steering").get("partial_copies");
        boolean found = false;
        for (com.fasterxml.jackson.databind.JsonNode f : partial) {
            if (f.get("columns").asText().equals("first + last + country")) {
                found = true;
                assertEquals(tables.realShare(), f.get("real_share").asDouble(), 1e-6);
                assertTrue(f.get("result_share").asDouble() <= tables.realShare() + 1.0 / 600, f.toString());
            }
        }
        assertTrue(found, partial.toString());
        com.fasterxml.jackson.databind.JsonNode near = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile()).get("issosynth").get("steering").get("near_copies");
        assertTrue(near.get("memorising").asBoolean(), near.toString());
        assertTrue(near.get("pool_share").asDouble() >= dev.issosynth.quality.PrivacyReference.MEMORISING
                * near.get("real_share").asDouble(), near.toString());
        // rows keeping a training row's rare names: large value overlaps, steered down to the real share
        assertTrue(r.out().contains("privacy steering: value overlap"), r.out());
        com.fasterxml.jackson.databind.JsonNode overlap = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile()).get("issosynth").get("steering").get("value_overlap");
        assertTrue(overlap.get("steered").asBoolean(), overlap.toString());
        double real = overlap.get("real_share").asDouble();
        assertEquals(0.5, real, 0.05, overlap.toString());
        assertTrue(overlap.get("pool_share").asDouble() > real + 0.1, overlap.toString());
        assertTrue(overlap.get("result_share").asDouble() <= real + 0.01, overlap.toString());
    }
}
