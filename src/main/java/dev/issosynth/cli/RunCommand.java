package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The whole job: generate a pool (pool_data/), then select the result (results/).")
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAIN.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--generator", paramLabel = "NAME",
            description = "Pool generator: ${COMPLETION-CANDIDATES}. The embedded TabularARGN 'argn' becomes the default once it ships.",
            completionCandidates = GenerateCommand.GeneratorNames.class)
    String generator;

    @Option(names = "--pool", paramLabel = "P.csv", description = "Existing pool for --generator pool.")
    Path pool;

    @Option(names = "--pool-factor", defaultValue = "10",
            description = "Pool rows = training rows x this (default: ${DEFAULT-VALUE}).")
    double poolFactor;

    @Option(names = "--output", paramLabel = "O.csv",
            description = "Result file (default: results/flat_result_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

    @Mixin
    SelectionOptions selection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (generator == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no --generator given: the default generator"
                    + " 'argn' (embedded TabularARGN) is not available in this version yet; use --generator independent,"
                    + " or --generator pool --pool POOL.csv with a pool from any model");
        }
        if (poolFactor < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pool-factor must be at least 1");
        }
        var params = selection.toParams(common.seed);
        Progress progress = common.progress();
        Path poolPath;
        if (Generators.POOL.equals(generator)) {
            if (pool == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--generator pool needs --pool POOL.csv");
            }
            poolPath = pool;
        } else {
            if (pool != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pool is only used with --generator pool");
            }
            PoolGenerator gen = GenerateCommand.GeneratorNames.create(spec.commandLine(), generator);
            RawTable table = CsvReader.read(train);
            long rows = Math.max(1, Math.round(table.rowCount() * poolFactor));
            poolPath = OutputPaths.pool();
            progress.stage("generate " + gen.name());
            gen.generate(table, common.missingValues(), rows, common.seed, poolPath, progress);
            progress.done(String.format(Locale.ROOT, "%,d rows -> %s", rows, poolPath));
        }
        Path out = output != null ? output : OutputPaths.result();
        try (Parallel par = common.parallel()) {
            SelectionRun.Outcome o = SelectionRun.run(train, poolPath, out, params, common.missingValues(), par, progress);
            Summaries.printSelection(System.out, o);
        }
        return ExitCodes.OK;
    }
}
