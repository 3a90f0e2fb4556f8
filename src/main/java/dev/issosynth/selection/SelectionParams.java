package dev.issosynth.selection;

/**
 * Every knob of the selection. Defaults live in config/issosynth.properties and in the CLI; the values here
 * are the ones the engine uses when nothing overrides them.
 *
 * @param size                  rows in the result
 * @param oversizeFactor        IPF subset = size * oversizeFactor (then trimmed to size)
 * @param ipfTopPairs           pairs fitted by IPF, by mutual information; -1 = all pairs
 * @param ipfIterations         IPF sweeps over the pairs
 * @param ipfDamping            exponent applied to each IPF correction factor (1 = classic IPF, smaller = gentler);
 *                              0 = automatic, {@link #autoDamping(int)}
 * @param ipfSmoothing          pseudo-count added to target and current cell mass before dividing
 * @param refineTopPairs        pairs in the trimming/refinement objective; -1 = all pairs
 * @param refineTopTriples      strongest triples (total correlation) in the trimming/refinement objective
 * @param refineRandomTriples   random further triples in that objective (the metric samples triples at random)
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
        double ipfDamping,
        double ipfSmoothing,
        int refineTopPairs,
        int refineTopTriples,
        int refineRandomTriples,
        int refinementIterations,
        int refineShortlist,
        int refineCandidates,
        double maxTrimmingMinutes,
        double maxRefinementMinutes,
        long seed) {

    public static SelectionParams defaults(int size) {
        return new SelectionParams(size, 1.25, -1, 3, 0.0, 30.0, 500, 0, 300, 500, 2000, 100_000, 30, 30, 42);
    }

    public SelectionParams withSize(int newSize) {
        return new SelectionParams(newSize, oversizeFactor, ipfTopPairs, ipfIterations, ipfDamping, ipfSmoothing, refineTopPairs,
                refineTopTriples, refineRandomTriples, refinementIterations, refineShortlist, refineCandidates, maxTrimmingMinutes,
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
        if (ipfIterations < 0 || refinementIterations < 0 || refineTopTriples < 0 || refineRandomTriples < 0) {
            throw new IllegalArgumentException("iteration and triple counts must not be negative");
        }
        if (refineShortlist < 1 || refineCandidates < 1) {
            throw new IllegalArgumentException("--refine-shortlist and --refine-candidates must be at least 1");
        }
        if (!(ipfDamping >= 0 && ipfDamping <= 1) || !(ipfSmoothing >= 0)) {
            throw new IllegalArgumentException("--ipf-damping must be in [0, 1] (0 = auto) and --ipf-smoothing at least 0");
        }
        if (maxTrimmingMinutes < 0 || maxRefinementMinutes < 0) {
            throw new IllegalArgumentException("time budgets must not be negative");
        }
    }

    /**
     * The damping used when {@code ipfDamping} is 0: {@code min(1, sqrt(100 / pairs))}. One sweep multiplies a
     * row's weight by one factor per pair, so the more pairs, the gentler each factor must be to avoid piling
     * the weight onto a few rows. Measured optimum: about 1 on census (105 pairs) and about 0.2 on the
     * 70-column benchmark table (2,415 pairs), see the README.
     */
    public static double autoDamping(int pairs) {
        return pairs <= 0 ? 1.0 : Math.min(1.0, Math.sqrt(100.0 / pairs));
    }

    /** The damping actually used for this many IPF pairs. */
    public double effectiveDamping(int pairs) {
        return ipfDamping > 0 ? ipfDamping : autoDamping(pairs);
    }
}
