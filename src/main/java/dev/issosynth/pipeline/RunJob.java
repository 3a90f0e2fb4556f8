package dev.issosynth.pipeline;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.io.AtomicOutput;
import dev.issosynth.io.TableFiles;
import dev.issosynth.io.TableFiles;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.report.HtmlReport;
import dev.issosynth.report.ReportData;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole job ({@code run}): the training file is read and binned once, the pool is generated into
 * pool_data/ and binned while it is written (or an existing pool is read once), the rows are selected into the
 * result, and with a holdout and a report path the privacy figures and the HTML report follow, all from the same
 * values. A job that fails before its pool is complete leaves neither pool nor result behind; once the pool is
 * complete it is kept whatever fails later, and the error says how to select from it without generating again
 * (a saved model is kept once complete; a failing report leaves the finished result).
 */
public final class RunJob {
    private RunJob() {
    }

    /**
     * @param train      training CSV
     * @param naValues   the extra missing-value tokens as given (the report lists them); {@code na} is the rule
     * @param columns    keys (not modelled; fresh ones in the result), declared types, ignored columns
     * @param poolFactor pool rows = training rows x this (generated pools only)
     * @param output     the result file; null = a new name in {@code baseDir}/results/
     * @param baseDir    the folder of the default pool_data/ and results/
     * @param holdout    real rows not used for training: the result's privacy figures; null for none
     * @param report     the HTML report to write after the result; null for none
     */
    public record Request(Path train, MissingValues na, List<String> naValues, ColumnRules columns, PoolSource source, double poolFactor,
                         Path output, Path baseDir, Path holdout, Path report, SelectionParams params,
                         SelectionRun.Privacy privacy, int threads, ResultFormat format, boolean resume) {
        /** As the full constructor, not resuming. */
        public Request(Path train, MissingValues na, List<String> naValues, ColumnRules columns, PoolSource source,
                       double poolFactor, Path output, Path baseDir, Path holdout, Path report, SelectionParams params,
                       SelectionRun.Privacy privacy, int threads, ResultFormat format) {
            this(train, na, naValues, columns, source, poolFactor, output, baseDir, holdout, report, params, privacy,
                    threads, format, false);
        }

        /** As the full constructor, the result's format decided by names ({@link ResultFormat#AUTO}). */
        public Request(Path train, MissingValues na, List<String> naValues, ColumnRules columns, PoolSource source,
                       double poolFactor, Path output, Path baseDir, Path holdout, Path report, SelectionParams params,
                       SelectionRun.Privacy privacy, int threads) {
            this(train, na, naValues, columns, source, poolFactor, output, baseDir, holdout, report, params, privacy,
                    threads, ResultFormat.AUTO);
        }

        /** This request with another pool source. */
        Request withSource(PoolSource s) {
            return new Request(train, na, naValues, columns, s, poolFactor, output, baseDir, holdout, report, params,
                    privacy, threads, format, resume);
        }
    }

    /** What the job made; {@code pool} is the generated pool (null for an existing pool). */
    public record Outcome(Path pool, Path savedModel, SelectionRun.Outcome selection, Path report) {
    }

    /** Told once the result is complete, before the report is written. */
    @FunctionalInterface
    public interface Listener {
        void resultWritten(Path pool, Path savedModel, SelectionRun.Outcome selection);
    }

