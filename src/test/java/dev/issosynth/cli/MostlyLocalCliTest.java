package dev.issosynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.issosynth.generator.mostlylocal.FakeMostly;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate --generator mostly-local} end to end, with a {@code --python} that sees the fake SDK. */
class MostlyLocalCliTest {
    @TempDir
    Path dir;

    Cli.Result generate(Path python, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--generator", "mostly-local", "--train",
                s(fixturePath("titanic.csv")), "--rows", "50", "--python", s(python), "--output",
                s(dir.resolve("pool.csv"))));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theCommandLineSettingsReachTheSdk() {
        FakeMostly.assumePython();
        Path record = dir.resolve("record.json");
        Path python = FakeMostly.pythonWithEnv(dir, FakeMostly.env(FakeMostly.PACKAGES, record));
        Cli.Result r = generate(python, "--seed", "3", "--model", "small", "--max-epochs", "2",
                "--max-training-minutes", "1.5", "--no-value-protection", "--temperature", "0.7", "--top-p", "0.95",
                "--fixed-order");

        JsonNode calls = FakeMostly.recorded(record);
        JsonNode model = calls.at("/train/table/tabular_model_configuration");
        assertEquals("MOSTLY_AI/Small", model.path("model").asText(), r::toString);
        assertEquals(2, model.path("max_epochs").asInt());
        assertEquals(1.5, model.path("max_training_time").asDouble());
        assertFalse(model.path("value_protection").asBoolean(true));
        assertFalse(model.path("enable_flexible_generation").asBoolean(true));
        assertEquals(3, calls.at("/train/random_state").asInt());
        assertEquals(1309, calls.at("/train/rows").asInt());
        JsonNode sample = calls.at("/generate/table/configuration");
        assertEquals(50, sample.path("sample_size").asInt());
        assertEquals(0.7, sample.path("sampling_temperature").asDouble());
        assertEquals(0.95, sample.path("sampling_top_p").asDouble());

        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable pool = CsvReader.read(dir.resolve("pool.csv"));
        assertEquals(50, pool.rowCount());
        assertEquals(List.of(fixture("titanic.csv").header()), List.of(pool.header()));
        assertTrue(r.err().contains("[train mostly-local] started") && r.err().contains("[generate mostly-local] done"),
                r::toString);
    }

    @Test
    void aFailedTrainingIsOneLineAndLeavesNoPool() {
        FakeMostly.assumePython();
        Path python = FakeMostly.pythonWithEnv(dir, FakeMostly.env(FakeMostly.PACKAGES, dir.resolve("record.json"),
                "FAKE_MOSTLYAI_MODE", "raise"));
        Cli.Result r = generate(python, "-q");
        assertEquals(ExitCodes.EXTERNAL_MODEL, r.code(), r::toString);
        assertEquals(List.of("issosynth: mostly-local: sdk failed: RuntimeError: fake: training data rejected"),
                r.errLines());
        assertFalse(Files.exists(dir.resolve("pool.csv")));
    }

    @Test
    void aMissingPythonIsOneLine() {
        Path python = dir.resolve("no/python3");
        Cli.Result r = generate(python, "-q");
        assertEquals(ExitCodes.EXTERNAL_MODEL, r.code(), r::toString);
        assertEquals(List.of("issosynth: " + python + " not found: install Python 3.10–3.13 or pass --python PATH"),
                r.errLines());
        assertFalse(Files.exists(dir.resolve("pool.csv")));
    }
}
