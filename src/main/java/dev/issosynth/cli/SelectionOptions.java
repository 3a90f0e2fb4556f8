package dev.issosynth.cli;

import dev.issosynth.selection.SelectionParams;
import dev.issosynth.selection.Steering;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

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

    @Option(names = "--rebalance", paramLabel = "COL=VALUE:SHARE[,VALUE:SHARE...]",
            description = "Set the shares of some values of a categorical column in the result (e.g. "
                    + "income=>50K:0.5); the other values keep their relative shares, and each value's rows keep their "
                    + "relations to the other columns. Repeat for more columns.")
    List<String> rebalance = new ArrayList<>();

    @Option(names = "--fair", paramLabel = "TARGET",
            description = "Make column TARGET statistically independent of the --sensitive columns in the result "
                    + "(demographic parity); every other relation is kept within each (target, sensitive) group.")
    String fair;

    @Option(names = "--sensitive", split = ",", paramLabel = "COL",
            description = "The sensitive columns of --fair, comma-separated.")
    List<String> sensitive = new ArrayList<>();

    @Option(names = "--impute", split = ",", paramLabel = "COL",
            description = "Columns without missing values in the result, comma-separated: their values follow the "
                    + "training's present values given the other columns.")
    List<String> impute = new ArrayList<>();

    @Option(names = "--rule", paramLabel = "\"LOW <= HIGH\"",
            description = "A rule every result row keeps between two numeric or two datetime columns (<=, <, >=, >): "
                    + "pool rows that break it are never chosen; a missing value keeps it. Repeat for more rules.")
    List<String> rule = new ArrayList<>();

    @Option(names = "--fixed-combinations", paramLabel = "COL,COL[,COL...]",
            description = "Only combinations of these columns' values that the training data has (e.g. city,country). "
                    + "Repeat for more groups.")
    List<String> fixedCombinations = new ArrayList<>();

    /**
     * {@code params} with the constraints of a column file (null: none) added to the rules: MOSTLY AI's
     * Inequality and FixedCombinations, or the file's own {@code rules} and {@code fixed_combinations}.
     */
    SelectionParams withColumnFileRules(SelectionParams params, java.nio.file.Path columnFile) {
        if (columnFile == null) {
            return params;
        }
        List<String> texts = new ArrayList<>();
        List<dev.issosynth.schema.ColumnConstraint> found = dev.issosynth.schema.ColumnFile.readConstraints(
                columnFile, texts);
        if (found.isEmpty() && texts.isEmpty()) {
            return params;
        }
        List<Steering.Rule> all = new ArrayList<>(params.steering().rules());
        try {
            texts.forEach(t -> all.add(Steering.Inequality.parse(t)));
            for (dev.issosynth.schema.ColumnConstraint c : found) {
                all.add(c.inequality() ? new Steering.Inequality(c.columns().get(0), c.columns().get(1), false)
                        : new Steering.FixedCombinations(c.columns()));
            }
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, columnFile.getFileName() + ": " + e.getMessage());
        }
        Steering s = params.steering();
        return params.toBuilder().steering(new Steering(s.rebalance(), s.fairTarget(), s.sensitive(), s.impute(), all))
                .build();
    }

    private List<Steering.Rule> rules() {
        List<Steering.Rule> out = new ArrayList<>();
        rule.forEach(r -> out.add(Steering.Inequality.parse(r)));
        fixedCombinations.forEach(f -> out.add(new Steering.FixedCombinations(java.util.Arrays.stream(f.split(","))
                .map(String::strip).filter(c -> !c.isEmpty()).toList())));
        return out;
    }

    private Steering steering() {
        List<Steering.Rebalance> parsed = new ArrayList<>();
        for (String spec : rebalance) {
            parsed.add(Steering.Rebalance.parse(spec));
        }
        return new Steering(parsed, fair == null || fair.isBlank() ? null : fair.strip(),
                sensitive.stream().map(String::strip).filter(c -> !c.isEmpty()).toList(),
                impute.stream().map(String::strip).filter(c -> !c.isEmpty()).toList(), rules());
    }

    /** The engine parameters (size 0 = training row count); a bad value is a usage error (exit 2). */
    SelectionParams toParams(long seed) {
        try {
            return SelectionParams.builder().size(size).oversizeFactor(oversizeFactor).ipfTopPairs(ipfTopPairs)
                    .ipfIterations(ipfIterations).ipfDamping(ipfDamping).ipfSmoothing(ipfSmoothing)
                    .refineTopPairs(refineTopPairs).refineTopTriples(refineTopTriples)
                    .refineRandomTriples(refineRandomTriples).refinementIterations(refinementIterations)
                    .refineShortlist(refineShortlist).refineCandidates(refineCandidates)
                    .maxTrimmingMinutes(maxTrimmingMinutes).maxRefinementMinutes(maxRefinementMinutes).seed(seed)
                    .steering(steering()).build();
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, e.getMessage());
        }
    }
}
