package dev.issosynth.selection;

import dev.issosynth.util.Parallel;

/**
 * Privacy marginals the selection matches besides the training statistics: for each, a code per pool row (e.g. the
 * bin of the row's distance to the training data) and the share of the target size each code may hold. A capped
 * code may hold at most its share (more costs the objective; fewer is free), an uncapped one any number. So "no
 * more rows this close to the training data than new real records would be" is one more histogram the IPF subset,
 * trimming and refinement see.
 *
 * <p>Codes may be costly (a nearest-neighbour search), so they are computed only for rows the engine asks about
 * ({@link #require}): the IPF subset and the refinement candidates it considers.
 */
public interface PrivacyTargets {
    /** Number of marginals. */
    int marginals();

    /** A short name of marginal {@code k}, for progress lines. */
    String name(int k);

    /** Target share of each code of marginal {@code k} (they sum to 1). */
    double[] shares(int k);

    /** Whether each code of marginal {@code k} is capped at its share. */
    boolean[] capped(int k);

    /** Codes of marginal {@code k}, one per pool row; valid for rows {@link #require}d. */
    byte[] codes(int k);

    /** Whether the codes of {@code row} are known. */
    boolean known(int row);

    /** Makes the codes of the listed pool rows known (those already known are skipped). */
    void require(int[] rows, int count, Parallel par);

    /** How many new rows refinement may {@link #require} in all: its share of the search budget. */
    long refinementBudget();

    /**
     * The same marginals over the given rows only (ascending pool rows; row i of the result is {@code rows[i]}),
     * for an engine that narrows a huge pool. What the restricted targets learn also answers for this one's rows
     * where the implementation keeps a single record of its searches.
     */
    default PrivacyTargets restrict(int[] rows) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be narrowed");
    }
}
