package dev.issosynth.pipeline;

import dev.issosynth.generator.PoolOutput;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Locale;

/** {@code generate}: a pool only, from a generator trained on the training file or from a saved model. */
public final class GenerateJob {
    private GenerateJob() {
    }

    /**
     * Writes {@code rows} pool rows and returns the file.
     *
     * @param train   training CSV; null only for a saved model
     * @param output  the pool file; null = a new name in {@code baseDir}/pool_data/
     */
    public static Path run(PoolSource source, Path train, MissingValues na, ColumnRules columns, long rows, long seed, Path output,
                           Path baseDir, Progress progress) {
        if (source instanceof PoolSource.Existing) {
            throw new IllegalArgumentException("generate needs a generator or a saved model, not an existing pool");
        }
        TrainingTable table = train == null ? null : TrainingTable.read(train, na, columns);
        try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                : OutputPaths.pool(baseDir)) {
            String done = source instanceof PoolSource.SavedModel ? null : String.format(Locale.ROOT, "%,d rows", rows);
            if (table != null) {
                DiskCheck.requireRoom(table.raw(), rows, out.path().toAbsolutePath().getParent());
            }
            if (!ResultFile.isParquet(out.path())) {
                PoolSource.write(source, table, rows, seed, PoolOutput.to(out.path()), progress, done);
                return out.path();
            }
            // a Parquet pool: written as CSV beside it first (generators write rows as text), then converted
            String name = out.path().getFileName().toString();
            Path csv = out.path().resolveSibling(name.substring(0, name.length() - ".parquet".length()) + ".csv.part");
            try {
                PoolSource.write(source, table, rows, seed, PoolOutput.to(csv), progress, done);
                return ResultFile.poolToParquet(csv, out.path(), table, progress);
            } finally {
                csv.toFile().delete();
            }
        }
    }
}
