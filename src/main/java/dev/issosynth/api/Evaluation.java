package dev.issosynth.api;

/**
 * Accuracy of a synthetic table against the training data (1 − TVD of binned distributions, as MOSTLY AI's QA
 * library computes it) and, with a holdout, privacy: the DCR share and NNDR ratio of the worst column group and
 * whether they pass the Prize's limits (DCR share below 0.52, NNDR ratio above 0.5). Without a holdout the privacy
 * figures are NaN and {@code privacyPass} is false. With or without a holdout, a check for copying: {@code copyingShare},
 * the share of (up to 5,000 sampled) synthetic rows that repeat as much of one training row, rare values weighing
 * most, as the closest half of real records do (about 0.5 for new real records; NaN for an empty synthetic table),
 * and {@code copyingSuspected}, whether they hold more such rows than real records do.
 */
public record Evaluation(double overall, double univariate, double bivariate, double trivariate, double overallMax,
                         boolean hasHoldout, double dcrShare, double nndrRatio, boolean privacyPass,
                         double copyingShare, boolean copyingSuspected) {
}
