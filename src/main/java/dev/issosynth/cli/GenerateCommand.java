package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.ArgnGenerator;
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

    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--generator", required = true, paramLabel = "NAME",
            description = "Generator: ${COMPLETION-CANDIDATES}.", completionCandidates = GeneratorNames.class)
    String generator;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to generate.")
    long rows;

    @Option(names = "--output", paramLabel = "P.csv",
            description = "Pool file (default: pool_data/pool_<YYYYMMDD_HHMMSS>.csv, never overwriting).")
    Path output;

    @Mixin
    ArgnOptions argn;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        Usage.require(rows >= 1, spec, "--rows must be at least 1: " + rows);
        PoolGenerator gen = GeneratorNames.create(spec, generator, argn);
        OutputPaths.requireNotAnInput(spec, output, train);
        Progress progress = common.progress();
        RawTable table = CsvReader.read(train);
        try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                : OutputPaths.pool(common.baseDir())) {
            if (!gen.reportsOwnStages()) {
                progress.stage("generate " + gen.name());
            }
            gen.generate(table, common.missingValues(), rows, common.seed, out.path(), progress);
            if (!gen.reportsOwnStages()) {
                progress.done(String.format(Locale.ROOT, "%,d rows", rows));
            }
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

        static PoolGenerator create(CommandLine.Model.CommandSpec spec, String name, ArgnOptions argn) {
            ArgnGenerator.Options options = argn.toOptions();
            try {
                return Generators.create(name, options);
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
    }
}
