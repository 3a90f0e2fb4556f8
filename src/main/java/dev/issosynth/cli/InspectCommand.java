package dev.issosynth.cli;

import dev.issosynth.schema.ColumnFile;
import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnProfile;
import dev.issosynth.schema.TrainingTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = {"Show how every column of a training table will be treated: its type (declared with --columns, "
                + "else inferred), keys, distinct and missing values, and notes (leading zeros, identifier-like text).",
                "With --json, write the column file that --columns reads, to edit rather than write from scratch."})
public final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAIN.csv", description = "Training CSV (plain or gzip).")
    Path train;

    @Option(names = "--json", paramLabel = "columns.json",
            description = "Also write the column file (JSON, written atomically); '-' = only the JSON on stdout.")
    Path json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        OutputChecks.requireNotAnInput(spec, json != null && json.toString().equals("-") ? null : json, train);
        TrainingTable table;
        try (Transcoding text = common.transcoding()) {
            table = TrainingTable.read(text.input(train), common.missingValues(), common.columnRules());
        }
        List<ColumnProfile> profiles = ColumnProfile.of(table);
        // declared formats and missing tokens are written back, so a file passed with --columns survives a rewrite
        String file = ColumnFile.write(profiles.stream().map(ColumnProfile::name).toList(),
                profiles.stream().map(ColumnProfile::kind).toList(), profiles.stream().map(ColumnProfile::format).toList(),
                profiles.stream().map(p -> table.rules().missing().get(p.name())).toList(),
                profiles.stream().map(ColumnProfile::note).toList());
        PrintWriter out = Console.out(spec);
        if (json != null && json.toString().equals("-")) {
            out.print(file);
            out.flush();
            return ExitCodes.OK;
        }
        int rows = table.rowCount();
        out.printf(Locale.ROOT, "%s: %,d rows, %d columns%n", train.getFileName(), rows, profiles.size());
        out.printf(Locale.ROOT, "%-24s %-12s %9s %8s  %-36s %s%n", "column", "type", "distinct", "missing",
                "examples", "note");
        for (ColumnProfile p : profiles) {
            String examples = String.join(", ", p.examples());
            if (examples.length() > 36) {
                examples = examples.substring(0, 33) + "...";
            }
            out.printf(Locale.ROOT, "%-24s %-12s %,9d %8s  %-36s %s%n", p.name(), p.kind().label(), p.distinct(),
                    p.missingShare(rows), examples, p.note());
        }
        if (profiles.stream().anyMatch(p -> p.kind() == ColumnKind.KEY)) {
            out.println("keys are neither modelled nor compared; the result gets fresh ones in their format");
        }
        if (json != null) {
            Summaries.writeAtomically(json, file);
            out.println("column file: " + json + " (edit the types, then pass it with --columns)");
        }
        return ExitCodes.OK;
    }
}
