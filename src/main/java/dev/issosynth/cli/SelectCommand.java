package dev.issosynth.cli;

import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Post-process an existing pool (from any model): choose the rows that best match the training data.")
public final class SelectCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--pool", required = true, paramLabel = "P.csv", description = "Pool CSV with the training columns (any order).")
    Path pool;

    @Option(names = "--output", paramLabel = "O.csv",
            description = "Result file (default: results/flat_result_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

    @Mixin
    SelectionOptions selection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Progress progress = common.progress();
        Path out = output != null ? output : OutputPaths.result();
        try (Parallel par = common.parallel()) {
            SelectionRun.Outcome o = SelectionRun.run(train, pool, out, selection.toParams(common.seed),
                    common.missingValues(), par, progress);
            Summaries.printSelection(System.out, o);
        }
        return ExitCodes.OK;
    }
}
