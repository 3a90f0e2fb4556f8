package dev.issosynth.cli;

import dev.issosynth.schema.MissingValues;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every command shares. */
public class CommonOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0",
            description = "Worker threads; 0 = all cores (default: ${DEFAULT-VALUE}). Results do not depend on it.")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of defaults (keys = long option names), overriding config/issosynth.properties.")
    Path config;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Write the full log (progress, timings, errors) to FILE.")
    Path logFile;

    @Option(names = "--na-values", split = ",", paramLabel = "TOKEN",
            description = "Extra cell values that mean missing, comma-separated (e.g. '?'). Empty cells and NA, N/A, NaN, null, None, ... always do.")
    List<String> naValues = new ArrayList<>();

    MissingValues missingValues() {
        return naValues.isEmpty() ? MissingValues.defaults() : MissingValues.defaults().withExtra(naValues);
    }

    Parallel parallel() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must not be negative");
        }
        return new Parallel(threads == 0 ? Parallel.defaultThreads() : threads);
    }

    Progress progress() {
        Logging.configure(logFile);
        return new Progress(System.err, quiet);
    }
}
