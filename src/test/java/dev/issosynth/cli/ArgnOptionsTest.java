package dev.issosynth.cli;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.model.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argn flags of generate and run: parsing, defaults, usage errors, and that they reach the generator. */
class ArgnOptionsTest {
    @TempDir
    Path dir;

    private static CommandLine parse(String... args) {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                null);
        cl.parseArgs(args);
        return cl;
    }

    @Test
    void defaultsEqualTheGeneratorDefaults() {
        GenerateCommand g = parse("generate", "--train", "t.csv", "--generator", "argn", "--rows", "5")
                .getSubcommands().get("generate").getCommand();
        assertEquals(ArgnSettings.defaults(), g.argn.toOptions());
        RunCommand r = parse("run", "t.csv", "--generator", "argn").getSubcommands().get("run").getCommand();
        assertEquals(ArgnSettings.defaults(), r.argn.toOptions());
    }

    @Test
    void everyFlagIsParsedIntoTheOptions() {
        String[] flags = {"--model", "large", "--max-epochs", "3", "--max-training-minutes", "0.5",
                "--no-value-protection", "--temperature", "0.7", "--top-p", "0.9", "--fixed-order", "--models", "4",
                "--table-order-share", "0.25", "--weight-average-epochs", "2"};
        ArgnSettings expected = ArgnSettings.builder().size(ModelSize.LARGE).maxEpochs(3)
                .maxTrainingMinutes(0.5).valueProtection(false).temperature(0.7).topP(0.9).fixedOrder(true).models(4)
                .tableOrderShare(0.25).averageEpochs(2).build();
        GenerateCommand g = parse(concat(List.of("generate", "--train", "t.csv", "--generator", "argn", "--rows", "5"),
                flags)).getSubcommands().get("generate").getCommand();
        assertEquals(expected, g.argn.toOptions());
        RunCommand r = parse(concat(List.of("run", "t.csv", "--generator", "argn"), flags))
                .getSubcommands().get("run").getCommand();
        assertEquals(expected, r.argn.toOptions());
        assertEquals(ModelSize.SMALL, ArgnOptions.parseSize("SMALL"));
        assertEquals(ModelSize.MEDIUM, ArgnOptions.parseSize("Medium"));
        assertEquals(ArgnGenerator.AUTO_MODELS, ArgnOptions.parseModels(" Auto "));
        assertEquals(7, ArgnOptions.parseModels("7"));
        assertEquals(0, ArgnOptions.parseModels("0"), "a number; the options reject it");
        for (String notANumber : new String[] {"two", "-1", "1.5", "", "99999999999"}) {
            assertEquals(null, ArgnOptions.parseModels(notANumber), notANumber);
        }
    }

    private static String[] concat(List<String> head, String[] tail) {
        String[] all = head.toArray(new String[head.size() + tail.length]);
        System.arraycopy(tail, 0, all, head.size(), tail.length);
        return all;
    }

    @Test
    void helpShowsEveryFlagWithItsDefault() {
        for (String cmd : List.of("generate", "run")) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertEquals(0, r.code(), r::toString);
            String out = r.out().replaceAll("\\s+", " ");
            for (String s : List.of("--model=SIZE", "Small, Medium, Large", "(default: Medium)", "--max-epochs=N",
                    "(default: 100)", "--max-training-minutes=MIN", "(default: 10)", "--no-value-protection",
                    "--temperature=T", "(default: 1.0)", "--top-p=P", "--fixed-order", "(default: false)", "--models=K",
                    "(default: auto)", "auto = 2 for tables of at most 2,000,000 cells", "--save-model needs 1",
                    "--weight-average-epochs=E", "0 = off (default: 4)", "--save-model=M", "One model only", "--model-file=M")) {
                assertTrue(out.contains(s), cmd + " help lacks " + s + ":\n" + r.out());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"--temperature,-1,--temperature", "--temperature,NaN,--temperature", "--top-p,0,--top-p",
            "--top-p,1.5,--top-p", "--model,Huge,--model", "--max-epochs,0,--max-epochs",
            "--max-training-minutes,-2,--max-training-minutes", "--max-training-minutes,Infinity,--max-training-minutes",
            "--max-epochs,many,--max-epochs", "--models,0,--models", "--models,-1,--models", "--models,two,--models",
            "--weight-average-epochs,-1,--weight-average-epochs", "--weight-average-epochs,NaN,--weight-average-epochs",
            "--table-order-share,1.5,--table-order-share", "--table-order-share,-0.1,--table-order-share"})
    void badValuesAreUsageErrors(String flag, String value, String named) {
        Path missing = dir.resolve("nothing.csv");
        for (List<String> cmd : List.of(List.of("generate", "--train", s(missing), "--generator", "argn", "--rows", "5"),
                List.of("run", s(missing), "--generator", "argn"))) {
            Cli.Result r = Cli.run(concat(cmd, new String[] {flag, value}));
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            String first = r.errLines().get(0);
            assertTrue(first.startsWith("issosynth: ") && first.contains(named), r.err());
            assertEquals(2, r.errLines().size(), r.err());
        }
    }

    /** A value the options record rejects fails once, with the record's message, whichever command parses it. */
    @ParameterizedTest
    @CsvSource({"--max-epochs,0", "--top-p,2", "--models,0", "--table-order-share,2", "--temperature,-1",
            "--max-training-minutes,-1", "--weight-average-epochs,-1"})
    void aBadValueIsOneUsageErrorWithTheOptionsMessage(String flag, String value) {
        String expected = assertThrows(IllegalArgumentException.class, () -> withValue(flag, value)).getMessage();
        assertTrue(expected.startsWith(flag + " must "), expected);
        for (List<String> cmd : List.of(List.of("generate", "--train", "t.csv", "--generator", "argn", "--rows", "5"),
                List.of("run", "t.csv", "--generator", "argn"))) {
            Cli.Result r = Cli.run(concat(cmd, new String[] {flag, value}));
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("issosynth: " + expected, r.errLines().get(0));
            assertEquals(1, r.errLines().stream().filter(l -> l.contains(flag + " must")).count(), r.err());
        }
    }

    /** The defaults with one knob set the way its flag would set it. */
    private static ArgnSettings withValue(String flag, String value) {
        ArgnSettings.Builder b = ArgnSettings.builder();
        double v = Double.parseDouble(value);
        switch (flag) {
            case "--max-epochs" -> b.maxEpochs((int) v);
            case "--top-p" -> b.topP(v);
            case "--models" -> b.models((int) v);
            case "--table-order-share" -> b.tableOrderShare(v);
            case "--temperature" -> b.temperature(v);
            case "--max-training-minutes" -> b.maxTrainingMinutes(v);
            case "--weight-average-epochs" -> b.averageEpochs(v);
            default -> throw new IllegalArgumentException(flag);
        }
        return b.build();
    }

    @Test
    void maxEpochsReachesTheTrainerAndDoneIsPrintedOnce() throws IOException {
        Path out = dir.resolve("p.csv");
        Cli.Result r = Cli.run("generate", "--train", s(fixturePath("titanic.csv")), "--generator", "argn",
                "--rows", "50", "--model", "small", "--max-epochs", "1", "--models", "1", "--output", s(out));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("epoch 1/1 "), r.err());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("[train argn] done") && l.contains(" 1 epochs,")),
                r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("[generate argn] done")).count(), r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("[generate argn] started")).count(), r.err());
        assertEquals(1 + 50, Files.readAllLines(out).size());
    }

    @Test
    void sameSeedGivesByteIdenticalPools() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        for (Path p : List.of(a, b)) {
            Cli.Result r = Cli.run("generate", "--train", s(fixturePath("titanic.csv")), "--generator", "argn",
                    "--rows", "200", "--seed", "3", "--max-epochs", "2", "--quiet", "--output", s(p));
            assertEquals(0, r.code(), r::toString);
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(1 + 200, Files.readAllLines(a).size());
    }

    @Test
    void samplingFlagsChangeThePool() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        String[] base = {"generate", "--train", s(fixturePath("titanic.csv")), "--generator", "argn", "--rows", "200",
                "--seed", "3", "--max-epochs", "1", "--model", "small", "--quiet", "--output"};
        assertEquals(0, Cli.run(concat(List.of(base), new String[] {s(a)})).code());
        assertEquals(0, Cli.run(concat(List.of(base), new String[] {s(b), "--temperature", "0.2"})).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)),
                "--temperature must reach the sampler");
    }

    @Test
    void modelsFlagPoolsSeveralModelsIntoOneDeterministicFile() throws IOException {
        String[] base = {"generate", "--train", s(fixturePath("titanic.csv")), "--generator", "argn", "--rows", "151",
                "--seed", "5", "--max-epochs", "1", "--model", "small", "--output"};
        Path one = dir.resolve("one.csv");
        Path twoA = dir.resolve("twoA.csv");
        Path twoB = dir.resolve("twoB.csv");
        assertEquals(0, Cli.run(concat(List.of(base), new String[] {s(one), "--models", "1", "-q"})).code());
        Cli.Result r = Cli.run(concat(List.of(base), new String[] {s(twoA), "--models", "2"}));
        assertEquals(0, r.code(), r::toString);
        assertEquals(0, Cli.run(concat(List.of(base), new String[] {s(twoB), "--models", "2", "-q"})).code());
        assertEquals(1 + 151, Files.readAllLines(twoA).size());
        assertArrayEquals(Files.readAllBytes(twoA), Files.readAllBytes(twoB), "same seed, same pool");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(one), Files.readAllBytes(twoA)));
        for (String stage : List.of("[train argn 1/2] started", "[generate argn 1/2] done", "[train argn 2/2] started",
                "[generate argn 2/2] done")) {
            assertTrue(r.err().contains(stage), stage + " missing in:\n" + r.err());
        }
        assertEquals(List.of("one.csv", "twoA.csv", "twoB.csv"), Cli.files(dir), "one pool file each, no temp files");
    }

    @Test
    void saveModelWithSeveralModelsIsAUsageError() {
        Path train = fixturePath("titanic.csv");
        Path model = dir.resolve("m.argn");
        for (List<String> cmd : List.of(
                List.of("generate", "--train", s(train), "--generator", "argn", "--rows", "5"),
                List.of("run", s(train), "--workdir", s(dir)))) {
            Cli.Result r = Cli.run(concat(cmd, new String[] {"--models", "3", "--save-model", s(model)}));
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("issosynth: --save-model supports one model; use --models 1", r.errLines().get(0));
        }
        assertEquals(List.of(), Cli.files(dir));
    }
}
