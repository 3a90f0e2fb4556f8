package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** In a real JVM: a result written to a standard output that takes nothing (a full disk) is not a success. */
class StandardOutputTest {
    @Test
    void aFailedWriteToStandardOutputIsAFailure(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "skipped: no /dev/full on this system");
        String titanic = fixturePath("titanic.csv").toAbsolutePath().toString();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "evaluate", "--train", titanic, "--synth", titanic, "--json", "-"));
        Process p = new ProcessBuilder(cmd).redirectOutput(new java.io.File("/dev/full"))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.FAILURE, p.exitValue());
        assertEquals("issosynth: cannot write to standard output\n", Files.readString(dir.resolve("err.txt"))
                .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""));
    }
}
