package dev.issosynth.generator.mostlylocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fake {@code mostlyai} packages (SDK, engine) and fake {@code pandas} in the test resources, and the
 * {@code python3} the tests run them with; see {@code fake_control.py} there for the environment variables that make
 * the fakes misbehave.
 */
public final class FakeMostly {
    public static final Path PACKAGES = Path.of("src/test/resources/fake-mostlyai").toAbsolutePath();
    public static final String PYTHON = "python3";
    private static Boolean pythonRuns;

    private FakeMostly() {
    }

    /** Skips the calling test on a machine without python3. */
    public static void assumePython() {
        if (pythonRuns == null) {
            pythonRuns = runs(PYTHON, "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)");
        }
        assumeTrue(pythonRuns, "no python3 (3.8 or newer) on the PATH: the mostly-local bridge tests need one");
    }

    /** True if python3 imports a real mostlyai (then the "missing packages" case cannot be staged). */
    public static boolean realMostlyaiInstalled() {
        return runs(PYTHON, "-c", "import mostlyai");
    }

    /**
     * Environment for the bridge: {@code packages} first on the module path, no .pyc files in the source tree, the
     * fakes' calls recorded to {@code record}, plus {@code controls} (name, value, name, value, ...).
     */
    public static Map<String, String> env(Path packages, Path record, String... controls) {
        Map<String, String> env = new HashMap<>(Map.of("PYTHONPATH", packages.toString(),
                "PYTHONDONTWRITEBYTECODE", "1", "FAKE_MOSTLYAI_RECORD", record.toString()));
        for (int i = 0; i < controls.length; i += 2) {
            env.put(controls[i], controls[i + 1]);
        }
        return env;
    }

    /** An executable for {@code --python}: a shell script that runs python3 with {@code env}. */
    public static Path pythonWithEnv(Path dir, Map<String, String> env) {
        String exports = env.entrySet().stream().map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
                .collect(Collectors.joining("\n"));
        Path script = dir.resolve("fake-python");
        try {
            Files.writeString(script, "#!/bin/sh\n" + exports + "\nexec " + PYTHON + " \"$@\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assumeTrue(script.toFile().setExecutable(true), "cannot make a shell script executable here");
        return script;
    }

    /** The fakes' recorded calls: {call name: arguments}. */
    public static JsonNode recorded(Path record) {
        try {
            return new ObjectMapper().readTree(record.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
