package dev.issosynth.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Entry point. Exit codes: 0 success, 1 failure (bad input, runtime error), 2 usage error. Errors are one line
 * on stderr; the stack trace goes only to the --log-file, if any.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        ConfigDefaults defaults;
        try {
            defaults = ConfigDefaults.load(findConfigArgument(args));
        } catch (IllegalArgumentException e) {
            err.println("issosynth: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CommandLine cmd = new CommandLine(new IssosynthCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setDefaultValueProvider(defaults);
        cmd.setExecutionExceptionHandler(new FailureHandler());
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("issosynth: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cmd.execute(args);
    }

    /** The value of {@code --config} (needed before parsing, since it supplies the defaults). */
    static Path findConfigArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
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
