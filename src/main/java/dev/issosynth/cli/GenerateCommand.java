package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
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

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to generate.")
    long rows;

    @Option(names = "--output", paramLabel = "P.csv",
            description = "Pool file (default: pool_data/pool_<YYYYMMDD_HHMMSS>.csv, never overwriting).")
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
        Usage.require(rows >= 1, spec, "--rows must be at least 1: " + rows);
        ArgnGenerator.Options argnOptions = argn.toOptions().withThreads(common.effectiveThreads());
        models.validate(generator, argnOptions);
        mostly.validate(generator);
        if (models.sampling()) {
            return sampleSavedModel(argnOptions);
        }
        Usage.require(train != null, spec, "Missing required option: '--train=T.csv' (or --model-file M to sample "
                + "from a saved argn model)");
        Usage.require(generator != null, spec, "Missing required option: '--generator=NAME'");
        PoolGenerator gen = GeneratorNames.create(spec, generator, argn, mostly, common.effectiveThreads());
        OutputPaths.requireNotAnInput(spec, output, train, models.saveModel);
        OutputPaths.requireNotAnInput(spec, models.saveModel, train);
        Progress progress = common.progress();
        RawTable table = CsvReader.read(train);
        try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                : OutputPaths.pool(common.baseDir())) {
            models.writePool(gen, null, argnOptions, table, common.missingValues(), rows, common.seed, out.path(),
                    progress, String.format(Locale.ROOT, "%,d rows", rows));
            Console.out(spec).println("output: " + out.path());
            if (models.saveModel != null) {
                Console.out(spec).println("model: " + models.saveModel);
            }
        }
        return ExitCodes.OK;
    }

    private Integer sampleSavedModel(ArgnGenerator.Options argnOptions) {
        Usage.require(train == null, spec, "--model-file samples without training: drop --train");
        OutputPaths.requireNotAnInput(spec, output, models.modelFile);
        Progress progress = common.progress();
        ArgnModelFile.Loaded loaded = models.load();
        try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                : OutputPaths.pool(common.baseDir())) {
            models.writePool(null, loaded, argnOptions, null, common.missingValues(), rows, common.seed, out.path(),
                    progress, null);
            Console.out(spec).println("output: " + out.path());
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
            ArgnGenerator.Options options = argn.toOptions().withThreads(threads);
            try {
                return Generators.create(name, options, mostly.toSettings());
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
    }
}
