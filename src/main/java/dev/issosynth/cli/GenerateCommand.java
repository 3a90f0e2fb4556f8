package dev.issosynth.cli;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.pipeline.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.pipeline.GenerateJob;
import dev.issosynth.pipeline.PoolSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = "Train a generator and write a pool only.")
public final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", paramLabel = "T.csv",
            description = "Training CSV (plain or gzip); required unless --model-file is given.")
    Path train;

    @Option(names = "--generator", paramLabel = "NAME",
            description = "Generator: ${COMPLETION-CANDIDATES}; required unless --model-file is given (then argn).",
            completionCandidates = GeneratorNames.class)
    String generator;

    @Option(names = "--rows", paramLabel = "N",
            description = "Rows to generate; required unless --seed-data is given (then one per seed row).")
    long rows;

    @Option(names = "--seed-data", paramLabel = "S.csv",
            description = "Seeded generation (argn): per row of S, its values for S's columns are kept as they are and "
                    + "the other columns are drawn given them; the pool has S's rows in S's order. Trains in any column "
                    + "order (--table-order-share 0) unless that option is given.")
    Path seedData;

    @Option(names = "--output", paramLabel = "P.csv",
            description = "Pool file (default: pool_data/pool_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

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
        if (seedData == null) {
            Usage.require(rows != 0, spec, "Missing required option: '--rows=N'");
            Usage.require(rows >= 1, spec, "--rows must be at least 1: " + rows);
        }
        models.validate(generator, argn.toOptions().withThreads(common.effectiveThreads()));
        mostly.validate(generator);
        if (models.sampling()) {
            Usage.require(train == null, spec, "--model-file samples without training: drop --train");
            OutputChecks.requireNotAnInput(spec, output, models.modelFile);
        } else {
            Usage.require(train != null, spec, "Missing required option: '--train=T.csv' (or --model-file M to sample "
                    + "from a saved argn model)");
            Usage.require(generator != null, spec, "Missing required option: '--generator=NAME'");
        }
        if (seedData != null && !spec.commandLine().getParseResult().hasMatchedOption("--table-order-share")) {
            // seeded rows are drawn given-columns-first, an order table-order batches never train: train any-order
            // (census: 6 of 1,000 women made husbands at the default 0.5, none at 0)
            argn.tableOrderShare = 0;
        }
        PoolSource source = models.source(generator, argn, mostly, common.effectiveThreads());
        if (seedData != null) {
            OutputChecks.requireNotAnInput(spec, output, seedData);
            dev.issosynth.io.RawTable seeds = dev.issosynth.io.TableFiles.read(seedData);
            Usage.require(rows == 0 || rows == seeds.rowCount(), spec, "--seed-data writes one row per seed row ("
                    + seeds.rowCount() + "): drop --rows or make it " + seeds.rowCount());
            rows = seeds.rowCount();
            try {
                source = PoolSource.seeded(source, seeds, seedData.getFileName().toString());
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
        if (!models.sampling()) {
            OutputChecks.requireNotAnInput(spec, output, train, models.saveModel);
            OutputChecks.requireNotAnInput(spec, models.saveModel, train);
        }
        try (StdoutResult result = StdoutResult.of(output)) {
            Path written;
            try (Transcoding text = common.transcoding()) {
                written = GenerateJob.run(source, text.input(train), common.missingValues(), common.columnRules(),
                        rows, common.seed, result.path(), common.baseDir(), common.progress());
                if (!result.toStdout()) {
                    text.output(written);
                }
            }
            // with --output - the pool is stdout's; the summary moves to stderr
            java.io.PrintWriter out = result.toStdout() ? Console.err(spec) : Console.out(spec);
            out.println("output: " + (result.toStdout() ? "stdout" : written));
            if (models.saveModel != null) {
                out.println("model: " + models.saveModel);
            }
            result.emit(Console.out(spec));
        }
        return ExitCodes.OK;
    }

    /** Completion candidates and lookup with a usage error (exit 2) for unknown names. */
    static final class GeneratorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Generators.NAMES.iterator();
        }

        static PoolGenerator create(CommandLine.Model.CommandSpec spec, String name, ArgnOptions argn,
                MostlyOptions mostly, int threads) {
            ArgnSettings options = argn.toOptions().withThreads(threads);
            try {
                return Generators.create(name, options, mostly.toSettings());
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
    }
}
