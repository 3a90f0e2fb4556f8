package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --output -}: the file goes to standard output. It is written to a private temporary folder first and
 * copied out only once complete, so a job that fails prints no half table; the summary lines then go to stderr.
 */
final class StdoutResult implements AutoCloseable {
    private final Path output;
    private final Path tempDir;

    private StdoutResult(Path output, Path tempDir) {
        this.output = output;
        this.tempDir = tempDir;
    }

    /** For {@code output} as given: {@code -} gets a temporary file, anything else stays as it is. */
    static StdoutResult of(Path output) {
        if (!isDash(output)) {
            return new StdoutResult(output, null);
        }
        try {
            Path dir = TempFolder.create("stdout");
            return new StdoutResult(dir.resolve("result.csv"), dir);
        } catch (IOException e) {
            throw new InputException("cannot create a temporary file for --output -: " + e.getMessage(), e);
        }
    }

    static boolean isDash(Path p) {
        return CsvReader.isStdin(p);
    }

    /** Where the job writes. */
    Path path() {
        return output;
    }

    boolean toStdout() {
        return tempDir != null;
    }

    /** Copies the finished file to {@code out} (nothing for a file output). */
    void emit(PrintWriter out) {
        if (tempDir == null) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            char[] buf = new char[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            out.flush();
        } catch (IOException e) {
            throw new InputException("cannot copy the result to stdout: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        TempFolder.delete(tempDir);
    }
}
