package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.report.HtmlReport;
import dev.issosynth.report.ReportData;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"The whole job: generate a pool (pool_data/), then select the result (results/).",
                "The pool comes from the embedded TabularARGN generator unless --generator says otherwise, or from a "
                        + "saved argn model with --model-file (no training; TRAIN.csv is still needed for the "
                        + "selection).",
                "A run that fails leaves neither the pool nor the result behind (a model saved with --save-model is "
                        + "kept once complete)."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAIN.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--generator", paramLabel = "NAME",
            description = "Pool generator: ${COMPLETION-CANDIDATES} (default: argn, the embedded TabularARGN; "
                    + "'pool' takes an existing pool from any model with --pool).",
            completionCandidates = GenerateCommand.GeneratorNames.class)
    String generator;

    @Option(names = "--pool", paramLabel = "P.csv", description = "Existing pool for --generator pool.")
    Path pool;

    @Option(names = "--pool-factor", defaultValue = "10", paramLabel = "F",
            description = "Pool rows = training rows x this (default: ${DEFAULT-VALUE}).")
    double poolFactor;

    @Option(names = "--output", paramLabel = "O.csv",
            description = "Result file (default: results/flat_result_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: at the end, the result's privacy figures against them "
                    + "(DCR share, NNDR ratio, identical matches; as evaluate --holdout).")
    Path holdout;

    @Option(names = "--report", paramLabel = "R.html",
            description = "Also write the HTML report of the result (as the report command: accuracy, charts, and with "
                    + "--holdout the privacy figures) to this file, after the result is complete.")
    Path report;

    @Mixin
    SelectionOptions selection;

    @Mixin
    PrivacyGuardOptions guard;

    @Mixin
    ArgnOptions argn;

    @Mixin
    MostlyOptions mostly;

    @Mixin
    ModelFileOptions models;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        Usage.require(poolFactor >= 1 && Double.isFinite(poolFactor), spec,
                "--pool-factor must be a number of at least 1: " + poolFactor);
        SelectionParams params = selection.toParams(common.seed);
        SelectionRun.Privacy privacy = guard.toPrivacy(holdout);
        String name = generator != null ? generator : ArgnGenerator.NAME;
        ArgnGenerator.Options argnOptions = argn.toOptions().withThreads(common.effectiveThreads());
        models.validate(name, argnOptions);
        mostly.validate(name);
        OutputPaths.requireNotAnInput(spec, output, train, pool, models.modelFile, models.saveModel, holdout);
        OutputPaths.requireNotAnInput(spec, models.saveModel, train, pool);
        OutputPaths.requireNotAnInput(spec, report, train, pool, models.modelFile, models.saveModel, holdout, output);
        boolean existingPool = Generators.POOL.equals(name);
        PoolGenerator gen = null;
        if (existingPool) {
            Usage.require(pool != null, spec, "--generator pool needs --pool POOL.csv");
        } else {
            Usage.require(pool == null, spec, "--pool is only used with --generator pool");
            gen = models.sampling() ? null : GenerateCommand.GeneratorNames.create(spec, name, argn, mostly,
                    common.effectiveThreads());
        }
        boolean generating = !existingPool;
        Progress progress = common.progress();
        Path poolPath = pool;
        OutputPaths.Reservation poolReservation = null;
        boolean ok = false;
        try {
            if (generating) {
                ArgnModelFile.Loaded loaded = models.sampling() ? models.load() : null;
                RawTable table = CsvReader.read(train);
                if (loaded != null) {
                    requireSameColumns(loaded.header(), table.header());
                }
                long rows = Math.max(1, Math.round(table.rowCount() * poolFactor));
                if (params.size() > rows) {
                    throw new InputException(train.getFileName() + ": --size " + params.size() + " is more than the "
                            + String.format(Locale.ROOT, "%,d", rows) + " pool rows (training rows x --pool-factor "
                            + poolFactor + "); raise --pool-factor");
                }
                poolReservation = OutputPaths.pool(common.baseDir());
                poolPath = poolReservation.path();
                String poolDone = String.format(Locale.ROOT, "%,d rows -> %s", rows, poolPath);
                if (models.writePool(gen, loaded, argnOptions, table, common.missingValues(), rows, common.seed,
                        poolPath, progress, poolDone)) {
                    progress.info("pool: " + poolDone);
                }
            }
            try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                    : OutputPaths.result(common.baseDir());
                 Parallel par = common.parallel()) {
                SelectionRun.Outcome o = SelectionRun.run(train, poolPath, out.path(), params,
                        common.missingValues(), par, progress, privacy);
                if (generating) {
                    Console.out(spec).println("pool: " + poolPath);
                    if (models.saveModel != null) {
                        Console.out(spec).println("model: " + models.saveModel);
                    }
                }
                Summaries.printSelection(Console.out(spec), o);
                if (report != null) {
                    // the result is complete at this point; a failing report leaves it and exits non-zero
                    ReportData data = ReportData.compute(train, out.path(), holdout, common.missingValues(),
                            common.naValues, common.seed, guard.privacySample, par);
                    HtmlReport.write(report, data.withRun(runInfo(name, poolPath, generating, argnOptions, o)));
                    Console.out(spec).println("report: " + report);
                }
            }
            ok = true;
        } finally {
            if (poolReservation != null) {
                if (!ok) {
                    deleteQuietly(poolReservation.path());
                }
                poolReservation.close();
            }
        }
        return ExitCodes.OK;
    }

    /** The run's settings and selection stages for the HTML report. */
    private ReportData.Run runInfo(String generatorName, Path poolPath, boolean generated,
            ArgnGenerator.Options argnOptions, SelectionRun.Outcome o) {
        java.util.List<String[]> settings = new java.util.ArrayList<>();
        String gen = !generated ? "existing pool" : models.sampling() ? "argn, saved model " + models.modelFile
                : generatorName;
        if (generated && !models.sampling() && ArgnGenerator.NAME.equals(generatorName)) {
            gen += String.format(Locale.ROOT, " (%s, at most %d epochs / %s min, %s model(s), table-order share %s)",
                    argnOptions.size(), argnOptions.maxEpochs(), argnOptions.maxTrainingMinutes(),
                    argnOptions.models() == ArgnGenerator.AUTO_MODELS ? "auto" : argnOptions.models(),
                    argnOptions.tableOrderShare());
        }
        settings.add(new String[] {"generator", gen});
        settings.add(new String[] {"pool", poolPath + String.format(Locale.ROOT, " (%,d rows)", o.poolRows())});
        settings.add(new String[] {"result rows", String.format(Locale.ROOT, "%,d", o.rows())});
        settings.add(new String[] {"privacy guard", o.guard() == null ? "off"
                : String.format(Locale.ROOT, "%,d exact copies and %,d rows closer than %.5f excluded",
                        o.guard().exactCopies(), o.guard().tooClose(), o.guard().threshold())});
        settings.add(new String[] {"threads", Integer.toString(common.effectiveThreads())});
        java.util.List<String[]> stages = new java.util.ArrayList<>();
        stages.add(new String[] {"read", String.format(Locale.ROOT, "%.1f", o.readSeconds()), "", ""});
        for (var st : o.stages()) {
            stages.add(new String[] {st.stage(), String.format(Locale.ROOT, "%.1f", st.seconds()),
                String.format(Locale.ROOT, "%,d", st.rows()),
                st.accuracy() == null ? "" : String.format(Locale.ROOT, "%.5f", st.accuracy().overall())});
        }
        stages.add(new String[] {"write", String.format(Locale.ROOT, "%.1f", o.writeSeconds()), "", ""});
        return new ReportData.Run(settings, stages);
    }

    /** A saved model must have the training columns (any order), or the selection could not use its pool. */
    private void requireSameColumns(String[] model, String[] training) {
        if (!new HashSet<>(Arrays.asList(model)).equals(new HashSet<>(Arrays.asList(training)))) {
            throw new InputException(models.modelFile.getFileName() + ": the model's columns differ from the columns"
                    + " of " + train.getFileName() + " (model: " + String.join(",", model) + ")");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing better to do while another failure is on its way out
        }
    }
}
