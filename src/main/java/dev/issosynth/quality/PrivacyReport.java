package dev.issosynth.quality;

/**
 * The privacy figures of a synthetic table, as MOSTLY AI's QA library defines them (see {@link PrivacyEvaluator}).
 *
 * @param trainingSample      rows sampled from training (= holdout sample size)
 * @param holdoutSample       rows sampled from the holdout
 * @param syntheticSample     rows sampled from the synthetic table
 * @param dim                 length of an encoded row
 * @param dcrSyntheticTraining distances of synthetic rows to their closest training row
 * @param dcrSyntheticHoldout  distances of synthetic rows to their closest holdout row
 * @param dcrHoldoutTraining   distances of holdout rows to their closest training row (the real-data baseline)
 * @param dcrShare            share of synthetic rows strictly closer to training than to holdout, ties half
 * @param nndrTraining        10th smallest NNDR of synthetic rows to training
 * @param nndrHoldout         10th smallest NNDR of synthetic rows to holdout
 * @param nndrRatio           nndrTraining / nndrHoldout
 * @param identicalMatchShare share of synthetic rows at distance 0 from a training row
 * @param identicalHoldoutShare share of synthetic rows at distance 0 from a holdout row (for comparison)
 * @param seconds             time of encoding and search
 */
public record PrivacyReport(int trainingSample, int holdoutSample, int syntheticSample, int dim,
                            Summary dcrSyntheticTraining, Summary dcrSyntheticHoldout, Summary dcrHoldoutTraining,
                            double dcrShare, double nndrTraining, double nndrHoldout, double nndrRatio,
                            double identicalMatchShare, double identicalHoldoutShare, double seconds) {
    /** The Prize's limits: a result failed with DCR share at or above this... */
    public static final double MAX_DCR_SHARE = 0.52;
    /** ...or with an NNDR ratio at or below this. */
    public static final double MIN_NNDR_RATIO = 0.5;

    /** Mean, median and 5th percentile of a set of distances (numpy's linear quantiles). */
    public record Summary(double mean, double median, double p5) {
    }

    public boolean dcrShareFails() {
        return !(dcrShare < MAX_DCR_SHARE);
    }

    public boolean nndrRatioFails() {
        return !(nndrRatio > MIN_NNDR_RATIO);
    }

    /** True when the result would have been disqualified by the Prize's privacy limits. */
    public boolean fails() {
        return dcrShareFails() || nndrRatioFails();
    }
}
