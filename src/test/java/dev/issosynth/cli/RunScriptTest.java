package dev.issosynth.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * run.sh, on a copy in a temp "checkout" whose mvnw and java are stubs that record how they were called:
 * no recursive Maven build. The real script with the real jar runs only when that jar is up to date.
 */
class RunScriptTest {
    static final Path SCRIPT = Path.of("run.sh");

    @TempDir
    Path tmp;
    Path repo;
    Path caller;
    Path calls;

    static boolean hasBash() {
        return Stream.of("/bin/bash", "/usr/bin/bash").anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    static void executable(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        assertTrue(p.toFile().setExecutable(true));
    }

    @BeforeEach
    void checkout() throws IOException {
        assumeTrue(hasBash(), "bash not found");
        repo = tmp.resolve("repo with space");
        caller = tmp.resolve("elsewhere");
        calls = tmp.resolve("calls.log");
        Files.createDirectories(repo.resolve("src/main/java"));
        Files.createDirectories(caller);
        Files.copy(SCRIPT, repo.resolve("run.sh"));
        assertTrue(repo.resolve("run.sh").toFile().setExecutable(true));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve("src/main/java/A.java"), "class A {}");
        executable(repo.resolve("mvnw"), "#!/usr/bin/env bash\n"
                + "echo \"mvnw $* in $PWD\" >> \"$CALLS\"\n"
                + "[[ -n \"${MVNW_FAIL:-}\" ]] && exit 3\n"
                + "mkdir -p target && echo jar > target/issosynth.jar\n");
        // The stub JVM "has" jdk.incubator.vector unless NO_VECTOR is set; the module probe (-version) is logged
        // to its own file, so the call lists below show the real runs only.
        executable(tmp.resolve("java"), "#!/usr/bin/env bash\n"
                + "if [[ \" $* \" == *\" -version \"* ]]; then\n"
                + "  echo \"java $*\" >> \"$CALLS.probe\"\n"
                + "  echo 'java version stub' >&2\n"
                + "  [[ -n \"${NO_VECTOR:-}\" && \" $* \" == *\" --add-modules \"* ]] && exit 1\n"
                + "  exit 0\n"
                + "fi\n"
                + "echo \"java $* in $PWD\" >> \"$CALLS\"\n"
                + "echo stdout-of-java\n");
    }

    private record Ran(int code, String out, List<String> calls, List<String> probes, String err) {
    }

    private Ran runScript(String extraEnvKey, String... args) throws Exception {
        return runScriptWith(extraEnvKey == null ? java.util.Map.of() : java.util.Map.of(extraEnvKey, "1"), args);
    }

    private Ran runScriptWith(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", repo.resolve("run.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(caller.toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().put("CALLS", calls.toString());
        pb.environment().put("JAVA", tmp.resolve("java").toString());
        pb.environment().remove("ISSOSYNTH_VECTOR");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "run.sh hangs");
        List<String> c = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        Files.deleteIfExists(calls);
        Path probeLog = Path.of(calls + ".probe");
        List<String> probes = Files.exists(probeLog) ? Files.readAllLines(probeLog) : List.of();
        Files.deleteIfExists(probeLog);
        String err = Files.readString(tmp.resolve("stderr.txt"));
        return new Ran(p.exitValue(), out, c, probes, err);
    }

