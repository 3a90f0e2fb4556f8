package dev.issosynth.cli;

import dev.issosynth.selection.SelectionParams;
import picocli.CommandLine.Option;

/** The knobs of the selection engine; defaults mirror config/issosynth.properties. */
public class SelectionOptions {
    @Option(names = "--size", defaultValue = "0",
            description = "Rows in the result; 0 = as many as the training data (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--oversize-factor", defaultValue = "1.25",
            description = "IPF picks size x this many rows, trimming then removes the worst (default: ${DEFAULT-VALUE}).")
    double oversizeFactor;

    @Option(names = "--ipf-top-pairs", defaultValue = "-1",
            description = "Column pairs fitted by IPF, strongest mutual information first; -1 = all (default: ${DEFAULT-VALUE}).")
    int ipfTopPairs;

    @Option(names = "--ipf-iterations", defaultValue = "6", description = "IPF sweeps over the pairs (default: ${DEFAULT-VALUE}).")
    int ipfIterations;

    @Option(names = "--refine-top-pairs", defaultValue = "-1",
            description = "Pairs in the trimming/refinement objective; -1 = all (default: ${DEFAULT-VALUE}).")
    int refineTopPairs;

    @Option(names = "--refine-top-triples", defaultValue = "100",
            description = "Triples (highest total correlation) in the trimming/refinement objective (default: ${DEFAULT-VALUE}).")
    int refineTopTriples;

    @Option(names = "--refinement-iterations", defaultValue = "500",
            description = "Refinement rounds: rescore, then swap while it helps (default: ${DEFAULT-VALUE}).")
    int refinementIterations;

    @Option(names = "--refine-shortlist", defaultValue = "2000",
            description = "Best rows per side kept for swapping in each round (default: ${DEFAULT-VALUE}).")
    int refineShortlist;

    @Option(names = "--refine-candidates", defaultValue = "100000",
            description = "Pool rows scored as swap-in candidates per round (default: ${DEFAULT-VALUE}).")
    int refineCandidates;

    @Option(names = "--max-trimming-minutes", defaultValue = "30",
            description = "Time budget of trimming (default: ${DEFAULT-VALUE}).")
    double maxTrimmingMinutes;

    @Option(names = "--max-refinement-minutes", defaultValue = "30",
            description = "Time budget of refinement (default: ${DEFAULT-VALUE}).")
    double maxRefinementMinutes;

    SelectionParams toParams(long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("--size must not be negative");
        }
        SelectionParams p = new SelectionParams(size, oversizeFactor, ipfTopPairs, ipfIterations, refineTopPairs,
                refineTopTriples, refinementIterations, refineShortlist, refineCandidates, maxTrimmingMinutes,
                maxRefinementMinutes, seed);
        p.withSize(Math.max(1, size)).validate(Integer.MAX_VALUE);
        return p;
    }
}
