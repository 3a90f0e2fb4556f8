package dev.issosynth.api;

import java.nio.file.Path;

/**
 * What a selection wrote: the result file, its rows, the pool's rows, and its accuracy against the training data
 * (as {@code evaluate} computes it). {@code steeredShare} is the privacy steering's estimate without a holdout (the
 * share of result rows closer to the training rows than to a pool sample, worst group), NaN with steering off.
 */
public record SelectionResult(Path output, int rows, long poolRows, double overall, double univariate,
                              double bivariate, double trivariate, double steeredShare) {
}
