package dev.issosynth.cli;

import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run --resume goes on from a finished pool of the same training file and settings, and only from such a pool. */
class ResumeCliTest {
    @TempDir
    Path dir;

    private Cli.Result run(Path train, String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", s(train), "--max-epochs", "3", "--models", "1",
                "--seed", "8", "--pool-factor", "3", "--refinement-iterations", "5", "--workdir", s(dir), "--output",
                s(dir.resolve(out))));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    private List<Path> pools() throws Exception {
        try (var files = Files.list(dir.resolve("pool_data"))) {
            return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
    }

    @Test
    void aFinishedPoolIsReusedAndNothingElse() throws Exception {
        Path train = Files.copy(TestTables.fixturePath("titanic.csv"), dir.resolve("titanic.csv"));
        Cli.Result first = run(train, "first.csv");
        assertEquals(ExitCodes.OK, first.code(), first::toString);
        assertEquals(1, pools().size());
        assertTrue(Files.exists(Path.of(pools().get(0) + ".run.json")), "the finished pool is recorded");

        Cli.Result resumed = run(train, "resumed.csv", "--resume");
        assertEquals(ExitCodes.OK, resumed.code(), resumed::toString);
        assertTrue(resumed.err().contains("resume: selecting from the finished pool " + pools().get(0)), resumed.err());
        assertTrue(!resumed.err().contains("[train argn]"), "no training: " + resumed.err());
        assertEquals(1, pools().size(), "no new pool");
        assertEquals(Files.readString(dir.resolve("first.csv")), Files.readString(dir.resolve("resumed.csv")),
                "the same pool and seed: the same result");

        // other settings: no pool of theirs, so they generate
        Cli.Result other = run(train, "other.csv", "--resume", "--temperature", "0.9");
        assertEquals(ExitCodes.OK, other.code(), other::toString);
        assertTrue(other.err().contains("resume: no finished pool"), other.err());
        assertEquals(2, pools().size());

        // a changed training file is another job
        Files.writeString(train, Files.readString(train).replaceFirst("\n", "\n\n"));
        Cli.Result changed = run(train, "changed.csv", "--resume");
        assertEquals(ExitCodes.OK, changed.code(), changed::toString);
        assertTrue(changed.err().contains("resume: no finished pool"), changed.err());

        // a pool without its record (a run killed while writing it) is never taken
        for (Path p : pools()) {
            Files.delete(Path.of(p + ".run.json"));
        }
        Cli.Result unrecorded = run(train, "unrecorded.csv", "--resume");
        assertTrue(unrecorded.err().contains("resume: no finished pool"), unrecorded.err());
    }
}
