package dev.issosynth.cli;

import dev.issosynth.schema.ColumnFile;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.KeyRule;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every command shares. */
public class CommonOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "K",
            description = "Worker threads; 0 = all cores (default: ${DEFAULT-VALUE}). Results do not depend on it.")
    int threads;

    @Option(names = {"-q", "--quiet"}, defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "No progress on stderr (default: ${DEFAULT-VALUE}). --quiet=false undoes quiet = true of a config file.")
    boolean quiet;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of defaults (keys = long option names), overriding config/issosynth.properties.")
    Path config;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Append the full log (progress, timings, error stack traces) to FILE.")
    Path logFile;

    @Option(names = "--na-values", split = ",", paramLabel = "TOKEN",
            description = "Extra cell values that mean missing, comma-separated (e.g. '?'). Empty cells and NA, N/A, NaN, null, None, ... always do.")
    List<String> naValues = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "auto|none|COL[,COL...]", defaultValue = "auto",
            description = "Key columns (unique per row, e.g. a customer id): neither modelled nor compared; the result "
                    + "gets fresh keys in the same format, never a training key. auto (default) finds the obvious ones "
                    + "(all values present and distinct, with an id-like name or id-like values such as ab01), none "
                    + "treats every column as data, or name them (default: ${DEFAULT-VALUE}).")
    String keys = "auto";

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "Character set of the CSV inputs and outputs, e.g. ISO-8859-1 or windows-1252; any Java knows "
                    + "(default: ${DEFAULT-VALUE}). Parquet is always UTF-8.")
    String encoding = "UTF-8";

    @Option(names = "--columns", paramLabel = "FILE",
            description = "JSON column file: per column its type (categorical, numeric, integer, datetime, date, "
                    + "character, lat_long, latitude, longitude, key, ignore), optionally a date format (\"format\": \"dd/MM/yyyy\" or \"%%d/%%m/%%Y\") and "
                    + "missing-value texts of its own (\"missing\": [\"-1\"]); `inspect --json` writes one to edit. A MOSTLY AI "
                    + "generator configuration (columns with model_encoding_type, primary_key) works as it is. Columns it does not "
                    + "list are inferred.")
    Path columns;

    @Option(names = "--workdir", hidden = true, paramLabel = "DIR",
            description = "Folder that holds the default pool_data/ and results/ folders (default: the working directory).")
    Path workdir;

    /** Checks the values that picocli's type conversion cannot; a bad one is a usage error (exit 2). */
    void validate() {
        Usage.require(threads >= 0, mixee, "--threads must not be negative (0 = all cores): " + threads);
    }

    MissingValues missingValues() {
        return naValues.isEmpty() ? MissingValues.defaults() : MissingValues.defaults().withExtra(naValues);
    }

    /** The --encoding's inputs decoded and outputs encoded (a usage error for a charset Java does not know). */
    Transcoding transcoding() {
        try {
            return Transcoding.of(java.nio.charset.Charset.forName(encoding.trim()));
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, "--encoding: unknown character set " + encoding);
        }
    }

    /** --keys and --columns; a bad column file is an input error (exit 1). */
    ColumnRules columnRules() {
        ColumnRules rules = ColumnRules.of(KeyRule.parse(keys));
        return columns == null ? rules : rules.with(ColumnFile.read(columns));
    }

    int effectiveThreads() {
        return threads == 0 ? Parallel.defaultThreads() : threads;
    }

    /** Progress lines on the command's stderr writer (and in the --log-file), none on stderr with --quiet. */
    Progress progress() {
        return new Progress(Console.printStream(Console.err(mixee)), quiet);
    }

    /** The base folder of the default output locations. */
    Path baseDir() {
        return workdir != null ? workdir : Path.of("");
    }
}
