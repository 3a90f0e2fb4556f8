package dev.issosynth.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Entry point. Exit codes: 0 success, 1 failure (bad input, runtime error), 2 usage error, 3 privacy limits
 * failed, 4 an outside model failed. Errors are one line on stderr; the stack trace goes only to the --log-file,
 * if any. A JVM started without the Vector API module runs the job in a second JVM that has it
 * ({@link VectorRelaunch}).
 */
public final class Main {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);
    private Main() {
    }

    public static void main(String[] args) {
        // a JVM that has the module (run.sh's) skips reading its own command line (java.management) at start-up
        java.util.Optional<java.util.List<String>> relaunch = VectorRelaunch.loaded() ? java.util.Optional.empty()
                : VectorRelaunch.command(VectorRelaunch.Jvm.current(), args);
        if (relaunch.isPresent()) {
            int code = VectorRelaunch.run(relaunch.get());
            if (code >= 0) {
                System.exit(code);
            }
        }
        VectorRelaunch.followParent();
        int code = execute(args);
        // System.out swallows write errors (a full disk, a closed pipe): a result that never arrived is a failure
        if (System.out.checkError() && code == ExitCodes.OK) {
            System.err.println("issosynth: cannot write to standard output");
            code = ExitCodes.FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line on System.out/err and returns the exit code (no System.exit). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line and returns the exit code. Everything a command prints goes to {@code out}
     * (results) and {@code err} (progress, errors): tests capture both with StringWriters.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return executeUnchecked(out, err, args);
        } catch (OutOfMemoryError e) {
            LOG.error("out of memory", e); // the trace reaches --log-file, whose appender is still open here
            String stage = dev.issosynth.util.Progress.lastStage();
            long heap = Runtime.getRuntime().maxMemory();
            long more = Math.max(2, 2 * (long) Math.ceil(heap / (double) (1L << 30)));
            String size = heap < 1L << 30 ? (heap >> 20) + " MB"
                    : String.format(java.util.Locale.ROOT, "%.1f GB", heap / (double) (1L << 30));
            err.println("issosynth: out of memory" + (stage == null ? "" : " in stage '" + stage + "'") + " with a "
                    + size + " heap; give the JVM more: JAVA_OPTS=-Xmx" + more + "g ./run.sh ..., or java -Xmx" + more + "g -jar"
                    + " target/issosynth.jar ... (or a smaller --pool-factor or --size)");
            return ExitCodes.FAILURE;
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected error", e);
            err.println("issosynth: unexpected error: " + FailureHandler.oneLine(String.valueOf(e)));
            return ExitCodes.FAILURE;
        } finally {
            Logging.close();
            out.flush();
            err.flush();
        }
    }

    private static int executeUnchecked(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd;
        try {
            cmd = newCommandLine(out, err, findConfigArgument(args));
        } catch (IllegalArgumentException e) {
            err.println("issosynth: " + FailureHandler.oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        }
        return cmd.execute(args);
    }

    /**
     * The fully configured command line: writers, config-file defaults (standard file, then {@code config}),
     * error handlers. IllegalArgumentException for an unreadable config file or an unknown key in it.
     */
    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Path config) {
        CommandLine cmd = new CommandLine(new IssosynthCommand());
        GroupedHelp.install(cmd);
        cmd.setOut(out);
        cmd.setErr(err);
        ConfigDefaults defaults = ConfigDefaults.load(config);
        defaults.checkKeys(cmd);
        cmd.setDefaultValueProvider(defaults);
        cmd.setExecutionExceptionHandler(new FailureHandler());
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("issosynth: " + FailureHandler.oneLine(ex.getMessage()));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cmd.setExecutionStrategy(Main::openLogThenRun);
        return cmd;
    }

    /** Opens the --log-file (if any) before the command runs, so a failure's stack trace lands in it too. */
    private static int openLogThenRun(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        CommandLine.Model.OptionSpec logOption = last.commandSpec().findOption("--log-file");
        Path logFile = logOption == null ? null : logOption.getValue();
        if (logFile != null && !last.isUsageHelpRequested() && !last.isVersionHelpRequested()) {
            try {
                Logging.open(logFile);
            } catch (RuntimeException e) {
                throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The value of {@code --config} (needed before parsing, since it supplies the defaults). */
    static Path findConfigArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return null;
            }
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
