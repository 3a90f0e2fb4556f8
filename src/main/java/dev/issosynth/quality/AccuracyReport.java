package dev.issosynth.quality;

import java.util.List;

/**
 * Accuracy of a synthetic table against a reference, as the open QA library defines it: per combination of
 * columns 1 - TVD of the binned joint distributions, averaged per level, overall = mean of the levels.
 * The {@code *Max} figures are the noise ceiling (what an independent sample of the same size reaches).
 */
public record AccuracyReport(
        double univariate, double bivariate, double trivariate, double overall,
        double univariateMax, double bivariateMax, double trivariateMax, double overallMax,
        List<Combination> univariates, List<Combination> bivariates, int trivariateCount, int trivariateTotal) {

    /** One column combination with its accuracy and its noise ceiling. */
    public record Combination(int[] columns, double accuracy, double accuracyMax) {
    }
}
