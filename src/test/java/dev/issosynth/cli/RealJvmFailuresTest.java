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

/** Failures only a real JVM shows: a standard output that takes nothing, running out of heap. */
class RealJvmFailuresTest {
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

    @Test
    void outOfMemoryIsOneLineNamingJavaOptsWithTheTraceInTheLogAndNothingLeft(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", fixturePath("titanic.csv").toAbsolutePath().toString(), "--generator",
                "independent", "--pool-factor", "20000", "--size", "100", "-q", "--workdir", dir.toString(),
                "--log-file", dir.resolve("run.log").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCodes.FAILURE, p.exitValue(), out);
        // the stage it died in, the heap it had, the setting to change
        assertTrue(out.matches("issosynth: out of memory in stage '[a-z ]+' with a \\d+ MB heap; give the JVM more:"
                + " JAVA_OPTS=-Xmx2g \\./run\\.sh .*\\n?"), out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(Files.readString(dir.resolve("run.log")).contains("java.lang.OutOfMemoryError"));
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(dir.resolve("run.log")), s.filter(Files::isRegularFile).toList());
        }
    }
}
