package dev.issosynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes to stdout, stderr and the --log-file. */
class ConsoleOutputTest {
    @TempDir
    Path dir;
    Path train;
    Path pool;

    @BeforeEach
    void makePool() {
        train = fixturePath("titanic.csv");
        pool = dir.resolve("pool.csv");
        Cli.Result g = Cli.run("generate", "-q", "--train", s(train), "--generator", "independent", "--rows", "3000",
                "--seed", "5", "--output", s(pool));
        assertEquals(0, g.code(), g::toString);
        assertEquals("output: " + pool, g.lastOutLine());
        assertEquals("", g.err());
    }

    private Cli.Result select(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("select", "--train", s(train), "--pool", s(pool),
                "--size", "300", "--refinement-iterations", "20", "--output", s(dir.resolve("out.csv"))));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void quietSuccessPrintsNothingOnStderr() {
        Cli.Result r = select("--quiet");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        assertEquals("output: " + dir.resolve("out.csv"), r.lastOutLine());
    }

    @Test
    void progressLinesOnStderrNameTheStages() {
        Cli.Result r = select();
        assertEquals(0, r.code(), r::toString);
        for (String stage : List.of("[read]", "[ipf]", "[trim]", "[refine]", "[write]")) {
            assertTrue(r.err().contains(stage + " started"), stage + " missing:\n" + r.err());
        }
        assertFalse(r.out().contains("[ipf]"), "progress must not go to stdout");
        assertEquals("output: " + dir.resolve("out.csv"), r.lastOutLine());
        assertTrue(r.out().contains("result rows 300"), r.out());
    }

    @Test
    void logFileGetsProgressOnSuccess() throws IOException {
        Path log = dir.resolve("logs/issosynth.log");
        Cli.Result r = select("-q", "--log-file", s(log));
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        String text = Files.readString(log);
        assertTrue(text.contains("[ipf] started"), text);
        assertTrue(text.contains("[write] done"), text);
    }

    @Test
    void logFileGetsTheStackTraceOfAFailureWhileStderrStaysOneLine() throws IOException {
        Path log = dir.resolve("run.log");
        Path bad = Cli.write(dir.resolve("bad.csv"), "Survived,Pclass\n1,2\n");
        Cli.Result r = Cli.run("select", "-q", "--train", s(train), "--pool", s(bad), "--log-file", s(log),
                "--output", s(dir.resolve("out.csv")));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("issosynth: "), r.err());
        String text = Files.readString(log);
        assertTrue(text.contains("InputException"), text);
        assertTrue(text.contains("\tat dev.issosynth."), "stack trace expected in the log:\n" + text);
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void logFileInADirectoryIsABadPath() throws IOException {
        Files.createDirectories(dir.resolve("logdir"));
        Cli.Result r = select("-q", "--log-file", s(dir.resolve("logdir")));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("logdir"), r.err());
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void evaluateJsonDashPrintsOnlyJson() throws IOException {
        Cli.Result r = Cli.run("evaluate", "--train", s(train), "--synth", s(pool), "--json", "-");
        assertEquals(0, r.code(), r::toString);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1309, json.get("issosynth").get("train_rows").asInt());
        assertEquals(3000, json.get("issosynth").get("synthetic_rows").asInt());
        // the QA library's Accuracy block, its field names and seven decimals
        JsonNode a = json.get("accuracy");
        List<String> names = new java.util.ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("overall", "univariate", "bivariate", "trivariate", "coherence", "overall_max",
                "univariate_max", "bivariate_max", "trivariate_max", "coherence_max"), names);
        double overall = a.get("overall").asDouble();
        assertTrue(overall > 0 && overall <= 1, "accuracy in (0,1]: " + overall);
        assertEquals(overall, Math.round(overall * 1e7) / 1e7, 1e-15, "seven decimals");
        assertTrue(a.get("coherence").isNull() && json.get("distances").isNull(), "flat data, no holdout");
        assertEquals("", r.err());
    }

    @Test
    void evaluateJsonFileIsWrittenAtomicallyBesideTheSummary() throws IOException {
        Path out = dir.resolve("eval/out.json");
        Cli.Result r = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(pool), "--holdout", s(train),
                "--json", s(out));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("synthetic accuracy"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(1309, json.get("issosynth").get("holdout_rows").asInt());
        // the holdout is the training data itself here: a perfect match
        assertEquals(1.0, json.get("issosynth").get("holdout_accuracy").get("overall").asDouble(), 1e-9);
        assertEquals(List.of("out.json"), Cli.files(dir.resolve("eval")), "no temp file left");
        Path plain = Files.createFile(dir.resolve("eval/plain.txt")); // what the umask gives a new file
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out),
                    "the JSON gets the usual permissions, not createTempFile's owner-only 0600");
        }
    }

    @Test
    void evaluateJsonIntoADirectoryFailsInOneLine() throws IOException {
        Files.createDirectories(dir.resolve("j.json"));
        Cli.Result r = Cli.run("evaluate", "-q", "--train", s(train), "--synth", s(pool), "--json",
                s(dir.resolve("j.json")));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("j.json"), r.err());
    }
}
