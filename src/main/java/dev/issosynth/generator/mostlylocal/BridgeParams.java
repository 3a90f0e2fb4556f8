package dev.issosynth.generator.mostlylocal;

import dev.issosynth.generator.argn.ArgnSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.TrainingTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bridge's parameter file (JSON, these field names). Model knobs use the SDK's meaning: {@code model} is
 * {@code MOSTLY_AI/Small|Medium|Large}, {@code maxTrainingMinutes} null means no limit (the SDK's default), and
 * {@code flexibleGeneration} is the opposite of {@code --fixed-order}.
 *
 * @param categoricalColumns columns the bridge keeps as text (issosynth's types; pandas would parse "007" as 7)
 * @param datetimeColumns    columns the engine must encode as datetimes (it types columns by pandas dtype only)
 */
record BridgeParams(String trainCsv, String outCsv, long rows, String model, Double maxTrainingMinutes,
        int maxEpochs, boolean valueProtection, boolean flexibleGeneration, double temperature, double topP,
        long randomState, String workDir, String backend, List<String> categoricalColumns,
        List<String> datetimeColumns) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static BridgeParams of(ArgnSettings options, TrainingTable training, long rows, long seed,
            Path trainCsv, Path outCsv, Path workDir, PythonProbe.Backend backend) {
        RawTable train = training.raw();
        List<String> categorical = new ArrayList<>();
        List<String> datetime = new ArrayList<>();
        for (int c = 0; c < train.columnCount(); c++) {
            ColumnType type = training.columnType(c);
            if (type == ColumnType.CATEGORICAL) {
                categorical.add(train.name(c));
            } else if (type == ColumnType.DATETIME) {
                datetime.add(train.name(c));
            }
        }
        String size = options.size().name();
        return new BridgeParams(trainCsv.toString(), outCsv.toString(), rows,
                "MOSTLY_AI/" + size.charAt(0) + size.substring(1).toLowerCase(Locale.ROOT),
                options.maxTrainingMinutes() == 0 ? null : options.maxTrainingMinutes(), options.maxEpochs(),
                options.valueProtection(), !options.fixedOrder(), options.temperature(), options.topP(),
                randomState(seed), workDir.toString(), backend.id(), categorical, datetime);
    }

    /** The seed folded into [0, 2^32): the engine seeds numpy with it, which takes nothing larger or negative. */
    static long randomState(long seed) {
        return Math.floorMod(seed, 1L << 32);
    }

    void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bridge parameters to " + file + ": " + e.getMessage(), e);
        }
    }
}
