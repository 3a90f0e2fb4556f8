package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same seed gives the same bytes whatever runs it: the widest vector kernel this machine has, the 256-bit one
 * (forced with -XX:MaxVectorSize=32), the scalar one (no vector module), and every other JDK found under
 * /usr/lib/jvm (17, 21, 25: each gets the vector module). An argn pool and a selection from it are compared.
 */
class SameBytesEverywhereTest {
    @TempDir
    Path dir;

    private static String java(Path home) {
        return home.resolve("bin").resolve("java").toString();
    }

    /** Runs the command line in a new JVM; returns its output file's bytes. */
    private byte[] run(String label, List<String> jvm, boolean scalar, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(label + ".log").toFile());
        if (scalar) {
            pb.environment().put("ISSOSYNTH_VECTOR", "0");
        } else {
            pb.environment().remove("ISSOSYNTH_VECTOR");
        }
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), label + " timed out");
        assertEquals(0, p.exitValue(), label + ": " + Files.readString(dir.resolve(label + ".log")));
        return Files.readAllBytes(Path.of(args[args.length - 1]));
    }

    @Test
    void kernelsAndJvmsWriteTheSameBytes() throws Exception {
        Path here = Path.of(System.getProperty("java.home"));
        Map<String, List<String>> jvms = new LinkedHashMap<>();
        jvms.put("widest vectors", List.of(java(here), "--add-modules", "jdk.incubator.vector"));
        jvms.put("256-bit vectors", List.of(java(here), "-XX:MaxVectorSize=32", "--add-modules",
                "jdk.incubator.vector"));
        jvms.put("scalar", List.of(java(here)));
        Path lib = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> homes = Files.list(lib)) {
                for (Path home : homes.sorted().toList()) {
                    Path release = home.resolve("release");
                    if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                            && !home.toRealPath().equals(here.toRealPath())) {
                        String version = Files.readAllLines(release).stream()
                                .filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().orElse("?");
                        jvms.putIfAbsent("JDK " + version, List.of(java(home), "--add-modules",
                                "jdk.incubator.vector"));
                    }
                }
            }
        }
        String train = fixturePath("titanic.csv").toAbsolutePath().toString();
        byte[] pool0 = null;
        byte[] result0 = null;
        int i = 0;
        for (Map.Entry<String, List<String>> jvm : jvms.entrySet()) {
            boolean scalar = jvm.getKey().equals("scalar");
            String pool = dir.resolve("pool" + i + ".csv").toString();
            byte[] p = run("generate" + i, jvm.getValue(), scalar, "generate", "-q", "--train", train, "--generator",
                    "argn", "--rows", "600", "--seed", "3", "--max-epochs", "3", "--models", "1", "--output", pool);
            String basePool = dir.resolve("pool0.csv").toString();
            byte[] r = run("select" + i, jvm.getValue(), scalar, "select", "-q", "--train", train, "--pool",
                    i == 0 ? pool : basePool, "--size", "200", "--refinement-iterations", "2", "--seed", "3",
                    "--output", dir.resolve("result" + i + ".csv").toString());
            if (i == 0) {
                pool0 = p;
                result0 = r;
            } else {
                assertArrayEquals(pool0, p, jvm.getKey() + ": the argn pool differs from " + jvms.keySet().iterator().next());
                assertArrayEquals(result0, r, jvm.getKey() + ": the selection differs");
            }
            i++;
        }
        assertTrue(jvms.size() >= 3, jvms.keySet().toString());
    }
}
