package dev.issosynth.pipeline;

import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyGuard;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The selection stage of a job: the pool binned with the training bins (and screened by the privacy guard),
 * the engine's choice, the chosen rows' text copied from the pool file to the output, and with a holdout the
 * result's privacy figures.
 */
public final class SelectionRun {
    private SelectionRun() {
    }

    /**
     * What a selection produced; {@code guard} is null with the guard off, {@code privacy} null without a holdout.
     * {@code result} and {@code resultCodes} are the written rows (text and training bins), for the evaluation
     * and the report without reading the output back.
     */
    public record Outcome(Path output, int rows, long poolRows, int trainRows, double readSeconds,
                          double writeSeconds, List<StageFigures> stages, GuardReport guard, PrivacyReport privacy,
                          RawTable result, CodeTable resultCodes) {
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
     * @param guard  screen the pool with {@link PrivacyGuard} before selecting
     * @param sample at most this many rows per table in the privacy figures of the result and per calibration half
     *               and reference of the guard; 0 = the defaults: all rows for the figures,
     *               {@link PrivacyGuard#DEFAULT_SAMPLE} for the guard
     */
    public record Privacy(boolean guard, int sample) {
        public Privacy {
            PrivacyEvaluator.requireSample(sample);
        }

        public static Privacy off() {
            return new Privacy(false, PrivacyEvaluator.ALL_ROWS);
        }

        /** The guard's cap: the sample when one is given, else the guard's own default. */
        public int guardSample() {
            return sample == PrivacyEvaluator.ALL_ROWS ? PrivacyGuard.DEFAULT_SAMPLE : sample;
        }
    }

    /** The pool's codes, filled from a file or from a generator's rows, and the guard that screened them. */
    static final class Pool {
        final PoolCodes codes;
        final PrivacyGuard guard;
        final double calibrationSeconds;

        private Pool(PoolCodes codes, PrivacyGuard guard, double calibrationSeconds) {
            this.codes = codes;
            this.guard = guard;
            this.calibrationSeconds = calibrationSeconds;
        }
    }

    /** Step one: calibrates the guard on the training data (when on) and returns the empty pool it screens. */
    static Pool preparePool(TrainingTable train, Privacy privacy, long seed, Parallel par) {
        long t = System.nanoTime();
        PrivacyGuard guard = privacy.guard()
                ? PrivacyGuard.calibrate(train, privacy.guardSample(), seed, par) : null;
        double seconds = (System.nanoTime() - t) / 1e9;
        return new Pool(new PoolCodes(train.schema(), guard, par), guard, seconds);
    }

    /** select: the pool file is binned (and screened) here; see {@link #select} for the rest. */
    public static Outcome run(TrainingTable train, Path poolPath, Path output, SelectionParams params, Privacy privacy,
                              RawTable holdout, Parallel par, Progress progress) {
        long t0 = System.nanoTime();
        progress.stage("read");
        Pool pool = preparePool(train, privacy, params.seed(), par);
        pool.codes.readFile(poolPath, progress);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        progress.done(String.format(Locale.ROOT, "training %,d rows x %d columns, pool %,d rows", train.rowCount(),
                train.columnCount(), pool.codes.rows()));
        return select(train, pool, poolPath, output, params, privacy, holdout, par, progress, readSeconds);
    }

    /**
     * Step two: drops the rows the guard flagged, selects, writes the chosen rows' text from {@code poolPath} (whose
     * rows are the ones binned, in order) and, with a holdout, computes the result's privacy figures.
     *
     * @param params selection parameters; a size of 0 means "as many rows as the training data"
     */
    static Outcome select(TrainingTable train, Pool pool, Path poolPath, Path output, SelectionParams params,
                          Privacy privacy, RawTable holdout, Parallel par, Progress progress, double readSeconds) {
        CodeTable codes = pool.codes.table();
        int poolRows = codes.rows();
        int[] kept = null;
        GuardReport guardReport = null;
        if (pool.guard != null) {
            byte[] verdicts = pool.codes.verdicts();
            kept = keptRows(verdicts);
            long copies = count(verdicts, PrivacyGuard.EXACT_COPY);
            long close = count(verdicts, PrivacyGuard.TOO_CLOSE);
            double seconds = pool.calibrationSeconds + pool.codes.guardSeconds();
            guardReport = new GuardReport(pool.guard.threshold(), PrivacyGuard.QUANTILE, pool.guard.calibrationRows(),
                    pool.guard.referenceRows(), copies, close, seconds);
            progress.info(String.format(Locale.ROOT,
                    "privacy guard: %,d exact copies and %,d rows closer than %.6g to training excluded, %,d of %,d"
                            + " pool rows left (%.1f s)", copies, close, pool.guard.threshold(), kept.length,
                    poolRows, seconds));
            if (kept.length < poolRows) {
                codes = codes.select(kept);
            }
        }
        SelectionParams p = params.size() > 0 ? params : params.withSize(train.rowCount());
        if (p.size() > codes.rows()) {
            boolean guarded = pool.guard != null && codes.rows() < poolRows;
            // turning the guard off only helps when the whole pool would be large enough
            String remedy = !guarded ? " (use a larger pool)" : poolRows >= p.size()
                    ? " (use a larger pool, or --no-privacy-guard)" : " (use a larger pool: it has " + poolRows
                    + " rows before the guard)";
            throw new InputException(poolPath.getFileName() + ": the pool has " + codes.rows()
                    + (guarded ? " rows left after the privacy guard" : " rows")
                    + ", fewer than the requested size " + p.size() + remedy);
        }
        StageFigures.Scorer scorer = new StageFigures.Scorer(train.codes(), codes, p.seed(), par);
        SelectionEngine.Result result = SelectionEngine.run(train.codes(), codes, p, par, progress, scorer);

        progress.stage("write");
        long tw = System.nanoTime();
        boolean[] selected = new boolean[poolRows];
        for (int r : result.rows()) {
            selected[kept != null ? kept[r] : r] = true;
        }
        ResultRows text = new ResultRows(train.schema().names(), result.rows().length);
        CsvWriter.writeSelectedRows(poolPath, train.schema().names(), selected, output, text);
        double writeSeconds = (System.nanoTime() - tw) / 1e9;
        progress.done(output.toString());
        RawTable written = text.table();
        PrivacyReport report = null;
        if (holdout != null) {
            progress.stage("privacy");
            report = PrivacyEvaluator.evaluate(train, holdout, written, privacy.sample(), params.seed(), par);
            progress.done(String.format(Locale.ROOT, "DCR share %.5f, NNDR ratio %.5f", report.dcrShare(),
                    report.nndrRatio()));
        }
        return new Outcome(output, result.rows().length, poolRows, train.rowCount(), readSeconds, writeSeconds,
                scorer.stages(), guardReport, report, written, codes.select(result.rows()));
    }

    private static int[] keptRows(byte[] verdicts) {
        int[] kept = new int[verdicts.length];
        int k = 0;
        for (int r = 0; r < verdicts.length; r++) {
            if (verdicts[r] == PrivacyGuard.KEEP) {
                kept[k++] = r;
            }
        }
        return Arrays.copyOf(kept, k);
    }

    private static long count(byte[] verdicts, byte verdict) {
        long n = 0;
        for (byte v : verdicts) {
            n += v == verdict ? 1 : 0;
        }
        return n;
    }

    /** Keeps the text of the rows written to the result, column-major. */
    private static final class ResultRows implements dev.issosynth.io.RowListener {
        private final String[] header;
        private final String[][] columns;
        private int rows;

        ResultRows(String[] header, int capacity) {
            this.header = header;
            this.columns = new String[header.length][capacity];
        }

        @Override
        public void row(String[] cells) {
            for (int c = 0; c < cells.length; c++) {
                columns[c][rows] = cells[c];
            }
            rows++;
        }

        RawTable table() {
            if (rows != columns[0].length) {
                throw new IllegalStateException("wrote " + rows + " rows, selected " + columns[0].length);
            }
            return new RawTable(header, columns);
        }
    }
}
