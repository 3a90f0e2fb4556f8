package dev.issosynth.generator.mostlylocal;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.generator.ExternalPool;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.WorkFolder;
import dev.issosynth.generator.mostly.MostlySettings;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.util.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --generator mostly-local}: trains and samples with the user's own Python install of the MOSTLY AI SDK in
 * local mode (or mostlyai-engine's TabularARGN without it) through {@link PythonBridge}, then brings the pool into the
 * training file's shape with {@link ExternalPool#normalise}. Everything the bridge needs (script, training CSV,
 * parameters, the SDK's state) lives in a temp folder that is deleted afterwards.
 */
public final class MostlyLocalGenerator implements PoolGenerator {
    public static final String NAME = "mostly-local";
    private static final Logger LOG = LoggerFactory.getLogger("issosynth");

    private final ArgnSettings options;
    private final MostlySettings settings;
    private final Map<String, String> extraEnv;

    /** {@code options} carry the model knobs (one model; threads and table-order share are argn's only). */
    public MostlyLocalGenerator(ArgnSettings options, MostlySettings settings) {
        this(options, settings, Map.of());
    }

    /** As the public constructor, with environment entries for the Python process (tests: a fake SDK). */
    MostlyLocalGenerator(ArgnSettings options, MostlySettings settings, Map<String, String> extraEnv) {
        this.options = options;
        this.settings = settings;
        this.extraEnv = extraEnv;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reportsOwnStages() {
        return true;
    }

    @Override
    public void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress) {
        try (WorkFolder dir = WorkFolder.create("issosynth-mostly-local-", "the Python bridge")) {
            Path raw = writeRawPool(train, rows, seed, dir.path(), progress);
            long written = ExternalPool.normalise(train, raw, out);
            progress.done(String.format(Locale.ROOT, "%,d rows", written));
        }
    }

    /**
     * Probes the interpreter, runs the bridge in {@code dir} and returns the CSV it wrote there, as the model wrote
     * it (column order and cell formats not yet the training file's). Leaves the generate stage open.
     */
    Path writeRawPool(TrainingTable train, long rows, long seed, Path dir, Progress progress) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1: " + rows);
        }
        progress.stage(BridgeProgress.TRAIN);
        PythonBridge bridge = new PythonBridge(settings.python(), dir, extraEnv);
        PythonProbe.Found found = PythonProbe.probe(bridge);
        progress.info("[" + BridgeProgress.TRAIN + "] with " + found.describe());

        Path trainCsv = dir.resolve("train.csv");
        Path rawCsv = dir.resolve("pool.csv");
        Path workDir = dir.resolve("work");
        Path params = dir.resolve("params.json");
        CsvWriter.write(withMissingBlank(train), trainCsv);
        BridgeParams.of(options, train, rows, seed, trainCsv, rawCsv, workDir, found.backend()).write(params);

        PythonBridge.Outcome o = bridge.run(List.of(params.toString()), settings.timeout(), "--remote-timeout-minutes",
                new BridgeProgress(progress));
        BridgeStatus status = BridgeStatus.parse(o.lastStdoutLine());
        if (status == null) {
            throw new ExternalModelException("mostly-local: the Python bridge ended (exit " + o.exitCode()
                    + ") without a result" + (o.lastStderrLine() == null ? "" : "; it said: " + o.lastStderrLine()));
        }
        if (!status.done() || o.exitCode() != 0) {
            String why = status.error() != null ? status.error() : "exit " + o.exitCode() + " after " + status.status();
            throw new ExternalModelException("mostly-local: " + found.backend().id() + " failed: " + why);
        }
        if (!Files.isRegularFile(rawCsv)) {
            throw new ExternalModelException("mostly-local: the Python bridge reported success but wrote no " + rawCsv);
        }
        if (status.generatorId() != null) {
            LOG.info("[{}] local generator {} ({} rows)", NAME, status.generatorId(), status.rows());
        }
        return rawCsv;
    }

    /**
     * The table with every missing cell (issosynth's NA tokens, --na-values and the column's own tokens) blanked: the
     * bridge reads only empty cells as NA, so the model sees exactly the cells the rest of issosynth counts as
     * missing. Dates in a declared format are sent as ISO, which the engine parses; {@link ExternalPool} writes the
     * generated ones back in the format.
     */
    static RawTable withMissingBlank(TrainingTable training) {
        RawTable train = training.raw();
        String[][] columns = new String[train.columnCount()][];
        for (int c = 0; c < columns.length; c++) {
            MissingValues na = training.na(c);
            DateFormat format = training.columnType(c) == ColumnType.DATETIME ? training.dateFormat(c) : DateFormat.ISO;
            String[] col = train.column(c);
            String[] blanked = null;
            for (int r = 0; r < col.length; r++) {
                boolean blank = na.isMissing(col[r]) && !"".equals(col[r]);
                String iso = blank || format.isIso() ? null : format.isoText(col[r]);
                if (blank || iso != null) {
                    if (blanked == null) {
                        blanked = col.clone();
                    }
                    blanked[r] = blank ? "" : iso;
                }
            }
            columns[c] = blanked == null ? col : blanked;
        }
        return new RawTable(train.header(), columns);
    }
}
