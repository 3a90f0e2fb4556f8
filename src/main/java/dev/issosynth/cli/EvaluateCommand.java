package dev.issosynth.cli;

import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.util.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = "Accuracy of a synthetic CSV against the training CSV (1 - TVD of binned uni/bi/trivariate distributions).")
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training (reference) CSV.")
    Path train;

    @Option(names = "--synth", required = true, paramLabel = "S.csv", description = "Synthetic CSV to judge.")
    Path synth;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: their accuracy is the empirical noise ceiling.")
    Path holdout;

    @Option(names = "--json", paramLabel = "out.json",
            description = "Also write the figures as JSON to this file (written atomically); '-' = only JSON on stdout.")
    Path json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        EvaluationRun.Outcome o;
        try (Parallel par = common.parallel()) {
            o = EvaluationRun.run(train, synth, holdout, common.missingValues(), common.seed, par);
        }
        PrintWriter out = Console.out(spec);
        if (json != null && json.toString().equals("-")) {
            out.println(Summaries.evaluationJson(o));
            return ExitCodes.OK;
        }
        if (json != null) {
            Summaries.writeAtomically(json, Summaries.evaluationJson(o));
        }
        Summaries.printEvaluation(out, o);
        if (json != null) {
            out.println("json: " + json);
        }
        return ExitCodes.OK;
    }
}
