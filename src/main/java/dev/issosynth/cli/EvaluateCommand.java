package dev.issosynth.cli;

import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.quality.PrivacyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"Accuracy of a synthetic CSV against the training CSV (1 - TVD of binned uni/bi/trivariate distributions).",
                "With --holdout also privacy, as MOSTLY AI's QA library computes it: DCR (distance to closest record) "
                        + "to training and to holdout, DCR share, NNDR ratio and identical-match share, on all rows (each "
                        + "table cut to the smallest; --privacy-sample caps them), for all columns and for groups of "
                        + "correlated and of random columns; the headline is the group with the highest DCR share. "
                        + "Without --holdout no privacy figures are computed (they compare against real unseen rows)."})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training (reference) CSV.")
    Path train;

    @Option(names = "--synth", required = true, paramLabel = "S.csv", description = "Synthetic CSV to judge.")
    Path synth;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: their accuracy is the empirical noise ceiling, and the privacy figures compare against them.")
    Path holdout;

    @Option(names = "--privacy-sample", defaultValue = "" + PrivacyEvaluator.ALL_ROWS, paramLabel = "N",
            description = "Caps the rows sampled (seeded) from each of training, holdout and synthetic for the privacy "
                    + "distances; 0 = all rows, as the library (each table cut to the smallest); else at least 2 "
                    + "(default: ${DEFAULT-VALUE}).")
    int privacySample;

    @Option(names = "--fail-on-privacy", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Exit with code 3 when DCR share >= 0.52 or NNDR ratio <= 0.5 (the MOSTLY AI Prize's limits); needs --holdout (default: ${DEFAULT-VALUE}).")
    boolean failOnPrivacy;

    @Option(names = "--json", paramLabel = "out.json",
            description = "Also write the figures as JSON to this file (written atomically); '-' = only JSON on stdout.")
    Path json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        OutputChecks.requireStdinOnce(spec, null, train, synth, holdout);
        Usage.check(spec, () -> PrivacyEvaluator.requireSample(privacySample));
        Usage.require(!failOnPrivacy || holdout != null, spec, "--fail-on-privacy needs --holdout");
        EvaluationRun.Outcome o;
        try (Transcoding text = common.transcoding()) {
            o = EvaluationRun.run(text.input(train), text.input(synth), text.input(holdout), common.missingValues(),
                    common.columnRules(), common.seed, privacySample, common.effectiveThreads());
        }
        PrintWriter out = Console.out(spec);
        PrivacyReport p = o.privacy();
        int code = failOnPrivacy && p != null && p.fails() ? ExitCodes.PRIVACY_FAIL : ExitCodes.OK;
        if (code != ExitCodes.OK) {
            Console.err(spec).println("issosynth: " + synth + ": fails the privacy limits (" + Summaries.privacyVerdict(p) + ")");
        }
        if (json != null && json.toString().equals("-")) {
            out.println(MetricsJson.evaluation(o));
            return code;
        }
        if (json != null) {
            Summaries.writeAtomically(json, MetricsJson.evaluation(o));
        }
        Summaries.printEvaluation(out, o);
        if (json != null) {
            out.println("json: " + json);
        }
        return code;
    }
}
