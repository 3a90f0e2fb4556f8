package dev.issosynth.cli;

import dev.issosynth.pipeline.ResultFormat;
import dev.issosynth.pipeline.SelectJob;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "select", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = "Post-process an existing pool (from any model): choose the rows that best match the training data.")
public final class SelectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--pool", required = true, paramLabel = "P.csv", description = "Pool CSV with the training columns (any order).")
    Path pool;

    @Option(names = "--output", paramLabel = "O.csv",
            description = "Result file (default: results/flat_result_<YYYYMMDD_HHMM>.csv, never overwriting).")
    Path output;

    @Option(names = "--output-format", defaultValue = "auto", paramLabel = "auto|csv|parquet",
            description = "Format of the result: auto = as the --output name says (.parquet or not), without one as "
                    + "the training file (default: ${DEFAULT-VALUE}).")
    String outputFormat = "auto";

    @Option(names = "--json", paramLabel = "summary.json",
            description = "Also write the summary as JSON (atomically): the result's accuracy laid out as MOSTLY AI's "
                    + "QA library reports it, the files, rows, stages and steering in an issosynth block.")
    Path json;

    @Mixin
    SelectionOptions selection;

    @Mixin
    SteeringOptions steering;

    @Mixin
    PrivacyGuardOptions guard;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        SelectionParams params = steering.apply(selection.toParams(common.seed), common.columns);
        ResultFormat format = Usage.parse(spec, () -> ResultFormat.parse(outputFormat));
        SelectionRun.Privacy privacy = guard.toPrivacy();
        OutputChecks.requireNotAnInput(spec, output, train, pool);
        OutputChecks.requireNotAnInput(spec, json, train, pool, output);
        OutputChecks.requireStdinOnce(spec, pool, train);
        Progress progress = common.progress();
        try (Transcoding text = common.transcoding(); StdoutResult result = StdoutResult.of(output)) {
            SelectionRun.Outcome o = SelectJob.run(text.input(train), text.input(pool), result.path(), common.baseDir(),
                    params, privacy,
                    common.missingValues(), common.columnRules(), common.effectiveThreads(), progress,
                    result.toStdout() ? ResultFormat.AUTO : format);
            Summaries.printSelection(result.toStdout() ? Console.err(spec) : Console.out(spec), o, result.toStdout());
            if (json != null) {
                Summaries.writeAtomically(json, MetricsJson.selection(o, pool, result.toStdout()));
            }
            if (!result.toStdout()) {
                text.output(o.output());
            }
            result.emit(Console.out(spec));
        }
        return ExitCodes.OK;
    }
}
