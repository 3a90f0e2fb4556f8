package dev.issosynth.pipeline;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.ParquetOutput;
import dev.issosynth.io.RowExpander;
import dev.issosynth.io.RowListener;
import dev.issosynth.io.TableFiles;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import org.apache.parquet.schema.MessageType;
import dev.issosynth.util.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The result file: the chosen pool rows' text (keys filled in), as CSV, or as Parquet when its name ends in
 * {@code .parquet}: then with the training file's column types when that is Parquet too (so they survive the round
 * trip), else with types read off the values.
 */
final class ResultFile {
    private ResultFile() {
    }

    /** A finished CSV pool as Parquet beside it ({@code pool_x.csv} → {@code pool_x.parquet}); see the other. */
    static Path poolToParquet(Path csvPool, TrainingTable train, Progress progress) {
        String name = csvPool.getFileName().toString();
        Path parquet = csvPool.resolveSibling((name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name)
                + ".parquet");
        return poolToParquet(csvPool, parquet, train, progress);
    }

    /**
     * Converts a finished CSV pool to the Parquet file {@code parquet} (the training file's column types when it is
     * Parquet; {@code train} null: types from the values) and removes the CSV; returns {@code parquet}.
     */
    static Path poolToParquet(Path csvPool, Path parquet, TrainingTable train, Progress progress) {
        progress.stage("pool to parquet");
        for (String note : ParquetOutput.convert(csvPool, parquet, template(train), missing(train))) {
            progress.info("parquet: pool " + note);
        }
        try {
            Files.delete(csvPool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.done(parquet.toString());
        return parquet;
    }

    /** Per column (by name) which cells are nulls: the table's tokens and the column's own. */
    private static java.util.function.Function<String, java.util.function.Predicate<String>> missing(
            TrainingTable train) {
        if (train == null) {
            return name -> MissingValues.defaults()::isMissing;
        }
        return name -> train.na(name)::isMissing;
    }

    /** The training file's Parquet schema, when it is a Parquet file; else null (types from the values). */
    private static MessageType template(TrainingTable train) {
        Path from = train == null ? null : train.file();
        return from != null && TableFiles.isParquet(from) ? ParquetOutput.schemaOf(from) : null;
    }

    /** The default result's extension: {@code .parquet} for a Parquet training file, else {@code .csv}. */
    static String extensionFor(TrainingTable train) {
        return train.file() != null && TableFiles.isParquet(train.file()) ? ".parquet" : ".csv";
    }

    static boolean isParquet(Path output) {
        return output.getFileName() != null
                && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    static void write(TrainingTable train, Path pool, boolean[] selected, Path output, RowListener text,
                      RowExpander keys, Progress progress) {
        if (!isParquet(output)) {
            CsvWriter.writeSelectedRows(pool, train.schema().names(), train.skippedColumns(), selected, output, text,
                    keys);
            return;
        }
        Path csv = null;
        try {
            csv = dev.issosynth.io.AtomicOutput.scratch(output);
            Files.delete(csv);
            CsvWriter.writeSelectedRows(pool, train.schema().names(), train.skippedColumns(), selected, csv, text, keys);
            for (String note : ParquetOutput.write(CsvReader.read(csv), output, template(train), missing(train))) {
                progress.info("parquet: " + note);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (csv != null) {
                csv.toFile().delete();
            }
        }
    }
}
