package dev.issosynth.quality;

import java.util.List;

/**
 * The privacy figures of a synthetic table, as MOSTLY AI's QA library defines them (see {@link PrivacyEvaluator}):
 * the figures of every group of encoded dimensions, and the headline figures, which are those of the group with the
 * highest DCR share (the "worst" group).
 *
 * @param trainingSample       rows sampled from training (= holdout sample size = synthetic sample size)
 * @param holdoutSample        rows sampled from the holdout
 * @param syntheticSample      rows sampled from the synthetic table
 * @param dim                  length of an encoded row
 * @param groups               the groups in the order they were computed: all dimensions, then the correlated
 *                             groups, then the random groups (only "all" when there are at most 10 dimensions)
 * @param worst                index in {@code groups} of the headline group
 * @param dcrSyntheticTraining distances of synthetic rows to their closest training row (headline group)
 * @param dcrSyntheticHoldout  distances of synthetic rows to their closest holdout row (headline group)
 * @param dcrHoldoutTraining   distances of holdout rows to their closest training row (headline group; the
 *                             real-data baseline)
 * @param identicalHoldoutTraining share of holdout rows within 1e−6 of a training row (headline group; the
 *                             real-data baseline of the identical-match share)
 * @param nndrHoldoutTraining  10th smallest NNDR of holdout rows to training (headline group; the real-data
 *                             baseline of the NNDR)
 * @param seconds              time of sampling, encoding, grouping and searching
 */
public record PrivacyReport(int trainingSample, int holdoutSample, int syntheticSample, int dim, List<Group> groups,
                            int worst, Summary dcrSyntheticTraining, Summary dcrSyntheticHoldout,
                            Summary dcrHoldoutTraining, double identicalHoldoutTraining, double nndrHoldoutTraining,
                            double seconds) {
    /** The Prize's limits: a result failed with DCR share at or above this... */
    public static final double MAX_DCR_SHARE = 0.52;
    /** ...or with an NNDR ratio at or below this. */
    public static final double MIN_NNDR_RATIO = 0.5;

    public PrivacyReport {
        groups = List.copyOf(groups);
        if (worst < 0 || worst >= groups.size()) {
            throw new IllegalArgumentException("worst group " + worst + " of " + groups.size());
        }
    }

    /** Mean, median and 5th percentile of a set of distances (numpy's linear quantiles). */
    public record Summary(double mean, double median, double p5) {
    }

    /**
     * The figures of one group of encoded dimensions.
     *
     * @param name                  "all", "correlated 1".."3", "random 1".."3"
     * @param dims                  names of its encoded dimensions ({@code col}, {@code col - N/A}, {@code col - PCA 1})
     * @param columns               the columns those dimensions come from, in encoding order
     * @param dcrShare              share of synthetic rows strictly closer to training than to holdout, ties half
     * @param nndrTraining          10th smallest NNDR of synthetic rows to training
     * @param nndrHoldout           10th smallest NNDR of synthetic rows to holdout
     * @param nndrRatio             nndrTraining / nndrHoldout
     * @param identicalMatchShare   share of synthetic rows within 1e−6 of a training row
     * @param identicalHoldoutShare the same to a holdout row (for comparison)
     */
    public record Group(String name, List<String> dims, List<String> columns, double dcrShare, double nndrTraining,
                        double nndrHoldout, double nndrRatio, double identicalMatchShare,
                        double identicalHoldoutShare) {
        public Group {
            dims = List.copyOf(dims);
            columns = List.copyOf(columns);
        }

        public boolean dcrShareFails() {
            return !(dcrShare < MAX_DCR_SHARE);
        }

        public boolean nndrRatioFails() {
            return !(nndrRatio > MIN_NNDR_RATIO);
        }

        public boolean fails() {
            return dcrShareFails() || nndrRatioFails();
        }
    }

    /** The headline group: the one with the highest DCR share (the later one on ties, as the library keeps it). */
    public Group worstGroup() {
        return groups.get(worst);
    }

    public double dcrShare() {
        return worstGroup().dcrShare();
    }

    public double nndrTraining() {
        return worstGroup().nndrTraining();
    }

    public double nndrHoldout() {
        return worstGroup().nndrHoldout();
    }

    public double nndrRatio() {
        return worstGroup().nndrRatio();
    }

    public double identicalMatchShare() {
        return worstGroup().identicalMatchShare();
    }

    public double identicalHoldoutShare() {
        return worstGroup().identicalHoldoutShare();
    }

    public boolean dcrShareFails() {
        return worstGroup().dcrShareFails();
    }

    public boolean nndrRatioFails() {
        return worstGroup().nndrRatioFails();
    }

    /** True when the result would have been disqualified by the Prize's privacy limits (headline group). */
    public boolean fails() {
        return worstGroup().fails();
    }
}
