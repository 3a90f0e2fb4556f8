package dev.issosynth.cli;

import dev.issosynth.generator.mostly.MostlySettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Options of {@code --generator mostly} (platform REST API) and {@code --generator mostly-local} (Python SDK bridge). */
public class MostlyOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "mostly: file holding the MOSTLY AI API key (default: the MOSTLY_API_KEY environment variable). "
                    + "The key is never taken on the command line and never logged.")
    Path apiKeyFile;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "mostly: platform address (default: the MOSTLY_BASE_URL environment variable, else "
                    + "https://app.mostly.ai).")
    String baseUrl;

    @Option(names = "--generator-id", paramLabel = "ID",
            description = "mostly: sample from this existing platform generator instead of training a new one "
                    + "(also resumes a run that was interrupted after training started).")
    String generatorId;

    @Option(names = "--keep-generator", defaultValue = "false",
            description = "mostly: keep the platform generator after sampling, to reuse with --generator-id "
                    + "(default: delete what this run created).")
    boolean keepGenerator;

    @Option(names = "--python", paramLabel = "PATH",
            description = "mostly-local: Python interpreter with the mostlyai SDK or mostlyai-engine (default: python3 on the PATH).")
    String python;

    @Option(names = "--remote-timeout-minutes", defaultValue = "0", paramLabel = "MIN",
            description = "mostly, mostly-local: give up (and cancel the remote job or stop the bridge) after this "
                    + "many minutes; 0 = no limit (default: ${DEFAULT-VALUE}).")
    double timeoutMinutes;

    /**
     * Usage error for an option of these generators given on the command line with another generator (it would do
     * nothing); values from a config file are defaults for every command and are not checked.
     */
    void validate(String generator) {
        String g = generator == null ? "" : generator;
        for (String option : new String[] {"--api-key-file", "--base-url", "--generator-id", "--keep-generator"}) {
            requireFor(option, g.equals("mostly"), "--generator mostly");
        }
        requireFor("--python", g.equals("mostly-local"), "--generator mostly-local");
        requireFor("--remote-timeout-minutes", g.equals("mostly") || g.equals("mostly-local"),
                "--generator mostly or mostly-local");
    }

    private void requireFor(String option, boolean applies, String where) {
        CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        Usage.require(applies || parsed == null || !parsed.hasMatchedOption(option), mixee,
                option + " is only used with " + where);
    }

    MostlySettings toSettings() {
        Usage.require(timeoutMinutes >= 0 && Double.isFinite(timeoutMinutes), mixee,
                "--remote-timeout-minutes must be a finite number >= 0 (0 = no limit): " + timeoutMinutes);
        Duration timeout = timeoutMinutes == 0 ? null : Duration.ofMillis(Math.round(timeoutMinutes * 60_000));
        return new MostlySettings(apiKeyFile, generatorId, keepGenerator, python, timeout, baseUrl);
    }
}
