package dev.issosynth.cli;

import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyGuard;
import dev.issosynth.pipeline.SelectionRun;
import picocli.CommandLine;
import picocli.CommandLine.Option;


/** The privacy guard of select and run; defaults mirror config/issosynth.properties. */
public class PrivacyGuardOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--privacy-guard", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL",
            description = "Before selecting, exclude pool rows that are exact copies of a training row (same cell text in "
                    + "every column) or closer to their nearest training row than the 1st percentile of the distances "
                    + "between two halves of the training data (seeded; privacy encoding as in evaluate). "
                    + "--no-privacy-guard or --privacy-guard=false turns it off (default: ${DEFAULT-VALUE}).")
    boolean privacyGuard = true;

    @Option(names = "--privacy-sample", defaultValue = "" + PrivacyEvaluator.ALL_ROWS, paramLabel = "N",
            description = "Caps the seeded samples: rows per table in run --holdout's privacy figures and in each half of "
                    + "the guard's calibration and its reference set of training rows; 0 = the defaults: all rows for "
                    + "the figures (as the library), " + PrivacyGuard.DEFAULT_SAMPLE + " for the guard; else at least 2 "
                    + "(default: ${DEFAULT-VALUE}).")
    int privacySample;

    SelectionRun.Privacy toPrivacy() {
        try {
            return new SelectionRun.Privacy(privacyGuard, privacySample);
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, e.getMessage());
        }
    }
}
