package dev.issosynth.pipeline;

import dev.issosynth.io.ChunkConsumer;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyGuard;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** select: read training data and pool, bin both with the training bins, select, write the chosen pool rows. */
public final class SelectionRun {
    private SelectionRun() {
    }

    /** What a selection produced; {@code guard} is null with the guard off, {@code privacy} null without a holdout. */
    public record Outcome(Path output, int rows, long poolRows, int trainRows, double readSeconds,
                          double writeSeconds, List<SelectionEngine.StageReport> stages, GuardReport guard,
                          PrivacyReport privacy) {
    }

    /**
     * What the privacy guard did: pool rows excluded as exact copies of a training row and as closer than
     * {@code threshold} to their nearest reference training row ({@link PrivacyGuard}), and its time.
     */
    public record GuardReport(double threshold, double quantile, int calibrationRows, int referenceRows,
                              long exactCopies, long tooClose, double seconds) {
    }

    /**
     * Privacy settings of a selection.
     *
     * @param guard   screen the pool with {@link PrivacyGuard} before selecting
     * @param sample  at most this many rows per calibration half / reference / evaluation sample
     * @param holdout real rows not used for training: when given, the result's privacy figures are computed
     */
    public record Privacy(boolean guard, int sample, Path holdout) {
        public static Privacy off() {
            return new Privacy(false, PrivacyEvaluator.DEFAULT_SAMPLE, null);
        }
    }

    /** As {@link #run(Path, Path, Path, SelectionParams, MissingValues, Parallel, Progress, Privacy)} without guard. */
    public static Outcome run(Path trainPath, Path poolPath, Path output, SelectionParams params, MissingValues na,
                              Parallel par, Progress progress) {
        return run(trainPath, poolPath, output, params, na, par, progress, Privacy.off());
    }

    /**
     * @param params selection parameters; a size of 0 means "as many rows as the training data"
     */
    public static Outcome run(Path trainPath, Path poolPath, Path output, SelectionParams params, MissingValues na,
                              Parallel par, Progress progress, Privacy privacy) {
        long t0 = System.nanoTime();
        progress.stage("read");
        RawTable train = CsvReader.read(trainPath);
        Schema schema = Schema.fit(train, na);
        CodeTable trainCodes = schema.encode(train, trainPath.getFileName().toString());
        PrivacyGuard guard = null;
        long[] guardNanos = {0};
        byte[][] verdicts = {new byte[0]};
        ChunkConsumer screen = null;
        if (privacy.guard()) {
            long tg = System.nanoTime();
            guard = PrivacyGuard.calibrate(schema, na, train, privacy.sample(), params.seed(), par);
            guardNanos[0] += System.nanoTime() - tg;
            PrivacyGuard g = guard;
            screen = (first, chunk, count) -> {
                long ts = System.nanoTime();
                int need = (int) first + count;
                if (need > verdicts[0].length) {
                    verdicts[0] = Arrays.copyOf(verdicts[0], Math.max(need, verdicts[0].length * 3 / 2));
                }
                g.screen(chunk, count, verdicts[0], (int) first, par);
                guardNanos[0] += System.nanoTime() - ts;
            };
        }
        CodeTable pool = PoolEncoder.encode(schema, poolPath, par, progress, screen);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        progress.done(String.format(Locale.ROOT, "training %,d rows x %d columns, pool %,d rows", train.rowCount(),
                train.columnCount(), pool.rows()));
        int poolRows = pool.rows();
        int[] kept = null;
        GuardReport guardReport = null;
        if (guard != null) {
            long copies = 0;
            long close = 0;
            kept = new int[poolRows];
            int k = 0;
            byte[] v = verdicts[0];
            for (int r = 0; r < poolRows; r++) {
                if (v[r] == PrivacyGuard.EXACT_COPY) {
                    copies++;
                } else if (v[r] == PrivacyGuard.TOO_CLOSE) {
                    close++;
                } else {
                    kept[k++] = r;
                }
            }
            kept = Arrays.copyOf(kept, k);
            guardReport = new GuardReport(guard.threshold(), PrivacyGuard.QUANTILE, guard.calibrationRows(),
                    guard.referenceRows(), copies, close, guardNanos[0] / 1e9);
            progress.info(String.format(Locale.ROOT,
                    "privacy guard: %,d exact copies and %,d rows closer than %.6g to training excluded, %,d of %,d"
                            + " pool rows left (%.1f s)", copies, close, guard.threshold(), k, poolRows,
                    guardNanos[0] / 1e9));
            if (k < poolRows) {
                pool = pool.select(kept);
            }
        }
        SelectionParams p = params.size() > 0 ? params : params.withSize(train.rowCount());
        if (p.size() > pool.rows()) {
            throw new InputException(poolPath.getFileName() + ": the pool has " + pool.rows()
                    + (guard != null && pool.rows() < poolRows ? " rows left after the privacy guard" : " rows")
                    + ", fewer than the requested size " + p.size()
                    + (guard != null && pool.rows() < poolRows ? " (use a larger pool, or --no-privacy-guard)" : ""));
        }
        SelectionEngine.Result result = SelectionEngine.run(trainCodes, pool, p, par, progress, true);

        progress.stage("write");
        long tw = System.nanoTime();
        boolean[] selected = new boolean[poolRows];
        for (int r : result.rows()) {
            selected[kept != null ? kept[r] : r] = true;
        }
        CsvWriter.writeSelectedRows(poolPath, schema.names(), selected, output);
        double writeSeconds = (System.nanoTime() - tw) / 1e9;
        progress.done(output.toString());
        PrivacyReport report = null;
        if (privacy.holdout() != null) {
            progress.stage("privacy");
            RawTable holdout = CsvReader.read(privacy.holdout());
            RawTable synth = CsvReader.read(output);
            report = PrivacyEvaluator.evaluate(schema, na, train, holdout, synth, Math.max(2, privacy.sample()),
                    params.seed(), par);
            progress.done(String.format(Locale.ROOT, "DCR share %.5f, NNDR ratio %.5f", report.dcrShare(),
                    report.nndrRatio()));
        }
        return new Outcome(output, result.rows().length, poolRows, train.rowCount(), readSeconds, writeSeconds,
                result.stages(), guardReport, report);
    }
}
