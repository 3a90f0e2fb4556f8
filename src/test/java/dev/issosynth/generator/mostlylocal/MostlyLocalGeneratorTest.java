package dev.issosynth.generator.mostlylocal;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.schema.TrainingTable;
import com.fasterxml.jackson.databind.JsonNode;
import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.generator.ExternalPool;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.mostly.MostlySettings;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Java side of {@code mostly-local} against the fake SDK, engine and pandas in the test resources. */
class MostlyLocalGeneratorTest {
    static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));
    static final ArgnSettings OPTIONS = ArgnSettings.builder().size(ModelSize.SMALL).maxEpochs(7)
            .maxTrainingMinutes(3).valueProtection(false).temperature(0.8).topP(0.9).fixedOrder(true).models(1).build();

    @TempDir
    Path dir;
    Path record;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(stderr, true, StandardCharsets.UTF_8), false);

    @BeforeEach
    void setUp() {
        FakeMostly.assumePython();
        record = dir.resolve("record.json");
    }

    /** age numeric (NA missing), city categorical ("?" missing), joined datetime (empty missing), code categorical. */
    static RawTable training() {
        return TestTables.rows(40)
                .column("age", i -> i % 7 == 3 ? "NA" : String.valueOf(20 + i % 30))
                .column("city", i -> i % 5 == 4 ? "?" : List.of("Graz", "Linz", "Wien").get(i % 3))
                .column("joined", i -> i % 9 == 8 ? "" : String.format("2020-01-%02d", 1 + i % 28))
                .column("code", i -> i % 2 == 0 ? "007" : "X" + i % 4)
                .build();
    }

    MostlyLocalGenerator generator(MostlySettings settings, String... controls) {
        return new MostlyLocalGenerator(OPTIONS, settings, FakeMostly.env(FakeMostly.PACKAGES, record, controls));
    }

    static MostlySettings python(Duration timeout) {
        return new MostlySettings(null, null, false, FakeMostly.PYTHON, timeout, null);
    }

    Path rawPool(MostlyLocalGenerator g, long rows, long seed) {
        return g.writeRawPool(TrainingTable.of(training(), NA), rows, seed, freshDir(), progress);
    }

    Path freshDir() {
        try {
            return Files.createTempDirectory(dir, "bridge");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8);
    }

    @Test
    void sdkGetsTheModelSettingsAndItsRowsComeBack() throws IOException {
        Path raw = rawPool(generator(python(null)), 25, 42);

        assertEquals("age,city,joined,code", lines(raw).get(0));
        List<List<String>> pool = TestTables.rowsOf(CsvReader.read(raw));
        assertEquals(25, pool.size());
        RawTable blanked = MostlyLocalGenerator.withMissingBlank(TrainingTable.of(training(), NA));
        Path trainCsv = TestTables.writeCsv(blanked, dir, "blanked.csv");
        assertTrue(new HashSet<>(TestTables.rowsOf(CsvReader.read(trainCsv))).containsAll(pool), pool::toString);
        assertTrue(pool.stream().anyMatch(r -> r.get(0).isEmpty()), "missing ages reach the model as empty cells");

        JsonNode calls = FakeMostly.recorded(record);
        assertTrue(calls.at("/MostlyAI/local").asBoolean() && calls.at("/MostlyAI/quiet").asBoolean(), calls::toString);
        JsonNode model = calls.at("/train/table/tabular_model_configuration");
        assertEquals("MOSTLY_AI/Small", model.path("model").asText());
        assertEquals(7, model.path("max_epochs").asInt());
        assertEquals(3.0, model.path("max_training_time").asDouble());
        assertFalse(model.path("value_protection").asBoolean(true));
        assertFalse(model.path("enable_flexible_generation").asBoolean(true), "--fixed-order");
        assertFalse(model.path("enable_model_report").asBoolean(true));
        assertEquals(42, calls.at("/train/random_state").asLong());
        assertEquals(40, calls.at("/train/rows").asInt());
        JsonNode sample = calls.at("/generate/table/configuration");
        assertEquals(25, sample.path("sample_size").asInt());
        assertEquals(0.8, sample.path("sampling_temperature").asDouble());
        assertEquals(0.9, sample.path("sampling_top_p").asDouble());
        assertEquals(42, calls.at("/generate/random_state").asLong());
        assertEquals("{\"city\":\"str\",\"code\":\"str\"}", calls.at("/read_csv/dtype").toString(),
                "categorical columns are read as text");

        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("[train mostly-local] with MOSTLY AI SDK 5.10.1-fake (local mode)"), err);
        assertTrue(err.contains("[train mostly-local] done") && err.contains("[generate mostly-local] started"), err);
    }

    @Test
    void theBridgeGetsIsoDatesAndEveryColumnsOwnMissingCellsBlank() {
        RawTable t = TestTables.columns("visit", "at", "score", "level")
                .row("31/01/2020", "7 Mar 2021 4:05 PM", "-1", "-1")
                .row("n/a", "", "7", "7")
                .build();
        TrainingTable train = TrainingTable.of(t, NA, dev.issosynth.schema.ColumnRules.auto()
                .withFormats(java.util.Map.of("visit", dev.issosynth.schema.DateFormat.of("dd/MM/yyyy"),
                        "at", dev.issosynth.schema.DateFormat.of("d MMM yyyy h:mm a")))
                .withMissing(java.util.Map.of("score", List.of("-1"))));
        RawTable sent = MostlyLocalGenerator.withMissingBlank(train);
        assertEquals(List.of(List.of("2020-01-31", "2021-03-07 16:05:00", "", "-1"), List.of("", "", "7", "7")),
                TestTables.rowsOf(sent));
        assertEquals(List.of("visit", "at"), BridgeParams.of(ArgnSettings.defaults(), train, 5, 1,
                dir.resolve("t.csv"), dir.resolve("o.csv"), dir, PythonProbe.Backend.ENGINE).datetimeColumns());
    }

    @Test
    void sameSeedSamePoolOtherSeedOtherPool() throws IOException {
        List<String> first = lines(rawPool(generator(python(null)), 30, 7));
        List<String> again = lines(rawPool(generator(python(null)), 30, 7));
        List<String> other = lines(rawPool(generator(python(null)), 30, 8));
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void engineWhenTheSdkLacksItsLocalExtras() throws IOException {
        ArgnSettings noLimit = ArgnSettings.builder().size(ModelSize.LARGE).maxEpochs(5)
                .maxTrainingMinutes(0).models(1).build();
        MostlyLocalGenerator g = new MostlyLocalGenerator(noLimit, python(null),
                FakeMostly.env(FakeMostly.PACKAGES, record, "FAKE_MOSTLYAI_NO_SDK", "1"));
        Path raw = g.writeRawPool(TrainingTable.of(training(), NA), 12, -1, freshDir(), progress);

        assertEquals(1 + 12, lines(raw).size());
        JsonNode calls = FakeMostly.recorded(record);
        JsonNode model = calls.path("TabularARGN");
        assertEquals("MOSTLY_AI/Large", model.path("model").asText());
        assertEquals(5, model.path("max_epochs").asInt());
        assertEquals(14400.0, model.path("max_training_time").asDouble(), "no limit: the engine's default");
        assertTrue(model.path("value_protection").asBoolean() && model.path("enable_flexible_generation").asBoolean());
        assertEquals("{\"joined\":\"TABULAR_DATETIME\"}", model.path("tgt_encoding_types").toString());
        assertEquals(4294967295L, model.path("random_state").asLong(), "seed -1 folded into numpy's range");
        assertEquals(12, calls.at("/sample/n_samples").asInt());
        assertEquals(4, calls.at("/fit/columns").size());
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("with mostlyai-engine 2.5.0-fake (the SDK's local mode is not installed)"), err);
    }

    @Test
    void anExceptionInTrainingIsTheError() {
        ExternalModelException e = assertThrows(ExternalModelException.class,
                () -> rawPool(generator(python(null), "FAKE_MOSTLYAI_MODE", "raise"), 5, 1));
        assertEquals("mostly-local: sdk failed: RuntimeError: fake: training data rejected", e.getMessage());
    }

    @Test
    void aFailedTrainingJobNamesTheStepAndItsError() {
        ExternalModelException e = assertThrows(ExternalModelException.class,
                () -> rawPool(generator(python(null), "FAKE_MOSTLYAI_MODE", "fail-job"), 5, 1));
        assertEquals("mostly-local: sdk failed: RuntimeError: training ended FAILED: TRAIN_MODEL: fake: CUDA out of"
                + " memory", e.getMessage());
    }

    @Test
    void aBridgeThatDiesWithoutStatusShowsItsLastWords() {
        ExternalModelException e = assertThrows(ExternalModelException.class,
                () -> rawPool(generator(python(null), "FAKE_MOSTLYAI_MODE", "exit"), 5, 1));
        assertEquals("mostly-local: the Python bridge ended (exit 3) without a result; it said: fake: dying without"
                + " a status line", e.getMessage());
    }

    @Test
    void aHangingBridgeIsStoppedWithItsChildrenAtTheTimeout() throws Exception {
        Path pids = dir.resolve("pids");
        MostlyLocalGenerator g = generator(python(Duration.ofMillis(1500)), "FAKE_MOSTLYAI_MODE", "hang",
                "FAKE_MOSTLYAI_PIDS", pids.toString());
        long start = System.nanoTime();
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> rawPool(g, 5, 1));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals("mostly-local: stopped the Python bridge after 1.5s (--remote-timeout-minutes)", e.getMessage());
        assertTrue(seconds < 8, "stopped after " + seconds + " s");
        long[] bridgeAndChild = Arrays.stream(Files.readString(pids).trim().split(" ")).mapToLong(Long::parseLong)
                .toArray();
        for (long pid : bridgeAndChild) {
            assertTrue(ProcessTreeTest.gone(pid), "process " + pid + " still runs");
        }
    }

    @Test
    void missingPackagesSayWhatToInstall() throws IOException {
        assumeFalse(FakeMostly.realMostlyaiInstalled(), "a real mostlyai is installed in python3 here");
        Path empty = Files.createDirectory(dir.resolve("no-packages"));
        MostlyLocalGenerator g = new MostlyLocalGenerator(OPTIONS, python(null), FakeMostly.env(empty, record));
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> rawPool(g, 5, 1));
        assertTrue(e.getMessage().startsWith("mostly-local needs the MOSTLY AI SDK with its local extras (or the"
                + " lighter mostlyai-engine) in python3 (Python 3."), e.getMessage());
        assertTrue(e.getMessage().contains("install it with python3 -m pip install -U 'mostlyai[local]' (or python3 -m"
                + " pip install mostlyai-engine); the import said: ModuleNotFoundError: No module named 'mostlyai'"),
                e.getMessage());
    }

    @Test
    void aMissingInterpreterIsNamed() {
        String python = dir.resolve("nowhere/python3").toString();
        MostlySettings settings = new MostlySettings(null, null, false, python, null, null);
        MostlyLocalGenerator g = generator(settings);
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> rawPool(g, 5, 1));
        assertEquals(dir.resolve("nowhere/python3") + " not found: install Python 3.10–3.13 or pass --python PATH",
                e.getMessage());
    }

    @Test
    void anInterpreterThatIsNotPythonIsRejectedUpFront() {
        Path notPython = Path.of("/bin/false");
        assumeTrue(Files.isExecutable(notPython), "no /bin/false here");
        MostlySettings settings = new MostlySettings(null, null, false, notPython.toString(), null, null);
        MostlyLocalGenerator g = generator(settings);
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> rawPool(g, 5, 1));
        assertEquals("/bin/false could not run issosynth's Python bridge (exit 1); mostly-local needs Python 3.10–3.13:"
                + " pass one with --python PATH", e.getMessage());
    }

    /** The whole generator: the bridge's CSV through {@link ExternalPool#normalise}, the temp folder removed. */
    @Test
    void generateWritesTheNormalisedPool() throws IOException {
        Path out = dir.resolve("pool.csv");
        generator(python(null)).generate(TrainingTable.of(training(), NA), 20, 42, PoolOutput.to(out), progress);
        RawTable pool = CsvReader.read(out);
        assertEquals(List.of(training().header()), List.of(pool.header()));
        assertEquals(20, pool.rowCount());
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("[generate mostly-local] done"));
        Path sdkState = Path.of(FakeMostly.recorded(record).at("/MostlyAI/local_dir").asText());
        assertFalse(Files.exists(sdkState.getParent()), "the bridge's temp folder is deleted");
    }
}
