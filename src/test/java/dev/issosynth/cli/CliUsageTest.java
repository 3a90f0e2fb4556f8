package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --help, --version and usage errors (exit 2): nothing is read or written for them. */
class CliUsageTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r::toString);
        for (String cmd : List.of("run", "select", "generate", "evaluate")) {
            assertTrue(r.out().contains("  " + cmd + " "), cmd + " missing in\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 success, 1 failure"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "select", "generate", "evaluate"})
    void everySubcommandHasHelpAndVersion(String cmd) {
        Cli.Result help = Cli.run(cmd, "--help");
        assertEquals(0, help.code(), help::toString);
        assertTrue(help.out().startsWith("Usage: issosynth " + cmd), help.out());
        Cli.Result version = Cli.run(cmd, "--version");
        assertEquals(0, version.code(), version::toString);
        assertTrue(version.out().matches("issosynth \\S+\\R"), "version line: " + version.out());
    }

    @Test
    void helpCommand() {
        Cli.Result r = Cli.run("help", "select");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: issosynth select"), r.out());
    }

    @Test
    void versionAtTopLevel() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("issosynth "), r.out());
    }

    /** Every option with a default shows it in --help (picocli fills in ${DEFAULT-VALUE}). */
    @Test
    void helpShowsEveryDefault() {
        CommandLine root = new CommandLine(new IssosynthCommand());
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandName().equals("help")) {
                continue;
            }
            String help = Cli.run(sub.getCommandName(), "--help").out().replaceAll("\\s+", " ");
            for (CommandLine.Model.OptionSpec opt : sub.getCommandSpec().options()) {
                if (opt.defaultValue() != null && !opt.hidden()) {
                    assertTrue(help.contains("(default: " + opt.defaultValue() + ")"),
                            sub.getCommandName() + " " + opt.longestName() + " default not rendered");
                }
            }
        }
    }

    /** run --help lists every visible option once, under headings in the order a user needs them. */
    @Test
    void runHelpGroupsTheOptionsUnderHeadings() {
        String help = Cli.run("run", "--help").out();
        List<String> headings = help.lines().filter(l -> l.matches("[A-Z][^ ].*:")).toList();
        assertEquals(List.of("Inputs, outputs and the job:", "Selection:",
                "Steering (rebalancing, fairness, imputation, rules):", "Privacy steering:",
                "Generator argn (the default):", "Saved argn models:", "Generators mostly and mostly-local (MOSTLY AI):",
                "All commands:"), headings);
        String selection = help.substring(help.indexOf("Selection:"), help.indexOf("Privacy steering:"));
        assertTrue(selection.contains("--size=N") && !selection.contains("--temperature"), selection);
        // the option lines (descriptions are indented further), "--[no-]x" read as "--x"
        List<String> optionLines = help.lines().filter(l -> l.matches(" {2,6}-.*"))
                .map(l -> l.trim().replace("--[no-]", "--")).toList();
        CommandLine run = new CommandLine(new IssosynthCommand()).getSubcommands().get("run");
        for (CommandLine.Model.OptionSpec opt : run.getCommandSpec().options()) {
            if (!opt.hidden()) {
                String name = opt.longestName();
                assertEquals(1, optionLines.stream().filter(l -> l.matches("(-\\w, )?" + java.util.regex.Pattern.quote(name)
                        + "([=\\[ ].*)?")).count(), name + " listed once: " + optionLines);
            }
        }
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("issosynth: missing command"), r.err());
    }

    private void assertUsage(Cli.Result r, String expectedInMessage) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        List<String> err = r.errLines();
        assertTrue(err.get(0).startsWith("issosynth: "), r.err());
        assertTrue(err.get(0).contains(expectedInMessage), "expected '" + expectedInMessage + "' in " + err.get(0));
        assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
        assertEquals("", r.out());
        assertEquals(List.of(), Cli.files(dir), "a usage error must not write anything");
    }

    private String[] select(String... extra) {
        String[] base = {"select", "--train", s(fixturePath("titanic.csv")), "--pool", s(fixturePath("titanic.csv")),
                "--output", s(dir.resolve("o.csv")), "--workdir", s(dir)};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void unknownOption() {
        assertUsage(Cli.run(select("--sise", "3")), "--sise");
    }

    @Test
    void missingRequiredOption() {
        assertUsage(Cli.run("select", "--train", s(fixturePath("titanic.csv"))), "--pool");
        assertUsage(Cli.run("evaluate", "--synth", "x.csv"), "--train");
        assertUsage(Cli.run("generate", "--train", s(fixturePath("titanic.csv")), "--generator", "independent"),
                "--rows");
    }

    @Test
    void badNumbers() {
        assertUsage(Cli.run(select("--size", "-3")), "--size");
        assertUsage(Cli.run(select("--threads", "x")), "--threads");
        assertUsage(Cli.run(select("--threads", "-1")), "--threads");
        assertUsage(Cli.run(select("--oversize-factor", "0.5")), "--oversize-factor");
        assertUsage(Cli.run(select("--refine-shortlist", "0")), "--refine-shortlist");
        assertUsage(Cli.run(select("--ipf-top-pairs", "-2")), "--ipf-top-pairs");
        assertUsage(Cli.run("generate", "--train", s(fixturePath("titanic.csv")), "--generator", "independent",
                "--rows", "0", "--output", s(dir.resolve("p.csv"))), "--rows");
        assertUsage(Cli.run("run", s(fixturePath("titanic.csv")), "--generator", "independent", "--pool-factor", "0.5",
                "--workdir", s(dir)), "--pool-factor");
    }

    @Test
    void unknownGenerator() {
        assertUsage(Cli.run("run", s(fixturePath("titanic.csv")), "--generator", "gan", "--workdir", s(dir)),
                "unknown generator 'gan'");
        assertUsage(Cli.run("generate", "--train", s(fixturePath("titanic.csv")), "--generator", "gan", "--rows", "5",
                "--workdir", s(dir)), "unknown generator 'gan'");
    }

    @Test
    void runWithoutGeneratorUsesTheEmbeddedArgn() throws java.io.IOException {
        Cli.Result r = Cli.run("run", s(fixturePath("titanic.csv")), "--workdir", s(dir), "--max-epochs", "1",
                "--model", "small", "--pool-factor", "1", "--refinement-iterations", "2", "--no-privacy-guard");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        // titanic is small: --models auto trains two
        assertTrue(r.err().contains("[train argn 1/2] started") && r.err().contains("[generate argn 2/2] done"), r.err());
        List<String> files = Cli.files(dir);
        assertEquals(2, files.size(), files::toString);
        assertTrue(files.get(0).startsWith("pool_data/pool_") && files.get(1).startsWith("results/flat_result_"),
                files::toString);
        assertEquals(1 + 1309, java.nio.file.Files.readAllLines(dir.resolve(files.get(0))).size());

        String help = Cli.run("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: argn"), help);
    }

    @Test
    void optionsOfTheMostlyGeneratorsAreRefusedWithOtherGenerators() {
        String titanic = s(fixturePath("titanic.csv"));
        assertUsage(Cli.run("run", titanic, "--python", "/usr/bin/python3", "--workdir", s(dir)),
                "--python is only used with --generator mostly-local");
        assertUsage(Cli.run("run", titanic, "--generator", "mostly-local", "--keep-generator", "--workdir", s(dir)),
                "--keep-generator is only used with --generator mostly");
        assertUsage(Cli.run("generate", "--train", titanic, "--generator", "argn", "--rows", "5",
                "--remote-timeout-minutes", "3", "--output", s(dir.resolve("p.csv"))), "--remote-timeout-minutes is only used");
        assertUsage(Cli.run("run", titanic, "--generator", "pool", "--pool", titanic, "--generator-id", "g-1",
                "--workdir", s(dir)), "--generator-id is only used with --generator mostly");
        // a config file's values are defaults for every command: not refused
        java.nio.file.Path config = Cli.write(dir.resolve("my.properties"), "python = /opt/venv/bin/python\n"
                + "remote-timeout-minutes = 30\n");
        Cli.Result ok = Cli.run("generate", "--config", s(config), "--train", titanic, "--generator", "independent",
                "--rows", "5", "--output", s(dir.resolve("p.csv")));
        assertEquals(ExitCodes.OK, ok.code(), ok::toString);
    }

    @Test
    void negativeRemoteTimeoutIsAUsageError() {
        assertUsage(Cli.run("run", s(fixturePath("titanic.csv")), "--generator", "mostly", "--remote-timeout-minutes",
                "-1", "--workdir", s(dir)), "--remote-timeout-minutes");
    }

    @Test
    void poolGeneratorNeedsPoolFile() {
        assertUsage(Cli.run("run", s(fixturePath("titanic.csv")), "--generator", "pool", "--workdir", s(dir)),
                "--pool");
        assertUsage(Cli.run("run", s(fixturePath("titanic.csv")), "--generator", "independent", "--pool",
                s(fixturePath("titanic.csv")), "--workdir", s(dir)), "--pool is only used with --generator pool");
    }

    @Test
    void threadsZeroMeansAllCores() {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                null);
        cl.parseArgs("select", "--train", "t.csv", "--pool", "p.csv", "--threads", "0");
        SelectCommand select = cl.getSubcommands().get("select").getCommand();
        assertEquals(Runtime.getRuntime().availableProcessors(), select.common.effectiveThreads());
        cl.parseArgs("select", "--train", "t.csv", "--pool", "p.csv", "--threads", "3");
        assertEquals(3, select.common.effectiveThreads());
    }

    @Test
    void quietTakesAnOptionalBooleanWithoutSwallowingThePositional() {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                null);
        cl.parseArgs("run", "-q", "train.csv");
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        assertTrue(run.common.quiet);
        assertEquals(Path.of("train.csv"), run.train);
        cl.parseArgs("run", "--quiet=false", "train.csv");
        assertFalse(run.common.quiet);
    }

    @Test
    void outputMustNotReplaceAnInput() {
        Path train = Cli.write(dir.resolve("train.csv"), "a,b\n1,2\n3,4\n");
        String before = "a,b\n1,2\n3,4\n";
        Cli.Result r = Cli.run("select", "--train", s(train), "--pool", s(fixturePath("titanic.csv")), "--output",
                s(train));
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("would overwrite the input"), r.err());
        r = Cli.run("generate", "--train", s(train), "--generator", "independent", "--rows", "5", "--output",
                s(dir.resolve(".").resolve("train.csv")));
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        r = Cli.run("run", s(train), "--generator", "independent", "--output", s(train), "--workdir", s(dir));
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(List.of("train.csv"), Cli.files(dir));
        assertEquals(before, assertDoesNotThrowRead(train));
    }

    private static String assertDoesNotThrowRead(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
