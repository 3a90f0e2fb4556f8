package dev.issosynth.cli;

import dev.issosynth.pipeline.Generators;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.pipeline.PoolSource;
import dev.issosynth.pipeline.ResultFormat;
import dev.issosynth.pipeline.RunJob;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.selection.SelectionParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"The whole job: generate a pool (pool_data/), then select the result (results/).",
                "The pool comes from the embedded TabularARGN generator unless --generator says otherwise, or from a "
                        + "saved argn model with --model-file (no training; TRAIN.csv is still needed for the "
                        + "selection).",
                "Output paths are checked before any work. A run that fails while generating leaves neither pool "
                        + "nor result behind; a finished pool is kept whatever fails later, and the error line says "
                        + "how to select from it (a model saved with --save-model is kept once complete)."})
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

    @Option(names = "--resume", negatable = true, defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL",
            description = "Go on from the finished pool of an earlier run with the same training file, generator "
                    + "settings, seed and pool size (a run that died after its pool was complete) instead of training "
                    + "again; generates as usual when there is none (default: ${DEFAULT-VALUE}).")
    boolean resume;

    @Option(names = "--seed-data", paramLabel = "S.csv",
            description = "Seeded run (argn): the result has S's rows in S's order, S's columns kept as they are; for "
                    + "each, ceil(--pool-factor) candidates are drawn given them and the selection takes the one per row "
                    + "that brings the whole result closest to the training statistics. No privacy steering.")
    Path seedData;

    @Option(names = "--output", paramLabel = "O.csv",
            description = "Result file (default: results/flat_result_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: at the end, the result's privacy figures against them "
                    + "(DCR share, NNDR ratio, identical matches; as evaluate --holdout).")
    Path holdout;

    @Option(names = "--privacy-gate", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL",
            description = "With --holdout: when the result fails the privacy limits (DCR share >= 0.52 or NNDR ratio <= 0.5, "
                    + "worst column group), exit with code 3 after the result and the report are written, and say so "
                    + "in the last line of stdout. --privacy-gate=false (or --no-privacy-gate) keeps exit code 0 "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean privacyGate = true;

    @Option(names = "--output-format", defaultValue = "auto", paramLabel = "auto|csv|parquet",
            description = "Format of the result: auto = as the --output name says (.parquet or not), without one as "
                    + "the training file (default: ${DEFAULT-VALUE}).")
    String outputFormat = "auto";

    @Option(names = "--json", paramLabel = "summary.json",
            description = "Also write the summary as JSON (atomically) once the result is complete: the result's "
                    + "accuracy (and with --holdout its distances) laid out as MOSTLY AI's QA library reports them, "
                    + "the files, rows, stages and steering in an issosynth block.")
    Path json;

    @Option(names = "--report", paramLabel = "R.html",
            description = "Also write the HTML report of the result (as the report command: accuracy, charts, and with "
                    + "--holdout the privacy figures) to this file, after the result is complete.")
    Path report;

    @Mixin
    SelectionOptions selection;

    @Mixin
    SteeringOptions steering;

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
        SelectionParams params = steering.apply(selection.toParams(common.seed), common.columns);
        ResultFormat format = Usage.parse(spec, () -> ResultFormat.parse(outputFormat));
        SelectionRun.Privacy privacy = guard.toPrivacy();
        String name = generator != null ? generator : ArgnGenerator.NAME;
        models.validate(name, argn.toOptions().withThreads(common.effectiveThreads()));
        mostly.validate(name);
        OutputChecks.requireNotAnInput(spec, output, train, pool, models.modelFile, models.saveModel, holdout);
        OutputChecks.requireStdinOnce(spec, pool, train, holdout);
        OutputChecks.requireNotAnInput(spec, models.saveModel, train, pool);
        OutputChecks.requireNotAnInput(spec, report, train, pool, models.modelFile, models.saveModel, holdout, output);
        OutputChecks.requireNotAnInput(spec, json, train, pool, models.modelFile, models.saveModel, holdout, output);
        PoolSource source;
        Transcoding text = common.transcoding();
        if (Generators.POOL.equals(name)) {
            Usage.require(pool != null, spec, "--generator pool needs --pool POOL.csv");
            source = new PoolSource.Existing(text.input(pool));
        } else {
            Usage.require(pool == null, spec, "--pool is only used with --generator pool");
            if (seedData != null && !spec.commandLine().getParseResult().hasMatchedOption("--table-order-share")) {
                argn.tableOrderShare = 0; // as generate --seed-data: the given columns come first
            }
            source = models.source(name, argn, mostly, common.effectiveThreads());
        }
        if (seedData != null) {
            OutputChecks.requireNotAnInput(spec, output, seedData);
            dev.issosynth.io.RawTable seeds = dev.issosynth.io.TableFiles.read(text.input(seedData));
            int candidates = (int) Math.ceil(poolFactor);
            Usage.require(params.size() == 0 || params.size() == seeds.rowCount(), spec, "--seed-data makes one result"
                    + " row per seed row (" + seeds.rowCount() + "): drop --size or make it " + seeds.rowCount());
            params = params.withSize(seeds.rowCount());
            privacy = new SelectionRun.Privacy(false, privacy.sample(), privacy.margin(), privacy.maxSteeredRows());
            try {
                source = PoolSource.seeded(source, seeds, seedData.getFileName().toString(), candidates);
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
        try (Transcoding closing = text; StdoutResult result = StdoutResult.of(output)) {
            RunJob.Request request = new RunJob.Request(text.input(train), common.missingValues(), common.naValues,
                    common.columnRules(), source, poolFactor, result.path(), common.baseDir(), text.input(holdout),
                    report, params, privacy, common.effectiveThreads(), result.toStdout() ? ResultFormat.AUTO : format,
                    resume);
            // with --output - the table is stdout's; the summary moves to stderr
            PrintWriter out = result.toStdout() ? Console.err(spec) : Console.out(spec);
            RunJob.Outcome o = RunJob.run(request, common.progress(), (poolPath, savedModel, selected) -> {
                if (poolPath != null) {
                    out.println("pool: " + poolPath);
                    if (savedModel != null) {
                        out.println("model: " + savedModel);
                    }
                }
                Summaries.printSelection(out, selected, result.toStdout());
                if (json != null) {
                    Summaries.writeAtomically(json, MetricsJson.selection(selected, poolPath, result.toStdout()));
                }
            });
            if (o.report() != null) {
                out.println("report: " + o.report());
            }
            int code = gate(out, o.selection().privacy());
            // --encoding: the CSV outputs in the inputs' character set (stdout stays the console's)
            if (!result.toStdout()) {
                text.output(o.selection().output());
            }
            text.output(o.pool());
            result.emit(Console.out(spec));
            return code;
        }
    }

    /** The last line of a run with a holdout: the privacy verdict, and exit code 3 when it fails with the gate on. */
    private int gate(PrintWriter out, PrivacyReport p) {
        if (p == null) {
            return ExitCodes.OK;
        }
        if (!p.fails()) {
            out.println("privacy gate: pass");
            return ExitCodes.OK;
        }
        if (!privacyGate) {
            out.println("privacy gate: off (--privacy-gate=false); the result fails the privacy limits: "
                    + Summaries.privacyVerdict(p));
            return ExitCodes.OK;
        }
        out.println("privacy gate: FAIL (" + Summaries.privacyVerdict(p) + "); exit code " + ExitCodes.PRIVACY_FAIL
                + " (--privacy-gate=false turns the exit code off)");
        return ExitCodes.PRIVACY_FAIL;
    }
}
