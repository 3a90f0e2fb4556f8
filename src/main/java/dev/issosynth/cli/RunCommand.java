package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.pipeline.SelectionRun;
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
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"The whole job: generate a pool (pool_data/), then select the result (results/).",
                "A run that fails leaves neither file behind."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAIN.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--generator", paramLabel = "NAME",
            description = "Pool generator: ${COMPLETION-CANDIDATES}. Required for now: the embedded TabularARGN "
                    + "'argn' becomes the default once it is benchmarked.",
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

    @Mixin
    SelectionOptions selection;

    @Mixin
    ArgnOptions argn;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(generator != null, spec, "no --generator given: the default generator will be argn once it is"
                + " benchmarked; use --generator argn|independent|pool (--generator pool --pool POOL.csv takes a pool"
                + " from any model)");
        common.validate();
        Usage.require(poolFactor >= 1 && Double.isFinite(poolFactor), spec,
                "--pool-factor must be a number of at least 1: " + poolFactor);
        SelectionParams params = selection.toParams(common.seed);
        OutputPaths.requireNotAnInput(spec, output, train, pool);
        boolean existingPool = Generators.POOL.equals(generator);
        PoolGenerator gen = null;
        if (existingPool) {
            Usage.require(pool != null, spec, "--generator pool needs --pool POOL.csv");
        } else {
            Usage.require(pool == null, spec, "--pool is only used with --generator pool");
            gen = GenerateCommand.GeneratorNames.create(spec, generator, argn);
        }
        Progress progress = common.progress();
        Path poolPath = pool;
        OutputPaths.Reservation poolReservation = null;
        boolean ok = false;
        try {
            if (gen != null) {
                RawTable table = CsvReader.read(train);
                long rows = Math.max(1, Math.round(table.rowCount() * poolFactor));
                if (params.size() > rows) {
                    throw new InputException(train.getFileName() + ": --size " + params.size() + " is more than the "
                            + String.format(Locale.ROOT, "%,d", rows) + " pool rows (training rows x --pool-factor "
                            + poolFactor + "); raise --pool-factor");
                }
                poolReservation = OutputPaths.pool(common.baseDir());
                poolPath = poolReservation.path();
                if (!gen.reportsOwnStages()) {
                    progress.stage("generate " + gen.name());
                }
                gen.generate(table, common.missingValues(), rows, common.seed, poolPath, progress);
                if (gen.reportsOwnStages()) {
                    progress.info("pool: " + String.format(Locale.ROOT, "%,d rows -> %s", rows, poolPath));
                } else {
                    progress.done(String.format(Locale.ROOT, "%,d rows -> %s", rows, poolPath));
                }
            }
            try (OutputPaths.Reservation out = output != null ? OutputPaths.Reservation.given(output)
                    : OutputPaths.result(common.baseDir());
                 Parallel par = common.parallel()) {
                SelectionRun.Outcome o = SelectionRun.run(train, poolPath, out.path(), params,
                        common.missingValues(), par, progress);
                if (gen != null) {
                    Console.out(spec).println("pool: " + poolPath);
                }
                Summaries.printSelection(Console.out(spec), o);
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

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing better to do while another failure is on its way out
        }
    }
}
