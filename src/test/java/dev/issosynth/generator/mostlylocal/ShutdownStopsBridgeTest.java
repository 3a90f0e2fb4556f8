package dev.issosynth.generator.mostlylocal;

import dev.issosynth.schema.TrainingTable;
import dev.issosynth.generator.mostly.MostlySettings;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C: a JVM that is told to end (SIGTERM here; SIGINT runs the same shutdown hooks) stops the bridge's tree. */
class ShutdownStopsBridgeTest {
    @TempDir
    Path dir;

    /** The child JVM: runs a bridge that hangs. Arguments: work folder, pid file. */
    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        MostlyLocalGenerator g = new MostlyLocalGenerator(MostlyLocalGeneratorTest.OPTIONS,
                new MostlySettings(null, null, false, FakeMostly.PYTHON, null, null),
                FakeMostly.env(FakeMostly.PACKAGES, work.resolve("record.json"), "FAKE_MOSTLYAI_MODE", "hang",
                        "FAKE_MOSTLYAI_PIDS", args[1]));
        g.writeRawPool(TrainingTable.of(MostlyLocalGeneratorTest.training(), MostlyLocalGeneratorTest.NA), 5, 1, work,
                Progress.silent());
    }

    @Test
    void endingTheJvmStopsTheBridgeAndItsChildren() throws Exception {
        FakeMostly.assumePython();
        Path pids = dir.resolve("pids");
        Path work = Files.createDirectory(dir.resolve("work"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownStopsBridgeTest.class.getName(), work.toString(), pids.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            for (int i = 0; i < 300 && !Files.exists(pids); i++) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(pids), () -> "the bridge did not start: " + read(dir.resolve("jvm.log")));
            Thread.sleep(100); // the pid file is written before the fake sleeps: let its write finish
            jvm.destroy();
            assertTrue(jvm.waitFor(20, TimeUnit.SECONDS), "the JVM did not end");
            for (String pid : Files.readString(pids).trim().split(" ")) {
                assertTrue(ProcessTreeTest.gone(Long.parseLong(pid)), "process " + pid + " still runs");
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
