package dev.issosynth.cli;

import dev.issosynth.selection.SelectionParams;
import dev.issosynth.selection.Steering;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** What the result should be beyond the training statistics (rebalancing, fairness, imputation, rules), as options. */
public class SteeringOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

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
            throw Usage.error(spec, columnFile.getFileName() + ": " + e.getMessage());
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

    /** {@code params} steered as the options (and the column file's constraints) say; a bad one is a usage error. */
    SelectionParams apply(SelectionParams params, java.nio.file.Path columnFile) {
        SelectionParams steered;
        try {
            steered = params.toBuilder().steering(steering()).build();
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        return withColumnFileRules(steered, columnFile);
    }
}
