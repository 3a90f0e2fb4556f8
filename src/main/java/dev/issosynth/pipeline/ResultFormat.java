package dev.issosynth.pipeline;

import dev.issosynth.io.InputException;
import dev.issosynth.schema.TrainingTable;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The result's file format ({@code --output-format}): AUTO takes the {@code --output} name's ({@code .parquet} or
 * not), or without one the training file's; CSV and PARQUET say it outright, and then a given name must agree.
 */
public enum ResultFormat {
    AUTO, CSV, PARQUET;

    public static ResultFormat parse(String text) {
        for (ResultFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--output-format must be auto, csv or parquet: " + text);
    }

    /** The default result name's extension. */
    String extension(TrainingTable train) {
        return switch (this) {
            case CSV -> ".csv";
            case PARQUET -> ".parquet";
            case AUTO -> ResultFile.extensionFor(train);
        };
    }

    /** A given {@code --output} must have this format's extension (stdout's temporary file is always CSV). */
    void check(Path output) {
        if (output == null || this == AUTO) {
            return;
        }
        boolean parquet = ResultFile.isParquet(output);
        if (parquet != (this == PARQUET)) {
            throw new InputException(output + ": --output-format " + name().toLowerCase(Locale.ROOT)
                    + " needs a ." + name().toLowerCase(Locale.ROOT) + " name");
        }
    }
}
