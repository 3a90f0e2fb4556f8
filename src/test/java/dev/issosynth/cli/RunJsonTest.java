package dev.issosynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run/select --json: the result's figures in the QA library's layout, the job's in an issosynth block. */
class RunJsonTest {
    @TempDir
    Path dir;

    @Test
    void runWritesItsSummaryAndEvaluateAgrees() throws Exception {
        Path train = fixturePath("titanic.csv");
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--size", "400",
                "--refinement-iterations", "2", "--seed", "6", "--workdir", s(dir), "--output",
                s(dir.resolve("out.csv")), "--holdout", s(train), "--privacy-gate=false", "--json", s(json));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode own = root.get("issosynth");
        assertEquals(400, own.get("result_rows").asInt());
        assertEquals(1309, own.get("train_rows").asInt());
        assertEquals(s(dir.resolve("out.csv")), own.get("output").asText());
        assertTrue(own.get("pool").asText().contains("pool_data"), own.toString());
        JsonNode stages = own.get("stages");
        assertEquals("refine", stages.get(stages.size() - 1).get("stage").asText());
        assertTrue(own.get("steering").get("groups").size() > 0, own.toString());
        // the summary's accuracy is the result's, as evaluate computes it
        Cli.Result e = Cli.run("evaluate", "--train", s(train), "--synth", s(dir.resolve("out.csv")), "--json", "-");
        JsonNode eval = new ObjectMapper().readTree(e.out());
        assertEquals(eval.get("accuracy"), root.get("accuracy"));
        // the summary says it in words, beside what a fresh real sample of that size would score
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "quality: overall accuracy %.4f; a fresh real"
                + " sample of 400 rows would score about %.4f", eval.get("accuracy").get("overall").asDouble(),
                eval.get("accuracy").get("overall_max").asDouble())), r.out());
        assertTrue(r.out().contains("; a random subset of the pool scores "), r.out());
        assertTrue(root.get("distances").get("dcr_share").asDouble() > 0.5, "the training rows as holdout: "
                + root.get("distances"));
        assertTrue(root.get("similarity").isNull());

        Path sel = dir.resolve("select.json");
        Cli.Result c = Cli.run("select", "-q", "--train", s(train), "--pool", own.get("pool").asText(), "--size",
                "400", "--refinement-iterations", "2", "--seed", "6", "--output", s(dir.resolve("sel.csv")),
                "--json", s(sel));
        assertEquals(ExitCodes.OK, c.code(), c::toString);
        JsonNode select = new ObjectMapper().readTree(sel.toFile());
        assertEquals(root.get("accuracy"), select.get("accuracy"), "the same pool and seed, the same result");
        assertTrue(select.get("distances").isNull(), "no holdout, no distances");
    }
}
