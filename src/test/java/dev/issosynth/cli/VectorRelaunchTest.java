package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VectorRelaunchTest {
    private static final String[] RUN = {"run", "t.csv", "--seed", "3"};

    private static VectorRelaunch.Jvm jvm(boolean has, boolean jdkHas, boolean relaunched, String optOut,
                                          String... jvmArgs) {
        return new VectorRelaunch.Jvm(has, jdkHas, relaunched, optOut, "/jdk/bin/java", List.of(jvmArgs),
                "/x/issosynth.jar", 42);
    }

    @Test
    void aJvmWithoutTheModuleStartsOneWithItKeepingItsOptionsAndArguments() {
        assertEquals(Optional.of(List.of("/jdk/bin/java", "-Xmx3g", "-Dk=v", "--add-modules", "jdk.incubator.vector",
                        "-Dissosynth.parent=42", "-cp", "/x/issosynth.jar", "dev.issosynth.cli.Main",
                        "run", "t.csv", "--seed", "3")),
                VectorRelaunch.command(jvm(false, true, false, null, "-Xmx3g", "-Dk=v"), RUN));
    }

    @Test
    void noRelaunchWhereItCannotHelpOrIsNotWanted() {
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(true, true, false, null), RUN), "has the module");
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(false, false, false, null), RUN), "JDK lacks it");
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(false, true, true, null), RUN), "relaunched already");
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(false, true, false, "0"), RUN), "ISSOSYNTH_VECTOR=0");
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(false, true, false, null), new String[] {"--version"}));
        assertEquals(Optional.empty(), VectorRelaunch.command(jvm(false, true, false, null), new String[0]));
        assertEquals(Optional.empty(), VectorRelaunch.command(
                jvm(false, true, false, null, "-agentlib:jdwp=transport=dt_socket,address=5005"), RUN), "debugger");
        assertTrue(VectorRelaunch.command(jvm(false, true, false, "1"), RUN).isPresent());
    }

    /** A fresh JVM on this test's class path, with or without the module. */
    private static Process java(boolean module, Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        if (module) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().remove("ISSOSYNTH_VECTOR");
        return pb.start();
    }

    private static String[] argnRun(Path out) {
        return new String[] {"run", fixturePath("titanic.csv").toAbsolutePath().toString(), "--max-epochs", "1",
            "--models", "1", "--pool-factor", "2", "--refinement-iterations", "5", "--seed", "9", "--output",
            out.toString(), "--workdir", out.getParent().toString()};
    }

    @Test
    void plainJavaRunsTheVectorKernelAndWritesWhatAJvmWithTheModuleWrites(@TempDir Path a, @TempDir Path b)
            throws Exception {
        assumeTrue(java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent(),
                "skipped: this JDK has no jdk.incubator.vector");
        Process plain = java(false, a, argnRun(a.resolve("r.csv")));
        Process withModule = java(true, b, argnRun(b.resolve("r.csv")));
        assertTrue(plain.waitFor(120, TimeUnit.SECONDS) && withModule.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(a.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, plain.exitValue(), err);
        assertEquals(0, withModule.exitValue());
        assertTrue(err.contains("GEMM kernel: vector"), err);
        assertArrayEquals(Files.readAllBytes(b.resolve("r.csv")), Files.readAllBytes(a.resolve("r.csv")));
        assertTrue(Files.readString(a.resolve("stdout.txt")).contains("output: " + a.resolve("r.csv")));
    }

    @Test
    void theSecondJvmEndsWhenTheFirstIsKilled(@TempDir Path dir) throws Exception {
        assumeTrue(java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent(),
                "skipped: this JDK has no jdk.incubator.vector");
        String[] args = argnRun(dir.resolve("r.csv"));
        args[3] = "1000"; // epochs: far longer than the test waits (the time budget bounds it if the kill fails)
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--max-training-minutes", "2"));
        Process first = java(false, dir, all.toArray(String[]::new));
        ProcessHandle second = null;
        for (int i = 0; i < 200 && second == null; i++) {
            Thread.sleep(100);
            second = first.descendants().findFirst().orElse(null);
        }
        assertTrue(second != null, "no second JVM started");
        for (int i = 0; i < 200 && !Files.readString(dir.resolve("stderr.txt")).contains("GEMM kernel"); i++) {
            Thread.sleep(100);
        }
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertTrue(second.onExit().get(20, TimeUnit.SECONDS) != null, "the second JVM keeps running");
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".csv")).toList(), "no output left");
        }
    }
}
