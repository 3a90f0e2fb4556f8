package dev.issosynth.generator.mostly;

import dev.issosynth.generator.argn.ArgnSettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MostlyPlatformGeneratorTest {
    private static final MostlyApi.Retry FAST = new MostlyApi.Retry(4, Duration.ofMillis(5), Duration.ofMillis(20));

    @TempDir
    Path dir;
    FakePlatform platform;
    TrainingTable train;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        platform = new FakePlatform(dir);
        train = TrainingTable.of(TestTables.fixture("titanic.csv"), MissingValues.defaults());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private static ArgnSettings model() {
        return ArgnSettings.builder().size(ModelSize.SMALL).maxEpochs(7).maxTrainingMinutes(2.5)
                .valueProtection(false).temperature(0.9).topP(0.95).fixedOrder(true).models(1).build();
    }

    private MostlyPlatformGenerator generator(MostlySettings settings, Map<String, String> env) {
        return new MostlyPlatformGenerator(model(), settings, env, Duration.ofMillis(5), FAST, Duration.ofSeconds(10));
    }

    private MostlyPlatformGenerator generator(MostlySettings settings) {
        return generator(settings, platform.env());
    }

    private static MostlySettings settings(String generatorId, boolean keep, Duration timeout) {
        return new MostlySettings(null, generatorId, keep, null, timeout, null);
    }

    private PoolOutput file(String name) {
        return PoolOutput.to(dir.resolve(name));
    }

    private Progress progress() {
        return new Progress(new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsSamplesDownloadsInTheTrainingFormatsAndDeletesWhatItMade() throws Exception {
        Path out = dir.resolve("pool.csv");
        generator(settings(null, false, null)).generate(train, 300, 42, PoolOutput.to(out), progress());

        RawTable pool = CsvReader.read(out);
        assertEquals(List.of(train.header()), List.of(pool.header()), "training column order");
        assertEquals(300, pool.rowCount());
        Set<String> trainAges = Set.copyOf(List.of(train.raw().column(3)));
        for (String age : pool.column(3)) {
            assertTrue(trainAges.contains(age), "age comes back as the training file writes it: " + age);
        }
        assertTrue(List.of(pool.column(3)).contains(""), "missing ages stay missing");

        JsonNode gen = platform.lastGeneratorConfig;
        JsonNode tabular = gen.path("tables").path(0).path("tabularModelConfiguration");
        assertEquals("MOSTLY_AI/Small", tabular.path("model").asText());
        assertEquals(7, tabular.path("maxEpochs").asInt());
        assertEquals(2.5, tabular.path("maxTrainingTime").asDouble());
        assertFalse(tabular.path("valueProtection").asBoolean(true));
        assertFalse(tabular.path("enableFlexibleGeneration").asBoolean(true), "--fixed-order");
        assertFalse(tabular.path("enableModelReport").asBoolean(true));
        assertEquals(42, gen.path("randomState").asInt());
        JsonNode conf = platform.lastDatasetConfig.path("tables").path(0).path("configuration");
        assertEquals(300, conf.path("sampleSize").asInt());
        assertEquals(0.9, conf.path("samplingTemperature").asDouble());
        assertEquals(0.95, conf.path("samplingTopP").asDouble());

        List<String> flow = platform.requests.stream().filter(r -> !r.endsWith("/training") && !r.endsWith("/generation"))
                .toList();
        String g = platform.requests.stream().filter(r -> r.endsWith("/training/start")).findFirst().orElseThrow()
                .split("/")[2];
        String s = platform.requests.stream().filter(r -> r.endsWith("/generation/start")).findFirst().orElseThrow()
                .split("/")[2];
        assertEquals(List.of("GET /about", "POST /generators", "GET /generators/" + g, "POST /generators/" + g
                        + "/training/start", "GET /generators/" + g, "POST /synthetic-datasets",
                "POST /synthetic-datasets/" + s + "/generation/start", "GET /synthetic-datasets/" + s,
                "GET /synthetic-datasets/" + s, "GET /synthetic-datasets/" + s + "/download",
                "DELETE /synthetic-datasets/" + s, "DELETE /generators/" + g), flow);
        assertTrue(platform.count("GET /generators/" + g + "/training") >= 3, "training was polled");
        assertFalse(platform.exists(g) || platform.exists(s), "both resources deleted");
        assertTrue(platform.keysSeen.stream().allMatch(FakePlatform.KEY::equals), "the key goes with every request");
        assertFalse(err().contains(FakePlatform.KEY), "the key is never printed");
        assertTrue(err().contains("TRAIN_MODEL epoch"), "training progress shows the step and epoch: " + err());
        assertTrue(err().contains("--generator-id " + g), "the resume hint names the generator");
    }

    @Test
    void sameSeedAsksTheSameRandomStateAndGivesTheSamePool() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        generator(settings(null, false, null)).generate(train, 50, 5, PoolOutput.to(a), Progress.silent());
        generator(settings(null, false, null)).generate(train, 50, 5, PoolOutput.to(b), Progress.silent());
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals(Integer.MAX_VALUE - 2, MostlyPlatformGenerator.randomState(-2L));
    }

    @Test
    void keepGeneratorKeepsItAndAGivenTrainedGeneratorIsOnlySampled() throws Exception {
        generator(settings(null, true, null)).generate(train, 20, 1, file("a.csv"), Progress.silent());
        String g = platform.requests.stream().filter(r -> r.equals("POST /generators")).count() == 1
                ? platform.requests.stream().filter(r -> r.endsWith("/training/start")).findFirst().orElseThrow()
                        .split("/")[2] : null;
        assertTrue(platform.exists(g), "--keep-generator");
        platform.requests.clear();

        generator(settings(g, false, null)).generate(train, 20, 1, file("b.csv"), progress());
        assertEquals(0, platform.count("POST /generators"), "no new generator");
        assertEquals(0, platform.count("POST /generators/" + g + "/training/start"), "no training");
        assertTrue(platform.exists(g), "a given generator is never deleted");
        assertEquals(Files.readString(dir.resolve("a.csv")), Files.readString(dir.resolve("b.csv")));
    }

    @Test
    void aRestartedRunFollowsTheTrainingThatIsStillRunning() throws Exception {
        String g = platform.addGenerator("IN_PROGRESS", List.of(train.header()),
                List.of("BIGINT", "BIGINT", "VARCHAR", "BIGINT", "BIGINT", "BIGINT", "BIGINT", "VARCHAR"),
                List.of(List.of("1", "1", "female", "29", "0", "0", "211", "S")));
        Path out = dir.resolve("pool.csv");
        generator(settings(g, false, null)).generate(train, 10, 3, PoolOutput.to(out), progress());
        assertEquals(0, platform.count("POST /generators/" + g + "/training/start"));
        assertTrue(platform.count("GET /generators/" + g + "/training") >= 2);
        assertEquals("DONE", platform.status(g));
        assertEquals(10, CsvReader.read(out).rowCount());
        assertTrue(err().contains("is training (IN_PROGRESS); following it"), err());
    }

    @Test
    void aBadKeyIsOneClearErrorAndNoFile() {
        Map<String, String> env = platform.env();
        env.put("MOSTLY_API_KEY", "mostly-wrong");
        Path out = dir.resolve("pool.csv");
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null), env)
                .generate(train, 10, 1, PoolOutput.to(out), Progress.silent()));
        assertEquals("MOSTLY AI rejected the API key (HTTP 401); check MOSTLY_API_KEY or --api-key-file: Invalid API key",
                e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of("GET /about"), platform.requests, "no retry on 401");
    }

    @Test
    void noKeyAtAllNamesBothWaysToGiveIt() {
        Map<String, String> env = platform.env();
        env.remove("MOSTLY_API_KEY");
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null), env)
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertTrue(e.getMessage().contains("MOSTLY_API_KEY") && e.getMessage().contains("--api-key-file"), e.getMessage());
        assertTrue(platform.requests.isEmpty());
    }

    @Test
    void aKeyFileIsReadAndTheKeyNeverAppearsInMessages() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), FakePlatform.KEY + "\n");
        Map<String, String> env = platform.env();
        env.remove("MOSTLY_API_KEY");
        generator(new MostlySettings(keyFile, null, false, null, null, null), env)
                .generate(train, 5, 1, file("p.csv"), progress());
        assertEquals(5, CsvReader.read(dir.resolve("p.csv")).rowCount());
        Files.writeString(keyFile, "");
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(
                new MostlySettings(keyFile, null, false, null, null, null), env)
                .generate(train, 5, 1, file("q.csv"), Progress.silent()));
        assertTrue(e.getMessage().contains("must hold the API key"), e.getMessage());
    }

    @Test
    void aRefusedConfigShowsTheServersMessage() {
        platform.fail("POST /generators", 400);
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertEquals("MOSTLY AI refused POST /generators (HTTP 400): injected failure 400", e.getMessage());
    }

    @Test
    void aFailedTrainingShowsTheStepErrorAndDeletesTheGenerator() {
        platform.trainingError = "CUDA out of memory\nat step 12";
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertTrue(e.getMessage().matches("MOSTLY AI training of generators/g-\\d+ FAILED: step TRAIN_MODEL failed: "
                + "CUDA out of memory at step 12"), e.getMessage());
        assertEquals(1, platform.requests.stream().filter(r -> r.startsWith("DELETE /generators/")).count());
        assertFalse(Files.exists(dir.resolve("p.csv")));
    }

    @Test
    void flakyEndpointsAreRetriedAndTheRunSucceeds() throws Exception {
        platform.fail("GET /about", 503, 503);
        platform.fail("POST /generators", 429);
        String pollRoute = "GET /generators/g-1/training";
        platform.fail(pollRoute, 0, 502); // a dropped connection, then a bad gateway
        Path out = dir.resolve("pool.csv");
        generator(settings(null, false, null)).generate(train, 10, 1, PoolOutput.to(out), Progress.silent());
        assertEquals(10, CsvReader.read(out).rowCount());
        assertEquals(3, platform.count("GET /about"));
        assertEquals(2, platform.count("POST /generators"), "429 means not created: retried once");
        assertEquals(1, platform.requests.stream().filter(r -> r.startsWith("DELETE /generators/")).count(),
                "exactly one generator was made");
    }

    @Test
    void aSilentPollIsRetriedButASilentCreateIsNotRepeated() throws Exception {
        MostlyPlatformGenerator impatient = new MostlyPlatformGenerator(model(), settings(null, false, null),
                platform.env(), Duration.ofMillis(5), FAST, Duration.ofMillis(300));
        platform.fail("GET /about", -1);
        Path out = dir.resolve("pool.csv");
        impatient.generate(train, 10, 1, PoolOutput.to(out), Progress.silent());
        assertEquals(2, platform.count("GET /about"), "the silent request was repeated");
        assertEquals(10, CsvReader.read(out).rowCount());

        platform.fail("POST /synthetic-datasets", -1);
        ExternalModelException e = assertThrows(ExternalModelException.class,
                () -> impatient.generate(train, 10, 1, file("p2.csv"), Progress.silent()));
        assertTrue(e.getMessage().startsWith("MOSTLY AI did not answer POST /synthetic-datasets within 300 ms"),
                e.getMessage());
        assertEquals(2, platform.count("POST /synthetic-datasets"),
                "one per run: the silent one is not repeated (the platform may have created it)");
    }

    @Test
    void aServerErrorOnCreateIsNotRetriedSoNoSecondGeneratorIsMade() {
        platform.fail("POST /generators", 500);
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertTrue(e.getMessage().startsWith("MOSTLY AI failed on POST /generators (HTTP 500)"), e.getMessage());
        assertEquals(1, platform.count("POST /generators"));
    }

    @Test
    void retriesStopAfterTheLastAttemptWithTheLastFailure() {
        platform.fail("GET /about", 503, 503, 503, 503, 503);
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertEquals("MOSTLY AI GET /about failed 4 times, last: HTTP 503: injected failure 503", e.getMessage());
    }

    @Test
    void anUnreachablePlatformIsOneLine() {
        int port = Integer.parseInt(platform.baseUrl().replaceAll(".*:", ""));
        platform.close();
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(settings(null, false, null))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertEquals("MOSTLY AI GET /about failed 4 times, last: cannot connect to 127.0.0.1:" + port
                + " (ConnectException)", e.getMessage());
    }

    @Test
    void theTimeoutCancelsTheRemoteTrainingAndDeletesTheGenerator() {
        platform.pollsToFinish = 1_000_000;
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> generator(
                settings(null, false, Duration.ofMillis(300)))
                .generate(train, 10, 1, file("p.csv"), Progress.silent()));
        assertTrue(e.getMessage().matches("MOSTLY AI run gave up after --remote-timeout-minutes 0\\.0; cancelled "
                + "generators/g-\\d+/training"), e.getMessage());
        assertEquals(1, platform.requests.stream().filter(r -> r.matches("POST /generators/g-\\d+/training/cancel"))
                .count());
        assertEquals(1, platform.requests.stream().filter(r -> r.startsWith("DELETE /generators/")).count());
    }

    @Test
    void anInterruptCancelsTheRemoteJob() throws Exception {
        platform.pollsToFinish = 1_000_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                generator(settings(null, true, null)).generate(train, 10, 1, file("p.csv"), Progress.silent());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (!platform.sawRequestEndingWith("/training") && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join(10_000);
        assertFalse(worker.isAlive());
        assertTrue(failure.get() instanceof ExternalModelException, String.valueOf(failure.get()));
        assertTrue(failure.get().getMessage().matches("MOSTLY AI run interrupted; cancelled generators/g-\\d+/training"),
                failure.get().getMessage());
        assertEquals(0, platform.requests.stream().filter(r -> r.startsWith("DELETE /generators/")).count(),
                "--keep-generator");
    }
}
