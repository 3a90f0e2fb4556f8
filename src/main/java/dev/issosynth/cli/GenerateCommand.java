package dev.issosynth.cli;

import dev.issosynth.generator.Generators;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Train a generator and write a pool only.")
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

    @Option(names = "--output", paramLabel = "P.csv", description = "Pool file (default: pool_data/pool_<timestamp>.csv).")
    Path output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be at least 1");
        }
        var gen = GeneratorNames.create(spec.commandLine(), generator);
        Progress progress = common.progress();
        RawTable table = CsvReader.read(train);
        Path out = output != null ? output : OutputPaths.pool();
        progress.stage("generate " + gen.name());
        gen.generate(table, common.missingValues(), rows, common.seed, out, progress);
        progress.done(String.format(java.util.Locale.ROOT, "%,d rows", rows));
        System.out.println(out);
        return ExitCodes.OK;
    }

    /** Completion candidates and lookup with a usage error (exit 2) for unknown names. */
    static final class GeneratorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Generators.NAMES.iterator();
        }

        static dev.issosynth.generator.PoolGenerator create(CommandLine cmd, String name) {
            try {
                return Generators.create(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
    }
}
