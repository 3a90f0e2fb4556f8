package dev.issosynth.cli;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.encoding.CategoricalEncoding;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.model.ModelSize;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The knobs of the embedded TabularARGN generator ({@code --generator argn}); defaults mirror config/issosynth.properties. */
public class ArgnOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--model", defaultValue = "Medium", paramLabel = "SIZE", completionCandidates = SizeNames.class,
            description = "argn model size: ${COMPLETION-CANDIDATES}, any case (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--max-epochs", defaultValue = "100", paramLabel = "N",
            description = "argn training epochs at most; early stopping may end sooner (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--max-training-minutes", defaultValue = "10", paramLabel = "MIN",
            description = "argn training time budget in minutes; 0 = no limit (default: ${DEFAULT-VALUE}).")
    double maxTrainingMinutes;

    @Option(names = "--max-training-rows", defaultValue = "0", paramLabel = "N",
            description = "argn trains on a seeded sample of at most N rows of a bigger table; 0 = auto: the rows the "
                    + "time budget covers in about 10 epochs, all rows without a budget (default: ${DEFAULT-VALUE}).")
    long maxTrainingRows;

    @Option(names = "--no-value-protection", defaultValue = "false",
            description = "argn: keep rare categories and extreme numeric values instead of protecting them (default: ${DEFAULT-VALUE}).")
    boolean noValueProtection;

    @Option(names = "--rare-categories", defaultValue = "sample", paramLabel = "sample|new",
            description = "argn, with value protection: a rare category (seen fewer than 5-7 times) comes out as one of "
                    + "the common categories (sample, MOSTLY AI's SAMPLE), or as a new value shaped like the rare ones "
                    + "(new; the privacy metric maps every new value to one point, which fails columns where most "
                    + "values are rare, e.g. surnames) (default: ${DEFAULT-VALUE}).")
    String rareCategories;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T",
            description = "argn sampling temperature, >= 0; below 1 sharper, above 1 flatter (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", paramLabel = "P",
            description = "argn nucleus sampling: draw only from the most likely codes holding this probability mass, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--fixed-order", defaultValue = "false",
            description = "argn: train in the table's column order only instead of random column orders (default: ${DEFAULT-VALUE}).")
    boolean fixedOrder;

    @Option(names = "--table-order-share", defaultValue = "0.5", paramLabel = "S",
            description = "argn: share of training batches in the table's column order (the order generation uses); "
                    + "the others use a random column order. 0 = any-order training as MOSTLY AI's engine, 1 = "
                    + "--fixed-order (default: ${DEFAULT-VALUE}).")
    double tableOrderShare;

    @Option(names = "--weight-average-epochs", defaultValue = "4", paramLabel = "E",
            description = "argn: also validate a moving average of the weights over about E epochs and keep it when it "
                    + "is better; 0 = off (default: ${DEFAULT-VALUE}).")
    double averageEpochs;

    @Option(names = "--models", defaultValue = "auto", paramLabel = "K",
            description = "argn: train K independent models (seeds derived from --seed, each with the full training "
                    + "budget) and split the pool evenly among them; auto = 2 for tables of at most 2,000,000 cells "
                    + "(rows x columns), else 1; --save-model needs 1 (default: ${DEFAULT-VALUE}).")
    String models;

    /**
     * The generator options; a bad value is a usage error (exit 2). Only the text is read here (a size name, auto or
     * a whole number of models); defaults, checks and messages are {@link ArgnSettings}'.
     */
    ArgnSettings toOptions() {
        ModelSize size = parseSize(model);
        Usage.require(size != null, mixee, "--model must be one of Small, Medium, Large: " + model);
        Integer k = parseModels(models);
        Usage.require(k != null, mixee, ArgnGenerator.MODELS_RULE + ": " + models);
        try {
            return ArgnSettings.builder().size(size).maxEpochs(maxEpochs)
                    .maxTrainingMinutes(maxTrainingMinutes).maxTrainingRows(maxTrainingRows)
                    .valueProtection(!noValueProtection)
                    .temperature(temperature).topP(topP).fixedOrder(fixedOrder).models(k)
                    .tableOrderShare(tableOrderShare).averageEpochs(averageEpochs)
                    .rareCategories(parseRare(rareCategories)).build();
        } catch (IllegalArgumentException e) {
            throw Usage.error(mixee, e.getMessage());
        }
    }

    /** new → CONSTANT (our CONSTANT writes a new value, not the literal token), sample → SAMPLE, else null. */
    static CategoricalEncoding.RareReplacement parseRare(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "new" -> CategoricalEncoding.RareReplacement.CONSTANT;
            case "sample" -> CategoricalEncoding.RareReplacement.SAMPLE;
            default -> null;
        };
    }

    /** "auto" → {@link ArgnGenerator#AUTO_MODELS}, a whole number (digits) → itself, anything else → null. */
    static Integer parseModels(String s) {
        String t = s == null ? "" : s.trim();
        if (t.equalsIgnoreCase("auto")) {
            return ArgnGenerator.AUTO_MODELS;
        }
        if (!t.matches("[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null; // too large
        }
    }

    /** The size of that name, any case; null for none. */
    static ModelSize parseSize(String s) {
        if (s == null) {
            return null;
        }
        for (ModelSize m : ModelSize.PRESETS) {
            if (m.name().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        return null;
    }

    /** Small, Medium, Large. */
    static final class SizeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ModelSize.PRESETS.stream()
                    .map(m -> m.name().charAt(0) + m.name().substring(1).toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