    private void age(Path p, long secondsAgo) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }

    /** src/ and its folders count too (a deleted source changes its folder). */
    private void ageSources(long secondsAgo) throws IOException {
        try (Stream<Path> s = Files.walk(repo.resolve("src"))) {
            for (Path p : s.toList()) {
                age(p, secondsAgo);
            }
        }
    }

    /** The private copy run.sh runs (the only one in target/ unless a test made more). */
    private Path runCopy() throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("target"))) {
            List<Path> copies = s.filter(p -> p.getFileName().toString().matches("issosynth-run-\\d+\\.jar")).toList();
            assertEquals(1, copies.size(), copies::toString);
            return copies.get(0);
        }
    }

    private String javaCall(String args) throws IOException {
        return "java --add-modules jdk.incubator.vector -jar " + runCopy() + " run " + args + " in " + caller;
    }

    private String javaCallWithoutVector(String args) throws IOException {
        return "java -jar " + runCopy() + " run " + args + " in " + caller;
    }

    @Test
    void vectorModuleIsAddedAfterOneQuietProbe() throws Exception {
        Ran r = runScriptWith(java.util.Map.of("JAVA_OPTS", "-Xmx1g"), "t.csv");
        assertEquals(0, r.code());
        assertEquals(List.of("java --add-modules jdk.incubator.vector -version"), r.probes());
        assertEquals(List.of("java --add-modules jdk.incubator.vector -Xmx1g -jar " + runCopy()
                + " run t.csv in " + caller), r.calls().subList(1, r.calls().size()));
        assertFalse(r.err().contains("java version stub"), "the probe is quiet: " + r.err());
        assertEquals("stdout-of-java\n", r.out());
    }

    @Test
    void jvmWithoutTheVectorModuleRunsWithoutIt() throws Exception {
        Ran r = runScript("NO_VECTOR", "t.csv", "--seed", "1");
        assertEquals(0, r.code());
        assertEquals(1, r.probes().size(), r.probes()::toString);
        assertEquals(javaCallWithoutVector("t.csv --seed 1"), r.calls().get(r.calls().size() - 1));
        assertFalse(r.err().contains("java version stub"), r.err());
        assertEquals("stdout-of-java\n", r.out());
    }

    @Test
    void issosynthVectorZeroOptsOutWithoutProbing() throws Exception {
        Ran r = runScriptWith(java.util.Map.of("ISSOSYNTH_VECTOR", "0"), "t.csv");
        assertEquals(0, r.code());
        assertEquals(List.of(), r.probes());
        assertEquals(javaCallWithoutVector("t.csv"), r.calls().get(r.calls().size() - 1));
    }

    @Test
    void missingJarIsBuiltInTheCheckoutThenRunFromTheCallersFolder() throws Exception {
        Ran r = runScript(null, "data/train.csv", "--seed", "3");
        assertEquals(0, r.code());
        assertEquals(List.of("mvnw -B -q -DskipTests package in " + repo, javaCall("data/train.csv --seed 3")),
                r.calls());
        assertEquals("stdout-of-java\n", r.out(), "build output must not reach stdout");
    }

    @Test
    void freshJarIsNotRebuiltAndAStaleOneIs() throws Exception {
        runScript(null, "t.csv");
        Path jar = repo.resolve("target/issosynth.jar");
        age(repo.resolve("pom.xml"), 100);
        ageSources(100);
        age(jar, 50);
        Ran fresh = runScript(null, "t.csv");
        assertEquals(List.of(javaCall("t.csv")), fresh.calls());

        age(jar, 200); // now older than src/ and pom.xml
        assertTrue(runScript(null, "t.csv").calls().get(0).startsWith("mvnw "));
        ageSources(100);
        age(repo.resolve("src/main/java/A.java"), 10); // one source newer than the jar
        age(jar, 50);
        Ran stale = runScript(null, "t.csv");
        assertEquals(2, stale.calls().size(), stale.calls()::toString);
        assertTrue(stale.calls().get(0).startsWith("mvnw "));

        ageSources(100);
        age(repo.resolve("pom.xml"), 10);
        age(jar, 50); // pom.xml newer than the jar
        assertTrue(runScript(null, "t.csv").calls().get(0).startsWith("mvnw "));
    }

    @Test
    void failedBuildStopsTheScript() throws Exception {
        Ran r = runScript("MVNW_FAIL", "t.csv");
        assertNotEquals(0, r.code());
        assertEquals(1, r.calls().size(), "java must not run: " + r.calls());
        assertFalse(r.out().contains("stdout-of-java"));
    }

    @Test
    void scriptIsStrictBash() throws IOException {
        String text = Files.readString(SCRIPT);
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), "shebang");
        assertTrue(text.contains("\nset -euo pipefail\n"));
        assertTrue(Files.isExecutable(SCRIPT), "run.sh must be executable");
    }

    @Test
    void theJvmRunsAPrivateCopyThatARebuildLeavesAlone() throws Exception {
        runScript(null, "t.csv");
        Path first = runCopy();
        assertEquals(Files.readString(repo.resolve("target/issosynth.jar")), Files.readString(first));
        // a rebuild with other content (as after git pull) makes a new copy; the running job's copy is untouched
        Files.writeString(repo.resolve("target/issosynth.jar"), "jar v2\n");
        Ran r = runScript(null, "t.csv");
        assertEquals(0, r.code());
        assertTrue(Files.isRegularFile(first), "the first job's copy is still there");
        assertEquals("jar\n", Files.readString(first));
        String last = r.calls().get(r.calls().size() - 1);
        assertFalse(last.contains(first.toString()), last);
        assertTrue(last.contains("issosynth-run-"), last);
    }

    @Test
    void copiesUnusedForADayAreRemoved() throws Exception {
        runScript(null, "t.csv");
        Path old = repo.resolve("target/issosynth-run-1.jar");
        Files.writeString(old, "old");
        age(old, 2 * 86_400);
        runScript(null, "t.csv");
        assertFalse(Files.exists(old));
        runCopy(); // exactly the one in use is left
    }

    @Test
    void twoScriptsFindingTheJarStaleBuildItOnce() throws Exception {
        // the stub build takes a second, so the two scripts overlap
        executable(repo.resolve("mvnw"), "#!/usr/bin/env bash\n"
                + "echo \"mvnw $* in $PWD\" >> \"$CALLS.build\"\n"
                + "sleep 1\n"
                + "mkdir -p target && echo jar > target/issosynth.jar.part && mv target/issosynth.jar.part target/issosynth.jar\n");
        List<Process> ps = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("run.sh").toString(), "t.csv")
                    .directory(caller.toFile()).redirectErrorStream(true);
            pb.environment().put("CALLS", calls.toString());
            pb.environment().put("JAVA", tmp.resolve("java").toString());
            ps.add(pb.start());
        }
        for (Process p : ps) {
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        assertEquals(1, Files.readAllLines(Path.of(calls + ".build")).size(), "one build");
        assertEquals(2, Files.readAllLines(calls).size(), "two jobs ran");
    }

    @Test
    void runsWithoutHomeAsABareCronEnvironmentHasIt() throws Exception {
        executable(repo.resolve("mvnw"), "#!/usr/bin/env bash\n"
                + "echo \"mvnw HOME=${HOME:?HOME not set}\" >> \"$CALLS\"\n"
                + "mkdir -p target && echo jar > target/issosynth.jar\n");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "CALLS=" + calls,
                "JAVA=" + tmp.resolve("java"), "bash", repo.resolve("run.sh").toString(), "t.csv")
                .directory(caller.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> c = Files.readAllLines(calls);
        assertTrue(c.get(0).matches("mvnw HOME=/.+"), c::toString);
    }

    /** The real thing, when target/issosynth.jar is newer than everything it is built from. */
    @Test
    void realJarHelp() throws Exception {
        Path jar = Path.of("target/issosynth.jar");
        assumeTrue(Files.isRegularFile(jar), "no jar built yet");
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> s = Stream.concat(Stream.of(Path.of("pom.xml")), Files.walk(Path.of("src")))) {
            // Directories too, as run.sh's `find -newer` sees them (a deleted file makes its folder newer).
            assumeTrue(s.allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(built) <= 0;
                } catch (IOException e) {
                    return false;
                }
            }), "jar older than the sources: run.sh would build, and tests must not run Maven");
        }
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), "--help")
                .directory(tmp.toFile()).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("ISSOSYNTH_VECTOR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.startsWith("Usage: issosynth run"), out);
        // A JDK with the module prints only the JVM's incubator warning; one without it prints nothing.
        assertTrue(err.isEmpty() || err.equals("WARNING: Using incubator modules: jdk.incubator.vector\n"), err);
    }
}
