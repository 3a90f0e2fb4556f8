package dev.issosynth.generator.mostly;

import dev.issosynth.cli.Main;
import dev.issosynth.io.CsvReader;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --generator mostly} through the command line, against the loopback platform. */
class MostlyCliTest {
    private static final String TITANIC = TestTables.fixturePath("titanic.csv").toString();

    @TempDir
    Path dir;
    FakePlatform platform;
    Path keyFile;

    @BeforeEach
    void start() throws Exception {
        platform = new FakePlatform(dir);
        keyFile = Files.writeString(dir.resolve("key.txt"), FakePlatform.KEY);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void generateWritesThePoolAndRunSelectsFromIt() {
        platform.pollsToFinish = 1; // jobs end at the first poll: the CLI polls every 2 s
        Path pool = dir.resolve("pool.csv");
        Result g = run("generate", "--generator", "mostly", "--base-url", platform.baseUrl(), "--api-key-file",
                keyFile.toString(), "--train", TITANIC, "--rows", "400", "--output", pool.toString(), "--model", "Large");
        assertEquals(0, g.code(), g.err());
        assertEquals(400, CsvReader.read(pool).rowCount());
        assertEquals("MOSTLY_AI/Large", platform.lastGeneratorConfig.path("tables").path(0)
                .path("tabularModelConfiguration").path("model").asText());

        Path result = dir.resolve("result.csv");
        Result r = run("run", TITANIC, "--generator", "mostly", "--base-url", platform.baseUrl(), "--api-key-file",
                keyFile.toString(), "--size", "200", "--pool-factor", "2", "--output", result.toString(),
                "--workdir", dir.toString(), "--no-privacy-guard", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(200, CsvReader.read(result).rowCount());
    }

    @Test
    void aRejectedKeyExitsWithFourAndOneLine() throws Exception {
        Files.writeString(keyFile, "mostly-wrong");
        Path pool = dir.resolve("pool.csv");
        Result g = run("generate", "--generator", "mostly", "--base-url", platform.baseUrl(), "--api-key-file",
                keyFile.toString(), "--train", TITANIC, "--rows", "10", "--output", pool.toString(), "--quiet");
        assertEquals(4, g.code());
        assertEquals("issosynth: MOSTLY AI rejected the API key (HTTP 401); check MOSTLY_API_KEY or --api-key-file: "
                + "Invalid API key", g.err().strip());
        assertFalse(Files.exists(pool));
        assertFalse(g.err().contains("mostly-wrong"));
    }

    @Test
    void aBadBaseUrlIsOneLine() {
        Result g = run("generate", "--generator", "mostly", "--base-url", "ftp://x", "--api-key-file",
                keyFile.toString(), "--train", TITANIC, "--rows", "10", "--output", dir.resolve("p.csv").toString());
        assertEquals(4, g.code());
        assertEquals("issosynth: MOSTLY AI base URL must be http(s)://host[:port]: ftp://x", g.err().strip());
    }

    /** A real signal to a real JVM: the shutdown hook cancels the remote training before the process ends. */
    @Test
    void ctrlCCancelsTheRemoteTraining() throws Exception {
        platform.pollsToFinish = 1_000_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path pool = dir.resolve("pool.csv");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp, "dev.issosynth.cli.Main", "generate",
                "--generator", "mostly", "--base-url", platform.baseUrl(), "--api-key-file", keyFile.toString(),
                "--train", TITANIC, "--rows", "10", "--output", pool.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (platform.requests.stream().toList().stream().noneMatch(r -> r.endsWith("/training"))
                    && System.nanoTime() < until && p.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), () -> "exit " + p.exitValue() + ": " + readQuietly(dir.resolve("log.txt")));
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM ends after Ctrl-C");
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(1, platform.requests.stream().toList().stream()
                .filter(r -> r.matches("POST /generators/g-\\d+/training/cancel")).count(), log);
        assertEquals(1, platform.requests.stream().toList().stream().filter(r -> r.startsWith("DELETE /generators/"))
                .count(), "the generator this run made is deleted: " + log);
        assertTrue(log.contains("MOSTLY AI run interrupted; cancelled generators/"), log);
        assertFalse(Files.exists(pool));
        assertTrue(p.exitValue() != 0);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
