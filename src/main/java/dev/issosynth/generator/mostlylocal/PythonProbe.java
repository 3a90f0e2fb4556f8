package dev.issosynth.generator.mostlylocal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.issosynth.generator.ExternalModelException;

import java.time.Duration;
import java.util.List;

/**
 * The up-front check, before any data is written: the interpreter runs, and the MOSTLY AI SDK with its local extras
 * (preferred) or the lighter mostlyai-engine imports in it. Otherwise a one-line error says what to install.
 */
final class PythonProbe {
    /** Importing the SDK loads torch, which takes a while from a cold disk. */
    static final Duration LIMIT = Duration.ofMinutes(2);

    enum Backend {
        SDK("sdk"), ENGINE("engine");

        private final String id;

        Backend(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    /** What {@code --probe} reports: versions of what imports, the import errors of what does not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Found(String python, String sdk, String engine, String sdkError, String engineError) {
        Backend backend() {
            return sdk != null ? Backend.SDK : engine != null ? Backend.ENGINE : null;
        }

        String describe() {
            Backend b = backend();
            return (b == Backend.SDK ? "MOSTLY AI SDK " + sdk + " (local mode)" : "mostlyai-engine " + engine
                    + " (the SDK's local mode is not installed)") + ", Python " + python;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonProbe() {
    }

    /** Runs the probe; throws {@link ExternalModelException} with the fix if there is no usable backend. */
    static Found probe(PythonBridge bridge) {
        PythonBridge.Outcome o = bridge.run(List.of("--probe"), LIMIT, "the limit of the import check", line -> false);
        Found found = parse(o.lastStdoutLine());
        String python = bridge.python();
        if (o.exitCode() != 0 || found == null) {
            throw new ExternalModelException(python + " could not run issosynth's Python bridge (exit " + o.exitCode()
                    + (o.lastStderrLine() == null ? "" : ": " + o.lastStderrLine())
                    + "); mostly-local needs Python 3.10–3.13: pass one with --python PATH");
        }
        if (found.backend() == null) {
            throw new ExternalModelException("mostly-local needs the MOSTLY AI SDK with its local extras (or the "
                    + "lighter mostlyai-engine) in " + python + " (Python " + found.python() + "): install it with "
                    + python + " -m pip install -U 'mostlyai[local]' (or " + python
                    + " -m pip install mostlyai-engine); the import said: " + found.sdkError());
        }
        return found;
    }

    private static Found parse(String line) {
        if (line == null || !line.startsWith("{")) {
            return null;
        }
        try {
            Found f = JSON.readValue(line, Found.class);
            return f.python() == null ? null : f;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
