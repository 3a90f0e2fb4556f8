package dev.issosynth.cli;

import picocli.CommandLine;

/** Usage errors (exit code 2): bad option values found after parsing. */
final class Usage {
    private Usage() {
    }

    static CommandLine.ParameterException error(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Runs a component's own check; its IllegalArgumentException becomes a usage error with its message. */
    static void check(CommandLine.Model.CommandSpec spec, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    /** A value a component parses; its IllegalArgumentException becomes a usage error with its message. */
    static <T> T parse(CommandLine.Model.CommandSpec spec, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    static void require(boolean ok, CommandLine.Model.CommandSpec spec, String message) {
        if (!ok) {
            throw error(spec, message);
        }
    }
}
