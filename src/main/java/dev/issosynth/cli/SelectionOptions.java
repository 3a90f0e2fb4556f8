package dev.issosynth.cli;

import dev.issosynth.selection.SelectionParams;
import picocli.CommandLine;
import picocli.CommandLine.Option;


/** The knobs of the selection engine as options; defaults, checks and messages are {@link SelectionParams}'. */
public class SelectionOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--size", defaultValue = "0", paramLabel = "N",
            description = "Rows in the result; 0 = as many as the training data (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--oversize-factor", defaultValue = "1.25", paramLabel = "X",
            description = "IPF picks size x this many rows, trimming then removes the worst (default: ${DEFAULT-VALUE}).")
    double oversizeFactor;

    @Option(names = "--ipf-top-pairs", defaultValue = "-1", paramLabel = "N",
            description = "Column pairs fitted by IPF, strongest mutual information first; -1 = all (default: ${DEFAULT-VALUE}).")
    int ipfTopPairs;

    @Option(names = "--ipf-iterations", defaultValue = "3", paramLabel = "N",
            description = "IPF sweeps over the pairs (default: ${DEFAULT-VALUE}).")
    int ipfIterations;

    @Option(names = "--ipf-damping", defaultValue = "0", paramLabel = "X",
            description = "Exponent of each IPF correction factor: 1 = classic IPF, smaller = gentler (keeps the weight spread); 0 = auto, min(1, sqrt(100 / pairs)) (default: ${DEFAULT-VALUE}).")
    double ipfDamping;

    @Option(names = "--ipf-smoothing", defaultValue = "30", paramLabel = "X",
            description = "Pseudo-count added to target and current pair-cell mass in IPF, so unseen cells damp rows instead of zeroing them (default: ${DEFAULT-VALUE}).")
    double ipfSmoothing;

    @Option(names = "--refine-top-pairs", defaultValue = "500", paramLabel = "N",
            description = "Pairs in the trimming/refinement objective; -1 = all (default: ${DEFAULT-VALUE}).")
    int refineTopPairs;

    @Option(names = "--refine-top-triples", defaultValue = "0", paramLabel = "N",
            description = "Triples (highest total correlation) in the trimming/refinement objective (default: ${DEFAULT-VALUE}).")
    int refineTopTriples;

    @Option(names = "--refine-random-triples", defaultValue = "300", paramLabel = "N",
            description = "Random further triples in the trimming/refinement objective, as the metric samples them (default: ${DEFAULT-VALUE}).")
    int refineRandomTriples;

    @Option(names = "--refinement-iterations", defaultValue = "500", paramLabel = "N",
            description = "Refinement rounds: rescore, then swap while it helps (default: ${DEFAULT-VALUE}).")
    int refinementIterations;

    @Option(names = "--refine-shortlist", defaultValue = "2000", paramLabel = "N",
            description = "Best rows per side kept for swapping in each round (default: ${DEFAULT-VALUE}).")
    int refineShortlist;

    @Option(names = "--refine-candidates", defaultValue = "100000", paramLabel = "N",
            description = "Pool rows scored as swap-in candidates per round (default: ${DEFAULT-VALUE}).")
    int refineCandidates;

    @Option(names = "--max-trimming-minutes", defaultValue = "30", paramLabel = "MIN",
            description = "Time budget of trimming, in minutes (default: ${DEFAULT-VALUE}).")
    double maxTrimmingMinutes;

    @Option(names = "--max-refinement-minutes", defaultValue = "30", paramLabel = "MIN",
            description = "Time budget of refinement, in minutes (default: ${DEFAULT-VALUE}).")
    double maxRefinementMinutes;

    /** The engine parameters (size 0 = training row count); a bad value is a usage error (exit 2). */
    SelectionParams toParams(long seed) {
        try {
            return SelectionParams.builder().size(size).oversizeFactor(oversizeFactor).ipfTopPairs(ipfTopPairs)
                    .ipfIterations(ipfIterations).ipfDamping(ipfDamping).ipfSmoothing(ipfSmoothing)
                    .refineTopPairs(refineTopPairs).refineTopTriples(refineTopTriples)
                    .refineRandomTriples(refineRandomTriples).refinementIterations(refinementIterations)
                    .refineShortlist(refineShortlist).refineCandidates(refineCandidates)
                    .maxTrimmingMinutes(maxTrimmingMinutes).maxRefinementMinutes(maxRefinementMinutes).seed(seed)
                    .build();
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, e.getMessage());
        }
    }
}
