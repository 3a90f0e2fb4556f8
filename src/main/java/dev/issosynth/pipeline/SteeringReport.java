package dev.issosynth.pipeline;

import dev.issosynth.quality.PrivacyReference;

import java.util.List;

/**
 * What the privacy steering did and what it reached, without a holdout: the reference of new-real-record
 * distances ({@code referenceRows} training rows, {@code groups}); copies of training rows in the pool, whether
 * they were excluded beforehand or capped at {@code copyShareAllowed}, and their share in the result; rows whose
 * distances were computed and the time it all took; per group the steered estimate of the DCR share (about 0.5
 * for rows as far from the training data as new real records): {@code closerThanPool}, the share of result rows
 * closer to the training data than to the pool sample (the DCR share with the pool standing in for the holdout;
 * capped at {@code realCloserThanPool}, what the training rows themselves show, less {@code margin}), and
 * {@code closerThanReal}, the mean chance that a result row is closer to the training data than a new real
 * record; the partial-copy combinations steered ({@code partialCopies}, none on a table of many columns or when
 * the pool repeats no combination more often than real records); the pool's near copies against real records'
 * ({@code nearCopies}, null without a reference): many times theirs, and the generator memorises; the value
 * overlap ({@code overlap}, null when distances are not steered).
 */
public record SteeringReport(int referenceRows, List<String> groups, long poolCopies, boolean copiesExcluded,
                             double copyShareAllowed, double copyShareResult, long searchedRows, double seconds,
                             double margin, double[] realCloserThanPool, double[] closerThanPool,
                             double[] closerThanReal, List<String> identifierColumns,
                             List<PartialCopyFigure> partialCopies, PrivacyReference.NearCopies nearCopies,
                             OverlapFigure overlap) {
    /** The worst group's share closer to training than to the pool sample (NaN without a reference). */
    public double headline() {
        int g = worst();
        return g < 0 ? Double.NaN : closerThanPool[g];
    }

    /** The name of the worst group (null without a reference). */
    public String headlineGroup() {
        int g = worst();
        return g < 0 ? null : groups.get(g);
    }

    private int worst() {
        int best = -1;
        for (int g = 0; g < closerThanPool.length; g++) {
            best = best < 0 || closerThanPool[g] >= closerThanPool[best] ? g : best;
        }
        return best;
    }

    /**
     * A partial-copy combination the selection steered: its columns, the share of real records repeating values of
     * a single training row there (the cap), and the result's share.
     */
    public record PartialCopyFigure(String columns, double realShare, double resultShare) {
    }

    /**
     * The value overlap ({@link dev.issosynth.quality.ValueOverlap}: how much of a single training row a row repeats, rare values weighing
     * most): the shares above the median of real records (theirs 0.5) of a pool sample, of real records and of the
     * result, and whether the selection steered it (the pool holding more large overlaps than real records).
     */
    public record OverlapFigure(double poolShare, double realShare, double resultShare, boolean steered) {
    }
}
