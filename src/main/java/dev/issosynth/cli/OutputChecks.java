package dev.issosynth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The usage check that no output replaces an input. */
final class OutputChecks {
    private OutputChecks() {
    }

    /**
     * Usage error (exit 2) when an output would replace one of the inputs, e.g. {@code --output} = {@code --train}:
     * the training data would be gone.
     */
    static void requireNotAnInput(picocli.CommandLine.Model.CommandSpec spec, Path output, Path... inputs) {
        if (output == null || StdoutResult.isDash(output)) {
            return;
        }
        Path o = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            boolean same = o.equals(in.toAbsolutePath().normalize());
            try {
                same |= Files.exists(o) && Files.exists(in) && Files.isSameFile(o, in);
            } catch (IOException ignored) {
                // keep the path comparison
            }
            if (same) {
                throw Usage.error(spec, output + ": the output would overwrite the input " + in);
            }
        }
    }

    /**
     * Usage error when more than one input is {@code -} (standard input can be read once), or when a file that is
     * read twice (a pool: binned, then its chosen rows copied) is.
     */
    static void requireStdinOnce(picocli.CommandLine.Model.CommandSpec spec, Path readTwice, Path... inputs) {
        if (StdoutResult.isDash(readTwice)) {
            throw Usage.error(spec, "a pool cannot be '-' (standard input): it is read twice; give a file");
        }
        int dashes = 0;
        for (Path in : inputs) {
            dashes += StdoutResult.isDash(in) ? 1 : 0;
        }
        if (dashes > 1) {
            throw Usage.error(spec, "only one input can be '-' (standard input)");
        }
    }
}
