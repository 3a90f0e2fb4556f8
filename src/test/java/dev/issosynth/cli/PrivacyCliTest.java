package dev.issosynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.everyNthRow;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate's privacy figures, --fail-on-privacy and --privacy-sample on the command line. */
class PrivacyCliTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path holdout;
    static Path fresh;

    /**
     * census_2000 cut in thirds by row, 666 rows each: training (rows 2, 5, 8, ...), holdout (rows 0, 3, ...), a
     * fresh real sample (rows 1, 4, ...).
     */
    @BeforeAll
    static void split() {
        RawTable census = fixture("census_2000.csv.gz");
        train = writeCsv(everyNthRow(census, 3, 2).headRows(666), dir, "train.csv");
        holdout = writeCsv(everyNthRow(census, 3, 0).headRows(666), dir, "holdout.csv");
        fresh = writeCsv(everyNthRow(census, 3, 1).headRows(666), dir, "fresh.csv");
    }

    private static Cli.Result evaluate(Path synth, String... extra) {
        List<String> a = new ArrayList<>(List.of("evaluate", "-q", "--na-values", "?", "--train", s(train),
                "--synth", s(synth)));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void copiesOfTrainingFailTheGateWithExitCode3() {
        Cli.Result r = evaluate(train, "--holdout", s(holdout), "--fail-on-privacy");
        assertEquals(ExitCodes.PRIVACY_FAIL, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("issosynth: ") && r.err().contains("DCR share 1.00000 >= 0.52"), r.err());
        assertTrue(r.out().contains("privacy: FAIL"), r.out());
        assertTrue(r.out().contains("identical-match share        1.00000"), r.out());
        // without the flag the same figures are reported and the exit code stays 0
        Cli.Result plain = evaluate(train, "--holdout", s(holdout));
        assertEquals(ExitCodes.OK, plain.code(), plain::toString);
        assertTrue(plain.out().contains("privacy: FAIL"), plain.out());
    }

    @Test
    void copyingIsCheckedWithoutAHoldout() throws IOException {
        // the training rows themselves: every row repeats all of one training row, above the real median
        Path json = dir.resolve("copying.json");
        Cli.Result copies = evaluate(train, "--json", s(json));
        assertEquals(ExitCodes.OK, copies.code(), copies::toString);
        assertTrue(copies.out().contains("copying (no holdout needed): 1.0000 of 666 synthetic rows")
                && copies.out().contains("more than real records: the generator may copy"), copies.out());
        JsonNode c = new ObjectMapper().readTree(json.toFile()).get("issosynth").get("copying");
        assertEquals(1.0, c.get("synthetic_share").asDouble(), 1e-9);
        assertEquals(0.5, c.get("real_share").asDouble(), 0.01, c.toString());
        assertTrue(c.get("more_than_real").asBoolean(), c.toString());
        assertEquals(666, c.get("training_rows").asInt());
        // a fresh real sample: about half, like the training rows against each other, and no warning
        Cli.Result real = evaluate(fresh, "--json", s(json));
        JsonNode f = new ObjectMapper().readTree(json.toFile()).get("issosynth").get("copying");
        assertEquals(0.5, f.get("synthetic_share").asDouble(), 0.06, f.toString());
        assertFalse(f.get("more_than_real").asBoolean(), f.toString());
        assertFalse(real.out().contains("may copy"), real.out());
    }

    @Test
    void rowsFarFromTrainingPassTheGate() {
        // the holdout itself as "synthetic": every row is closer to holdout than to training (share 0)
        Cli.Result r = evaluate(holdout, "--holdout", s(holdout), "--fail-on-privacy");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("DCR share                    0.00000   ok"), r.out());
        assertTrue(r.out().contains("privacy: pass"), r.out());
    }

    @Test
    void aFreshSampleScoresAboutOneHalfAndJsonCarriesTheFigures() throws IOException {
        Path json = dir.resolve("out.json");
        Cli.Result r = evaluate(fresh, "--holdout", s(holdout), "--json", s(json));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode p = root.get("issosynth").get("privacy");
        assertEquals(666, p.get("training_sample").asInt());
        double share = p.get("dcr_share").asDouble();
        // 666 rows: one standard deviation of the share is about 0.02 around 0.5
        assertTrue(share > 0.44 && share < 0.56, "DCR share " + share);
        assertEquals(1.0, p.get("nndr_ratio").asDouble(), 0.5);
        assertEquals(0.0, p.get("identical_match_share").asDouble());
        assertTrue(p.get("dcr_synthetic_training").has("p5"));
        assertEquals(0.52, p.get("dcr_share_limit").asDouble());
        // the groups: all columns first, then three correlated and three random ones; the headline is the worst
        JsonNode groups = p.get("groups");
        assertEquals(7, groups.size());
        assertEquals("all", groups.get(0).get("name").asText());
        assertEquals(15, groups.get(0).get("columns").size());
        assertEquals(p.get("encoding_dims").asInt(), groups.get(0).get("dims").asInt());
        assertEquals(groups.get(0).get("dims").asInt(), groups.get(0).get("dim_names").size());
        double worst = 0;
        String worstName = null;
        for (JsonNode g : groups) {
            assertTrue(g.has("dcr_share") && g.has("nndr_ratio") && g.has("identical_match_share"), g.toString());
            if (g.get("dcr_share").asDouble() >= worst) {
                worst = g.get("dcr_share").asDouble();
                worstName = g.get("name").asText();
            }
        }
        assertEquals(worstName, p.get("group").asText());
        assertEquals(worst, share);
        // the QA library's Distances: the headline group's figures under its names, rounded as it rounds
        JsonNode d = root.get("distances");
        assertEquals(List.of("ims_training", "ims_holdout", "ims_trn_hol", "dcr_training", "dcr_holdout", "dcr_trn_hol",
                "dcr_share", "nndr_training", "nndr_holdout", "nndr_trn_hol"), fieldNames(d));
        assertEquals(Math.round(share * 1000) / 1000.0, d.get("dcr_share").asDouble(), 1e-12);
        assertEquals(p.get("dcr_synthetic_training").get("mean").asDouble(), d.get("dcr_training").asDouble(), 5e-4);
        assertEquals(p.get("nndr_training").asDouble(), d.get("nndr_training").asDouble(), 1e-12);
        assertTrue(d.get("nndr_trn_hol").asDouble() > 0 && d.get("dcr_trn_hol").asDouble() > 0, d.toString());
        assertTrue(root.get("similarity").isNull(), "no embedding-model similarity computed");
        // --json - prints only JSON, with the gate's exit code
        Cli.Result dash = evaluate(train, "--holdout", s(holdout), "--fail-on-privacy", "--json", "-");
        assertEquals(ExitCodes.PRIVACY_FAIL, dash.code());
        assertFalse(new ObjectMapper().readTree(dash.out()).get("issosynth").get("privacy").get("pass").asBoolean());
    }

    @Test
    void jsonIsIdenticalForOneAndTwoThreads() throws IOException {
        Path one = dir.resolve("t1.json");
        Path two = dir.resolve("t2.json");
        assertEquals(ExitCodes.OK, evaluate(fresh, "--holdout", s(holdout), "--threads", "1", "--json", s(one)).code());
        assertEquals(ExitCodes.OK, evaluate(fresh, "--holdout", s(holdout), "--threads", "2", "--json", s(two)).code());
        assertEquals(Files.readString(one), Files.readString(two));
    }

    @Test
    void privacySampleCapsTheSamples() {
        Cli.Result r = evaluate(fresh, "--holdout", s(holdout), "--privacy-sample", "100");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("privacy: samples of 100 training, 100 holdout, 100 synthetic rows"), r.out());
    }

    @Test
    void noHoldoutNoPrivacy() {
        Cli.Result r = evaluate(fresh);
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertFalse(r.out().contains("privacy"), r.out());
    }

    private static void assertUsage(Cli.Result r, String expected) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        // one error line, plus the project's usual pointer to --help
        List<String> err = r.errLines();
        assertTrue(err.get(0).startsWith("issosynth: ") && err.get(0).contains(expected), r.err());
        assertEquals(List.of("Try 'issosynth evaluate --help' for more information."), err.subList(1, err.size()));
        assertEquals("", r.out());
    }

    @Test
    void badPrivacyOptionsAreOneLineUsageErrors() {
        assertUsage(evaluate(fresh, "--holdout", s(holdout), "--privacy-sample", "1"), "--privacy-sample must be 0 (all rows) or at least 2");
        assertUsage(evaluate(fresh, "--holdout", s(holdout), "--privacy-sample", "-5"), "--privacy-sample");
        assertUsage(evaluate(fresh, "--holdout", s(holdout), "--privacy-sample", "many"), "--privacy-sample");
        assertUsage(evaluate(fresh, "--fail-on-privacy"), "--fail-on-privacy needs --holdout");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
