package dev.issosynth.selection;

/**
 * Every knob of the selection, with its default and its check in one place: built with {@link #builder()} (the
 * defaults) or {@link #toBuilder()}, checked once when built. The CLI's option defaults and
 * config/issosynth.properties are tested against {@link #defaults(int)}. Messages name a knob by its option name
 * (the config key), the words a user typed.
 *
 * @param size                  rows in the result; 0 = as many as the training data (the job resolves it)
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
 * @param steering              rebalancing, fairness and imputation targets ({@link Steering#none()}: none)
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
        long seed,
        Steering steering) {

    public SelectionParams {
        require(size >= 0, "--size must not be negative (0 = as many rows as the training data): " + size);
        require(oversizeFactor >= 1 && Double.isFinite(oversizeFactor),
                "--oversize-factor must be a finite number of at least 1: " + oversizeFactor);
        require(ipfTopPairs >= -1, "--ipf-top-pairs must be -1 (all) or more: " + ipfTopPairs);
        require(ipfIterations >= 0, "--ipf-iterations must not be negative: " + ipfIterations);
        require(ipfDamping >= 0 && ipfDamping <= 1, "--ipf-damping must be in [0, 1] (0 = auto): " + ipfDamping);
        require(ipfSmoothing >= 0 && Double.isFinite(ipfSmoothing),
                "--ipf-smoothing must be a finite number of at least 0: " + ipfSmoothing);
        require(refineTopPairs >= -1, "--refine-top-pairs must be -1 (all) or more: " + refineTopPairs);
        require(refineTopTriples >= 0, "--refine-top-triples must not be negative: " + refineTopTriples);
        require(refineRandomTriples >= 0, "--refine-random-triples must not be negative: " + refineRandomTriples);
        require(refinementIterations >= 0, "--refinement-iterations must not be negative: " + refinementIterations);
        require(refineShortlist >= 1, "--refine-shortlist must be at least 1: " + refineShortlist);
        require(refineCandidates >= 1, "--refine-candidates must be at least 1: " + refineCandidates);
        require(maxTrimmingMinutes >= 0 && Double.isFinite(maxTrimmingMinutes),
                "--max-trimming-minutes must be a finite number of at least 0: " + maxTrimmingMinutes);
        require(maxRefinementMinutes >= 0 && Double.isFinite(maxRefinementMinutes),
                "--max-refinement-minutes must be a finite number of at least 0: " + maxRefinementMinutes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults with this size. */
    public static SelectionParams defaults(int size) {
        return builder().size(size).build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public SelectionParams withSize(int newSize) {
        return toBuilder().size(newSize).build();
    }

    /**
     * The damping used when {@code ipfDamping} is 0: {@code min(1, sqrt(100 / pairs))}. One sweep multiplies a
     * row's weight by one factor per pair, so the more pairs, the gentler each factor must be to avoid piling
     * the weight onto a few rows. Measured optimum: about 1 on census (105 pairs) and about 0.2 on the
     * 70-column benchmark table (2,415 pairs), see docs/benchmarks.md.
     */
    public static double autoDamping(int pairs) {
        return pairs <= 0 ? 1.0 : Math.min(1.0, Math.sqrt(100.0 / pairs));
    }

    /** The damping actually used for this many IPF pairs. */
    public double effectiveDamping(int pairs) {
        return ipfDamping > 0 ? ipfDamping : autoDamping(pairs);
    }

    /** Named setters over the defaults; {@link #build()} checks every value. */
    public static final class Builder {
        private int size = 0;
        private double oversizeFactor = 1.25;
        private int ipfTopPairs = -1;
        private int ipfIterations = 3;
        private double ipfDamping = 0.0;
        private double ipfSmoothing = 30.0;
        private int refineTopPairs = 500;
        private int refineTopTriples = 0;
        private int refineRandomTriples = 300;
        private int refinementIterations = 500;
        private int refineShortlist = 2000;
        private int refineCandidates = 100_000;
        private double maxTrimmingMinutes = 30;
        private double maxRefinementMinutes = 30;
        private long seed = 42;
        private Steering steering = Steering.none();

        private Builder() {
        }

        private Builder(SelectionParams p) {
            size = p.size;
            oversizeFactor = p.oversizeFactor;
            ipfTopPairs = p.ipfTopPairs;
            ipfIterations = p.ipfIterations;
            ipfDamping = p.ipfDamping;
            ipfSmoothing = p.ipfSmoothing;
            refineTopPairs = p.refineTopPairs;
            refineTopTriples = p.refineTopTriples;
            refineRandomTriples = p.refineRandomTriples;
            refinementIterations = p.refinementIterations;
            refineShortlist = p.refineShortlist;
            refineCandidates = p.refineCandidates;
            maxTrimmingMinutes = p.maxTrimmingMinutes;
            maxRefinementMinutes = p.maxRefinementMinutes;
            seed = p.seed;
            steering = p.steering;
        }

        public Builder size(int v) {
            size = v;
            return this;
        }

        public Builder oversizeFactor(double v) {
            oversizeFactor = v;
            return this;
        }

        public Builder ipfTopPairs(int v) {
            ipfTopPairs = v;
            return this;
        }

        public Builder ipfIterations(int v) {
            ipfIterations = v;
            return this;
        }

        public Builder ipfDamping(double v) {
            ipfDamping = v;
            return this;
        }

        public Builder ipfSmoothing(double v) {
            ipfSmoothing = v;
            return this;
        }

        public Builder refineTopPairs(int v) {
            refineTopPairs = v;
            return this;
        }

        public Builder refineTopTriples(int v) {
            refineTopTriples = v;
            return this;
        }

        public Builder refineRandomTriples(int v) {
            refineRandomTriples = v;
            return this;
        }

        public Builder refinementIterations(int v) {
            refinementIterations = v;
            return this;
        }

        public Builder refineShortlist(int v) {
            refineShortlist = v;
            return this;
        }

        public Builder refineCandidates(int v) {
            refineCandidates = v;
            return this;
        }

        public Builder maxTrimmingMinutes(double v) {
            maxTrimmingMinutes = v;
            return this;
        }

        public Builder maxRefinementMinutes(double v) {
            maxRefinementMinutes = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder steering(Steering v) {
            steering = java.util.Objects.requireNonNull(v);
            return this;
        }

        /** The parameters; IllegalArgumentException naming the first bad value. */
        public SelectionParams build() {
            return new SelectionParams(size, oversizeFactor, ipfTopPairs, ipfIterations, ipfDamping, ipfSmoothing,
                    refineTopPairs, refineTopTriples, refineRandomTriples, refinementIterations, refineShortlist,
                    refineCandidates, maxTrimmingMinutes, maxRefinementMinutes, seed, steering);
        }
    }
}
