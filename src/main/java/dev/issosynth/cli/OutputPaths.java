package dev.issosynth.cli;

import dev.issosynth.io.CsvWriter;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Default output locations: pools in pool_data/, results in results/, never overwriting a file. */
final class OutputPaths {
    private OutputPaths() {
    }

    static Path result() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
        return CsvWriter.uniquePath(Path.of("results"), "flat_result_" + stamp, "csv");
    }

    static Path pool() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        return CsvWriter.uniquePath(Path.of("pool_data"), "pool_" + stamp, "csv");
    }
}