    public static Outcome run(Request request, Progress progress, Listener listener) {
        Request r = request;
        boolean existing = r.source() instanceof PoolSource.Existing;
        for (Path out : new Path[] {r.output(), r.report()}) {
            if (out != null) {
                AtomicOutput.requireWritable(out);
            }
        }
        progress.stage("read");
        TrainingTable train = TrainingTable.read(r.train(), r.na(), r.columns(),
                f -> progress.update(f, "training table"));
        progress.done(String.format(Locale.ROOT, "training %,d rows x %d columns", train.rowCount(),
                train.columnCount()));
        RawTable holdout = r.holdout() == null ? null : train.modelledPart(TableFiles.read(r.holdout()));
        r.format().check(r.output());
        ArgnGenerator seeded = PoolSource.seededGenerator(r.source());
        long rows = seeded != null ? (long) seeded.seedData().rowCount() * seeded.seedCandidates()
                : Math.max(1, Math.round(train.rowCount() * r.poolFactor()));
        r = r.withSource(withRebalanceRows(r, train, rows, progress));
        String poolKey = existing ? null : PoolManifest.key(r, rows + extraRows(r.source()));
        if (r.resume() && !existing) {
            Path finished = PoolManifest.find(r.baseDir().resolve(OutputPaths.POOL_DIR), poolKey);
            if (finished == null) {
                progress.info("resume: no finished pool of a run with this training file and these settings in "
                        + r.baseDir().resolve(OutputPaths.POOL_DIR) + "; generating");
            } else {
                progress.info("resume: selecting from the finished pool " + finished + " (no training)");
                r = r.withSource(new PoolSource.Existing(finished));
                existing = true;
            }
        }
        if (!existing) {
            if (r.source() instanceof PoolSource.SavedModel s) {
                PoolSource.requireSameColumns(s, train);
            }
            if (r.params().size() > rows) {
                throw new InputException(r.train().getFileName() + ": --size " + r.params().size() + " is more than the "
                        + String.format(Locale.ROOT, "%,d", rows) + " pool rows (training rows x --pool-factor "
                        + r.poolFactor() + "); raise --pool-factor");
            }
        }
        // a generated pool and a default result share one run id (pool_<stamp>[_n], flat_result_<stamp>[_n])
        OutputPaths.Reservation[] names = existing || r.output() != null ? null : OutputPaths.run(r.baseDir(),
                r.format().extension(train));
        OutputPaths.Reservation poolReservation = existing ? null : names != null ? names[0]
                : OutputPaths.pool(r.baseDir());
        OutputPaths.Reservation result = r.output() != null ? OutputPaths.Reservation.given(r.output())
                : names != null ? names[1] : OutputPaths.result(r.baseDir(),
                r.format().extension(train));
        Path poolPath = existing ? ((PoolSource.Existing) r.source()).pool() : poolReservation.path();
        if (!existing) {
            DiskCheck.requireRoom(train.raw(), rows + extraRows(r.source()), poolPath.toAbsolutePath().getParent());
        }
        boolean[] poolComplete = {existing};
        boolean ok = false;
        try (OutputPaths.Reservation out = result;
             Parallel par = new Parallel(r.threads())) {
            SelectionRun.Outcome o = select(r, train, holdout, rows, poolPath, out.path(), par, progress,
                    poolComplete, poolKey);
            if (!existing && ResultFile.isParquet(out.path())) {
                // a Parquet job keeps its pool in Parquet too (a quarter of the disk); the CSV served the selection
                Path csvPool = poolPath;
                poolPath = ResultFile.poolToParquet(poolPath, train, progress);
                deleteQuietly(PoolManifest.record(csvPool));
                PoolManifest.write(poolPath, poolKey);
            }
            Path saved = r.source() instanceof PoolSource.Trained t ? t.saveModel() : null;
            listener.resultWritten(existing ? null : poolPath, saved, o);
            Path report = null;
            if (r.report() != null) {
                writeReport(r, train, holdout, poolPath, o, par);
                report = r.report();
            }
            ok = true;
            return new Outcome(existing ? null : poolPath, saved, o, report);
        } catch (RuntimeException e) {
            if (!existing && poolComplete[0]) {
                // the error line says how to go on from the pool instead of generating it again
                String why = e instanceof InputException || e instanceof IllegalArgumentException ? e.getMessage()
                        : "unexpected error: " + e;
                throw new InputException(why + "; the finished pool is kept: " + poolPath + " (go on from it: the same"
                        + " command with --resume, or run " + r.train() + " --generator pool --pool " + poolPath + ")",
                        e);
            }
            throw e;
        } finally {
            if (poolReservation != null) {
                if (!ok && !poolComplete[0]) {
                    deleteQuietly(poolReservation.path());
                }
                poolReservation.close();
            }
        }
    }

    /**
     * An argn source topped up with rows seeded by the values a rebalancing raises ({@link RebalanceSeeds}); the
     * source as it is otherwise (another generator, an existing pool, a seeded run).
     */
    private static PoolSource withRebalanceRows(Request r, TrainingTable train, long rows, Progress progress) {
        if (r.params().steering().rebalance().isEmpty() || PoolSource.seededGenerator(r.source()) != null) {
            return r.source();
        }
        java.util.List<RawTable> seeds = RebalanceSeeds.of(r.params().steering(), train, rows);
        if (seeds.isEmpty()) {
            return r.source();
        }
        ArgnGenerator g = PoolSource.argn(r.source());
        if (g != null) {
            return PoolSource.withArgn(r.source(), g.withExtraRows(seeds));
        }
        progress.info("note: the pool is not topped up with rows of the rebalanced values (only argn draws rows given"
                + " a value); a pool short of them limits the shares reached");
        return r.source();
    }

    /** Rows an argn source appends to the pool it is asked for. */
    private static long extraRows(PoolSource s) {
        ArgnGenerator g = PoolSource.argn(s);
        return g == null ? 0 : g.extraRows();
    }

