package dev.issosynth.selection;

/**
 * Every knob of the selection. Defaults live in config/issosynth.properties and in the CLI; the values here
 * are the ones the engine uses when nothing overrides them.
 *
 * @param size                  rows in the result
 * @param oversizeFactor        IPF subset = size * oversizeFactor (then trimmed to size)
 * @param ipfTopPairs           pairs fitted by IPF, by mutual information; -1 = all pairs
 * @param ipfIterations         IPF sweeps over the pairs
 * @param refineTopPairs        pairs in the trimming/refinement objective; -1 = all pairs
 * @param refineTopTriples      triples in the trimming/refinement objective
 * @param refinementIterations  refinement rounds (each: rescore, then swap while it helps)
 * @param refineShortlist       best rows per side kept per round
 * @param refineCandidates      pool rows scored for addition per round
 * @param maxTrimmingMinutes    time budget of trimming
 * @param maxRefinementMinutes  time budget of refinement
 * @param seed                  seed of every random choice
 */
public record SelectionParams(
        int size,
        double oversizeFactor,
        int ipfTopPairs,
        int ipfIterations,
        int refineTopPairs,
        int refineTopTriples,
        int refinementIterations,
        int refineShortlist,
        int refineCandidates,
        double maxTrimmingMinutes,
        double maxRefinementMinutes,
        long seed) {

    public static SelectionParams defaults(int size) {
        return new SelectionParams(size, 1.25, -1, 6, -1, 100, 500, 2000, 100_000, 30, 30, 42);
    }

    public SelectionParams withSize(int newSize) {
        return new SelectionParams(newSize, oversizeFactor, ipfTopPairs, ipfIterations, refineTopPairs,
                refineTopTriples, refinementIterations, refineShortlist, refineCandidates, maxTrimmingMinutes,
                maxRefinementMinutes, seed);
    }

    public void validate(int poolRows) {
        if (size < 1) {
            throw new IllegalArgumentException("--size must be at least 1");
        }
        if (size > poolRows) {
            throw new IllegalArgumentException("the pool has " + poolRows + " rows, fewer than the requested size " + size);
        }
        if (oversizeFactor < 1) {
            throw new IllegalArgumentException("--oversize-factor must be at least 1");
        }
        if (ipfIterations < 0 || refinementIterations < 0 || refineTopTriples < 0) {
            throw new IllegalArgumentException("iteration and triple counts must not be negative");
        }
        if (refineShortlist < 1 || refineCandidates < 1) {
            throw new IllegalArgumentException("--refine-shortlist and --refine-candidates must be at least 1");
        }
        if (maxTrimmingMinutes < 0 || maxRefinementMinutes < 0) {
            throw new IllegalArgumentException("time budgets must not be negative");
        }
    }
}
