package dev.issosynth.cli;

import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.pipeline.SelectionRun;
import picocli.CommandLine;
import picocli.CommandLine.Option;


/** The privacy steering of select and run; defaults mirror config/issosynth.properties. */
public class PrivacyGuardOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--privacy-guard", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL",
            description = "Steer the selection's privacy: exclude pool rows that copy a training row (unless real records "
                    + "repeat; then at most at their rate), and choose rows no closer to the training data than new "
                    + "real records are (the training rows' leave-one-out distances, on all columns and the column "
                    + "groups of evaluate). --no-privacy-guard or --privacy-guard=false turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean privacyGuard = true;

    @Option(names = "--privacy-sample", defaultValue = "" + PrivacyEvaluator.ALL_ROWS, paramLabel = "N",
            description = "Caps the seeded samples: rows per table in run --holdout's privacy figures and training rows "
                    + "in the privacy steering's reference; 0 = the defaults: all rows for the figures (as the "
                    + "library), " + PrivacyReference.DEFAULT_ROWS + " for the reference; else at least 2 "
                    + "(default: ${DEFAULT-VALUE}).")
    int privacySample;

    @Option(names = "--privacy-margin", defaultValue = "" + SelectionRun.Privacy.DEFAULT_MARGIN, paramLabel = "M",
            description = "Privacy steering: in every column group, the share of result rows closer to the training "
                    + "data than to a sample of the pool (standing in for a holdout) is held this much below the share "
                    + "the training rows themselves show: 0 = as real records, higher is safer and costs some "
                    + "accuracy; at least 0 and below 0.5 (default: ${DEFAULT-VALUE}).")
    double privacyMargin = SelectionRun.Privacy.DEFAULT_MARGIN;

    @Option(names = "--privacy-max-rows", defaultValue = "" + SelectionRun.Privacy.DEFAULT_MAX_STEERED_ROWS,
            paramLabel = "N",
            description = "Privacy steering: the largest IPF subset (--size x --oversize-factor rows) whose distances are "
                    + "steered, each of its rows costing a nearest-neighbour search; above it copies are still "
                    + "steered and the distances estimated on a sample of the result; 0 = no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    long privacyMaxRows = SelectionRun.Privacy.DEFAULT_MAX_STEERED_ROWS;

    SelectionRun.Privacy toPrivacy() {
        try {
            return new SelectionRun.Privacy(privacyGuard, privacySample, privacyMargin, privacyMaxRows);
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, e.getMessage());
        }
    }
}
