package dev.issosynth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

@Command(name = "issosynth", mixinStandardHelpOptions = true, versionProvider = IssosynthCommand.Version.class,
        description = "Iterative Subset Selection from Oversampled SYNTHetic data: a synthetic CSV of the same shape "
                + "as a training CSV, selected from a large generated pool to match its statistics.",
        subcommands = {RunCommand.class, SelectCommand.class, GenerateCommand.class, EvaluateCommand.class, ReportCommand.class,
                InspectCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Option defaults: built in < config/issosynth.properties < --config FILE < flags.",
                "Exit codes: 0 success, 1 failure (bad input, runtime error), 2 usage error, 3 privacy limits failed "
                        + "(evaluate --fail-on-privacy; run --holdout unless --privacy-gate=false), 4 an outside model "
                        + "(MOSTLY AI platform or Python bridge) failed."})
public final class IssosynthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, select, generate, evaluate or report");
    }

    /** Reads the version Maven filtered into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = IssosynthCommand.class.getResourceAsStream("/issosynth-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"issosynth " + p.getProperty("version", "dev")};
        }
    }
}
