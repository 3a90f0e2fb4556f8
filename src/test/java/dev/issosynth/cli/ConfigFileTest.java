package dev.issosynth.cli;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.selection.SelectionParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config/issosynth.properties never drifts from the code; --config and flags layer over it. */
class ConfigFileTest {
    static final Path REPO_CONFIG = Path.of(ConfigDefaults.FILE);

    @TempDir
    Path dir;

    /** key -> annotation default, over every (sub)command; an option shared by commands has one default. */
    static Map<String, String> annotationDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        CommandLine root = new CommandLine(new IssosynthCommand());
        for (CommandLine cmd : root.getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec opt : cmd.getCommandSpec().options()) {
                String key = ConfigDefaults.key(opt);
                if (opt.defaultValue() == null || ConfigDefaults.NOT_CONFIGURABLE.contains(key)) {
                    continue;
                }
                String before = defaults.putIfAbsent(key, opt.defaultValue());
                assertTrue(before == null || before.equals(opt.defaultValue()),
                        key + " has different defaults in different commands");
            }
        }
        return defaults;
    }

    @Test
    void repoConfigListsEveryDefaultWithItsAnnotationValue() {
        assertTrue(Files.isRegularFile(REPO_CONFIG), "run the tests from the repository root");
        Properties file = ConfigDefaults.read(REPO_CONFIG);
        Map<String, String> defaults = annotationDefaults();
        var known = ConfigDefaults.knownKeys(new CommandLine(new IssosynthCommand()));
        for (String key : file.stringPropertyNames()) {
            assertTrue(known.contains(key), key + " in " + REPO_CONFIG + " is no option of any command");
            assertTrue(defaults.containsKey(key), key + " has no default in the code; list it commented out");
            assertEquals(defaults.get(key), file.getProperty(key).trim(), "value of " + key);
        }
        for (String key : defaults.keySet()) {
            assertTrue(file.containsKey(key), key + " has a default but is missing in " + REPO_CONFIG);
        }
    }

    @Test
    void everyKeyInTheRepoConfigIsExplainedByAComment() throws IOException {
        List<String> lines = Files.readAllLines(REPO_CONFIG);
        String previous = "";
        for (String line : lines) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.startsWith("#")) {
                assertTrue(previous.startsWith("#"), "no comment above: " + line);
            }
            previous = t;
        }
    }

    /** The engine's own defaults equal the CLI's (so library users and CLI users get the same run). */
    @Test
    void cliDefaultsEqualTheEngineDefaults() {
        CommandLine root = new CommandLine(new IssosynthCommand());
        root.parseArgs("select", "--train", "t.csv", "--pool", "p.csv");
        SelectCommand select = root.getSubcommands().get("select").getCommand();
        assertEquals(SelectionParams.defaults(0), select.selection.toParams(select.common.seed));
    }

    /**
     * The argn generator's own defaults equal the CLI's (the annotations) and the repo config's, for both commands
     * with its options (the MOSTLY AI generators take their model knobs from the same options).
     */
    @Test
    void cliArgnDefaultsEqualTheGeneratorDefaults() {
        String[] generate = {"generate", "--train", "t.csv", "--generator", "argn", "--rows", "5"};
        String[] run = {"run", "t.csv"};
        CommandLine bare = new CommandLine(new IssosynthCommand());
        bare.parseArgs(generate);
        assertEquals(ArgnSettings.defaults(), argn(bare, "generate").toOptions(), "generate, annotations");
        bare = new CommandLine(new IssosynthCommand());
        bare.parseArgs(run);
        assertEquals(ArgnSettings.defaults(), argn(bare, "run").toOptions(), "run, annotations");
        assertEquals(ArgnSettings.defaults(), argn(parse(REPO_CONFIG, generate), "generate").toOptions(),
                "generate, " + REPO_CONFIG);
        assertEquals(ArgnSettings.defaults(), argn(parse(REPO_CONFIG, run), "run").toOptions(),
                "run, " + REPO_CONFIG);
    }

    private static ArgnOptions argn(CommandLine root, String command) {
        Object cmd = root.getSubcommands().get(command).getCommand();
        return cmd instanceof GenerateCommand g ? g.argn : ((RunCommand) cmd).argn;
    }

    private static CommandLine parse(Path config, String... args) {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                config);
        cl.parseArgs(args);
        return cl;
    }

    @Test
    void configFileOverridesTheRepoFileAndFlagsOverrideBoth() {
        Path cfg = Cli.write(dir.resolve("my.properties"),
                "# mine\nsize = 5\nrefinement-iterations=7\nseed = 9\nquiet = true\nna-values = ?,-\n");
        CommandLine cl = parse(cfg, "select", "--config", s(cfg), "--train", "t.csv", "--pool", "p.csv",
                "--size", "11");
        SelectCommand select = cl.getSubcommands().get("select").getCommand();
        assertEquals(11, select.selection.size, "flag beats --config");
        assertEquals(7, select.selection.refinementIterations, "--config beats the repo file");
        assertEquals(9, select.common.seed);
        assertTrue(select.common.quiet);
        assertEquals(List.of("?", "-"), select.common.naValues);
        Properties repo = ConfigDefaults.read(REPO_CONFIG);
        assertEquals(Double.parseDouble(repo.getProperty("oversize-factor").trim()), select.selection.oversizeFactor,
                "untouched keys keep the repo default");

        CommandLine plain = parse(null, "select", "--train", "t.csv", "--pool", "p.csv");
        SelectCommand d = plain.getSubcommands().get("select").getCommand();
        assertEquals(Integer.parseInt(repo.getProperty("size").trim()), d.selection.size);
        assertEquals(Long.parseLong(repo.getProperty("seed").trim()), d.common.seed);
    }

    @Test
    void configAppliesEndToEnd() throws IOException {
        Path train = fixturePath("titanic.csv");
        Path cfg = Cli.write(dir.resolve("c.properties"), "size = 5\nrefinement-iterations = 3\nquiet = true\n");
        Path out1 = dir.resolve("a.csv");
        Cli.Result r = Cli.run("select", "--config", s(cfg), "--train", s(train), "--pool", s(train), "--output", s(out1),
                "--no-privacy-guard");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), "quiet from --config");
        assertEquals(1 + 5, Files.readAllLines(out1).size());
        Path out2 = dir.resolve("b.csv");
        r = Cli.run("select", "--config=" + cfg, "--train", s(train), "--pool", s(train), "--size", "7", "--privacy-guard=false",
                "--output", s(out2));
        assertEquals(0, r.code(), r::toString);
        assertEquals(1 + 7, Files.readAllLines(out2).size());
    }

    @Test
    void unknownKeyOrMissingConfigIsAUsageError() {
        Path cfg = Cli.write(dir.resolve("typo.properties"), "size = 5\nsise = 6\n");
        Cli.Result r = Cli.run("select", "--config", s(cfg), "--train", "t.csv", "--pool", "p.csv");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("issosynth: ") && r.err().contains("typo.properties")
                && r.err().contains("'sise'"), r.err());

        r = Cli.run("select", "--config", s(dir.resolve("none.properties")), "--train", "t.csv", "--pool", "p.csv");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("none.properties") && r.err().contains("not found"), r.err());

        r = Cli.run("select", "--train", "t.csv", "--pool", "p.csv", "--config");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    }

    @Test
    void badValueInConfigIsAUsageErrorNamingTheOption() {
        Path cfg = Cli.write(dir.resolve("bad.properties"), "threads = many\n");
        Cli.Result r = Cli.run("select", "--config", s(cfg), "--train", "t.csv", "--pool", "p.csv");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertNotNull(r.err());
        assertTrue(r.err().contains("--threads") && r.err().contains("many"), r.err());
    }
}
