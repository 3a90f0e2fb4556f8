package dev.issosynth.cli;

import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.pipeline.ReportRun;
import dev.issosynth.report.ReportData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"One self-contained HTML page (inline SVG charts, no script, opens offline) on a synthetic CSV: "
                + "accuracy summary, per-column distributions, the worst pairs as heatmaps, Cramer's V matrices, "
                + "and with --holdout the noise ceiling and the privacy figures with their limits.",
                "Same inputs and seed = same bytes, except the one line of timings."})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "T.csv", description = "Training (reference) CSV.")
    Path train;

    @Option(names = "--synth", required = true, paramLabel = "S.csv", description = "Synthetic CSV to report on.")
    Path synth;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows not used for training: the empirical noise ceiling and the privacy figures.")
    Path holdout;

    @Option(names = "--output", required = true, paramLabel = "report.html",
            description = "The HTML file to write (atomically; replaced if it exists).")
    Path output;

    @Option(names = "--privacy-sample", defaultValue = "" + PrivacyEvaluator.ALL_ROWS, paramLabel = "N",
            description = "Caps the rows sampled (seeded) from each table for the privacy distances; 0 = all rows, as "
                    + "the library (each table cut to the smallest); else at least 2 (default: ${DEFAULT-VALUE}).")
    int privacySample;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        OutputChecks.requireStdinOnce(spec, null, train, synth, holdout);
        Usage.check(spec, () -> PrivacyEvaluator.requireSample(privacySample));
        for (Path in : holdout == null ? new Path[] {train, synth} : new Path[] {train, synth, holdout}) {
            Usage.require(!same(in, output), spec, "--output must not be an input file: " + output);
        }
        ReportData data;
        try (Transcoding text = common.transcoding()) {
            data = ReportRun.write(output, text.input(train), text.input(synth), text.input(holdout),
                    common.missingValues(), common.columnRules(), common.naValues, common.seed, privacySample,
                    common.effectiveThreads());
        }
        Console.out(spec).printf(java.util.Locale.ROOT, "report: %s (overall accuracy %.5f)%n", output,
                data.accuracy().overall());
        return ExitCodes.OK;
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
