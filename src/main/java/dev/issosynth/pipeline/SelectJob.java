package dev.issosynth.pipeline;

import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;

/** {@code select}: the rows of an existing pool that best match the training data, into the result file. */
public final class SelectJob {
    private SelectJob() {
    }

    /** @param output the result file; null = a new name in {@code baseDir}/results/ */
    public static SelectionRun.Outcome run(Path train, Path pool, Path output, Path baseDir, SelectionParams params,
                                           SelectionRun.Privacy privacy, MissingValues na, ColumnRules columns, int threads,
                                           Progress progress) {
        return run(train, pool, output, baseDir, params, privacy, na, columns, threads, progress, ResultFormat.AUTO);
    }

    /** As the other {@code run}, with the result's format. */
    public static SelectionRun.Outcome run(Path train, Path pool, Path output, Path baseDir, SelectionParams params,
                                           SelectionRun.Privacy privacy, MissingValues na, ColumnRules columns, int threads,
                                           Progress progress, ResultFormat format) {
        format.check(output);
        TrainingTable table = TrainingTable.read(train, na, columns);
        try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                : OutputPaths.result(baseDir, format.extension(table));
             Parallel par = new Parallel(threads)) {
            return SelectionRun.run(table, pool, out.path(), params, privacy, null, par, progress);
        }
    }
}
