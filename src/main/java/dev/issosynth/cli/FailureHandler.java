package dev.issosynth.cli;

import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.io.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** Turns any failure into one line on stderr and exit code 1; the full trace goes to the log file only. */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof CommandLine.ParameterException pe) {
            cmd.getErr().println("issosynth: " + pe.getMessage());
            return ExitCodes.USAGE;
        }
        String message;
        if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
            message = ex.getMessage();
        } else if (ex instanceof UncheckedIOException io) {
            message = io.getMessage() != null && !io.getMessage().equals(String.valueOf(io.getCause()))
                    ? io.getMessage() : "I/O error: " + io.getCause();
        } else {
            message = "unexpected error: " + ex;
        }
        LOG.error("failed: {}", message, ex);
        cmd.getErr().println("issosynth: " + oneLine(message));
        return ex instanceof ExternalModelException ? ExitCodes.EXTERNAL_MODEL : ExitCodes.FAILURE;
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