    /** Pool (generated and binned on the way out, or read), then the selection. */
    private static SelectionRun.Outcome select(Request r, TrainingTable train, RawTable holdout, long rows,
                                               Path poolPath, Path output, Parallel par, Progress progress,
                                               boolean[] poolComplete, String poolKey) {
        long seed = r.params().seed();
        if (r.source() instanceof PoolSource.Existing) {
            return SelectionRun.run(train, poolPath, output, r.params(), r.privacy(), holdout, par, progress);
        }
        long t0 = System.nanoTime();
        SelectionRun.Pool pool = SelectionRun.preparePool(train, r.privacy(), r.params(), par,
                PoolSource.seededGenerator(r.source()), poolPath.toAbsolutePath().getParent());
        try (PoolCodes codes = pool.codes) { // a mapped file of privacy cells goes when the job does
            PoolCodes.Tee tee = pool.codes.expect(rows + extraRows(r.source())).tee(PoolSource.header(r.source(),
                    train));
            String poolDone = String.format(Locale.ROOT, "%,d rows -> %s", rows, poolPath);
            long tg = System.nanoTime();
            if (!PoolSource.write(r.source(), train, rows, seed, new PoolOutput(poolPath, tee), progress, poolDone)) {
                progress.info("pool: " + poolDone);
            }
            long generationNanos = System.nanoTime() - tg;
            poolComplete[0] = true;
            PoolManifest.write(poolPath, poolKey); // from here on, --resume can go on from this pool
            tee.flush();
            if (pool.codes.rows() == 0) { // a generator that wrote around its PoolOutput: bin the file instead
                pool.codes.readFile(poolPath, train.skippedColumns(), progress);
            }
            // the binning ran inside the generation; left to report: the privacy reference's fit and the rest
            double seconds = (System.nanoTime() - t0 - generationNanos) / 1e9;
            return SelectionRun.select(train, pool, poolPath, output, r.params(), r.privacy(), holdout, par, progress,
                    seconds);
        }
    }

    private static void writeReport(Request r, TrainingTable train, RawTable holdout, Path poolPath,
                                    SelectionRun.Outcome o, Parallel par) {
        long seed = r.params().seed();
        CodeTable holdoutCodes = holdout == null ? null : train.encode(holdout, r.holdout().getFileName().toString());
        ReportData.Parameters p = new ReportData.Parameters(r.train().toString(), o.output().toString(),
                r.holdout() == null ? null : r.holdout().toString(), seed, r.privacy().sample(),
                List.copyOf(r.naValues()));
        StageFigures last = o.stages().isEmpty() ? null : o.stages().get(o.stages().size() - 1);
        ReportData data = ReportRun.ofJob(p, train, o.resultCodes(), last == null ? null : last.accuracy(),
                holdoutCodes, o.privacy(), seed, par);
        HtmlReport.write(r.report(), data.withRun(runInfo(r, poolPath, o)));
    }

    /** The run's settings and selection stages for the HTML report. */
    private static ReportData.Run runInfo(Request r, Path poolPath, SelectionRun.Outcome o) {
        List<String[]> settings = new ArrayList<>();
        settings.add(new String[] {"generator", describe(r.source())});
        settings.add(new String[] {"pool", poolPath + String.format(Locale.ROOT, " (%,d rows)", o.poolRows())});
        settings.add(new String[] {"result rows", String.format(Locale.ROOT, "%,d", o.rows())});
        SteeringReport g = o.steering();
        settings.add(new String[] {"privacy steering", g == null ? "off"
                : String.format(Locale.ROOT, "%,d copies of training rows in the pool %s; estimated DCR share %.4f"
                        + " (%s) against %,d training rows", g.poolCopies(), g.copiesExcluded() ? "excluded"
                        : "capped at " + String.format(Locale.ROOT, "%.4f", g.copyShareAllowed()), g.headline(),
                        g.headlineGroup(), g.referenceRows())});
        settings.add(new String[] {"threads", Integer.toString(r.threads())});
        List<String[]> stages = new ArrayList<>();
        stages.add(new String[] {"read", String.format(Locale.ROOT, "%.1f", o.readSeconds()), "", ""});
        for (StageFigures st : o.stages()) {
            stages.add(new String[] {st.stage(), String.format(Locale.ROOT, "%.1f", st.seconds()),
                String.format(Locale.ROOT, "%,d", st.rows()),
                st.accuracy() == null ? "" : String.format(Locale.ROOT, "%.5f", st.accuracy().overall())});
        }
        stages.add(new String[] {"write", String.format(Locale.ROOT, "%.1f", o.writeSeconds()), "", ""});
        return new ReportData.Run(settings, stages);
    }

    /** How the report names the pool's origin. */
    static String describe(PoolSource source) {
        if (source instanceof PoolSource.Existing) {
            return "existing pool";
        }
        if (source instanceof PoolSource.SavedModel s) {
            return "argn, saved model " + s.file();
        }
        PoolSource.Trained t = (PoolSource.Trained) source;
        String gen = t.generator().name();
        if (t.generator() instanceof ArgnGenerator a) {
            ArgnSettings o = a.options();
            gen += String.format(Locale.ROOT, " (%s, at most %d epochs / %s min, %s model(s), table-order share %s)",
                    o.size(), o.maxEpochs(), o.maxTrainingMinutes(),
                    o.models() == ArgnGenerator.AUTO_MODELS ? "auto" : o.models(), o.tableOrderShare());
        }
        return gen;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing better to do while another failure is on its way out
        }
    }
}
