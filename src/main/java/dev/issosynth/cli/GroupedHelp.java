package dev.issosynth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each command's options under headings, in the order a user needs them (the command's own files and outputs, the
 * selection, privacy, the generators, then what every command takes), instead of one alphabetical list: the
 * heading comes from the options class that declares an option.
 */
final class GroupedHelp {
    /** Declaring class → heading, in the order shown; the command's own options come first. */
    private static final Map<Class<?>, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put(SelectionOptions.class, "Selection:");
        HEADINGS.put(SteeringOptions.class, "Steering (rebalancing, fairness, imputation, rules):");
        HEADINGS.put(PrivacyGuardOptions.class, "Privacy steering:");
        HEADINGS.put(ArgnOptions.class, "Generator argn (the default):");
        HEADINGS.put(ModelFileOptions.class, "Saved argn models:");
        HEADINGS.put(MostlyOptions.class, "Generators mostly and mostly-local (MOSTLY AI):");
        HEADINGS.put(CommonOptions.class, "All commands:");
    }

    private GroupedHelp() {
    }

    /** Installs the grouped option list on every subcommand of {@code root}. */
    static void install(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, GroupedHelp::render);
        }
    }

    private static String render(CommandLine.Help help) {
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        groups.put("Inputs, outputs and the job:", new ArrayList<>());
        for (String heading : HEADINGS.values()) {
            groups.put(heading, new ArrayList<>());
        }
        for (OptionSpec option : help.commandSpec().options()) {
            if (option.hidden()) {
                continue;
            }
            String heading = option.userObject() instanceof Field f ? HEADINGS.get(f.getDeclaringClass()) : null;
            if (heading == null && option.usageHelp() || option.versionHelp()) {
                heading = "All commands:";
            }
            groups.get(heading == null ? "Inputs, outputs and the job:" : heading).add(option);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            CommandLine.Help.Layout layout = help.createDefaultLayout();
            CommandLine.Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
            g.getValue().sort((a, b) -> a.longestName().replaceFirst("^-+", "")
                    .compareToIgnoreCase(b.longestName().replaceFirst("^-+", "")));
            for (OptionSpec option : g.getValue()) {
                layout.addOption(option, labels);
            }
            out.append(String.format("%n%s%n", g.getKey())).append(layout);
        }
        return out.toString();
    }
}
