package dev.issosynth.pipeline;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** select: read training data and pool, bin both with the training bins, select, write the chosen pool rows. */
public final class SelectionRun {
    private SelectionRun() {
    }

    /** What a selection produced. */
    public record Outcome(Path output, int rows, long poolRows, int trainRows, double readSeconds,
                          double writeSeconds, List<SelectionEngine.StageReport> stages) {
    }

    /**
     * @param params selection parameters; a size of 0 means "as many rows as the training data"
     */
    public static Outcome run(Path trainPath, Path poolPath, Path output, SelectionParams params, MissingValues na,
                              Parallel par, Progress progress) {
        long t0 = System.nanoTime();
        progress.stage("read");
        RawTable train = CsvReader.read(trainPath);
        Schema schema = Schema.fit(train, na);
        CodeTable trainCodes = schema.encode(train, trainPath.getFileName().toString());
        CodeTable pool = PoolEncoder.encode(schema, poolPath, par, progress);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        progress.done(String.format(Locale.ROOT, "training %,d rows x %d columns, pool %,d rows", train.rowCount(),
                train.columnCount(), pool.rows()));
        SelectionParams p = params.size() > 0 ? params : params.withSize(train.rowCount());
        if (p.size() > pool.rows()) {
            throw new InputException(poolPath.getFileName() + ": the pool has " + pool.rows()
                    + " rows, fewer than the requested size " + p.size());
        }
        SelectionEngine.Result result = SelectionEngine.run(trainCodes, pool, p, par, progress, true);

        progress.stage("write");
        long tw = System.nanoTime();
        boolean[] selected = new boolean[pool.rows()];
        for (int r : result.rows()) {
            selected[r] = true;
        }
        CsvWriter.writeSelectedRows(poolPath, schema.names(), selected, output);
        double writeSeconds = (System.nanoTime() - tw) / 1e9;
        progress.done(output.toString());
        return new Outcome(output, result.rows().length, pool.rows(), train.rowCount(), readSeconds, writeSeconds,
                result.stages());
    }
}
