package dev.issosynth.cli;

import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.util.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy of a synthetic CSV against the training CSV (1 - TVD of binned uni/bi/trivariate distributions).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training (reference) CSV.")
    Path train;

    @Option(names = "--synth", required = true, paramLabel = "S.csv", description = "Synthetic CSV to judge.")
    Path synth;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: their accuracy is the empirical noise ceiling.")
    Path holdout;

    @Option(names = "--json", paramLabel = "out.json", description = "Also write the figures as JSON ('-' = stdout only JSON).")
    Path json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.progress();
        EvaluationRun.Outcome o;
        try (Parallel par = common.parallel()) {
            o = EvaluationRun.run(train, synth, holdout, common.missingValues(), common.seed, par);
        }
        if (json != null && json.toString().equals("-")) {
            System.out.println(Summaries.evaluationJson(o));
            return ExitCodes.OK;
        }
        Summaries.printEvaluation(System.out, o);
        if (json != null) {
            Summaries.writeAtomically(json, Summaries.evaluationJson(o));
        }
        return ExitCodes.OK;
    }
}
