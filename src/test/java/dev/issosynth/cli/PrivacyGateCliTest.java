package dev.issosynth.cli;

import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.everyNthRow;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.writeCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run --holdout: a result that fails the privacy limits exits with 3 after its files are written (--privacy-gate). */
class PrivacyGateCliTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path holdout;

    /** census_2000: 300 training rows (rows 1, 3, ...) and 300 holdout rows (rows 0, 2, ...). */
    @BeforeAll
    static void halves() {
        RawTable census = fixture("census_2000.csv.gz");
        train = writeCsv(everyNthRow(census, 2, 1).headRows(300), dir, "train.csv");
        holdout = writeCsv(everyNthRow(census, 2, 0).headRows(300), dir, "holdout.csv");
    }

    /** The training file itself as the pool, unguarded: the result is a copy of the training rows. */
    private static Cli.Result copyRun(String name, Path holdoutFile, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "-q", s(train), "--generator", "pool", "--pool", s(train),
                "--no-privacy-guard", "--na-values", "?", "--refinement-iterations", "1", "--workdir", s(dir),
                "--output", s(dir.resolve(name + ".csv")), "--report", s(dir.resolve(name + ".html")),
                "--holdout", s(holdoutFile)));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    private static String lastLine(Cli.Result r) {
        List<String> lines = r.outLines();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aCopyOfTrainingExitsWithThreeAfterWritingTheResultAndTheReport() {
        Cli.Result r = copyRun("copy", holdout);
        assertEquals(ExitCodes.PRIVACY_FAIL, r.code(), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("copy.csv")), "the result is written");
        assertTrue(Files.isRegularFile(dir.resolve("copy.html")), "the report is written");
        assertTrue(r.out().contains("output: " + dir.resolve("copy.csv")), r.out());
        assertTrue(r.out().contains("DCR share                    1.00000   FAIL"), r.out());
        String last = lastLine(r);
        assertTrue(last.startsWith("privacy gate: FAIL (DCR share 1.00000 >= 0.52") && last.contains("exit code 3")
                && last.contains("--privacy-gate=false"), last);
        assertEquals("", r.err(), "the gate's verdict is on stdout");
    }

    @Test
    void withTheGateOffTheSameRunExitsWithZeroAndSaysWhy() {
        for (String off : new String[] {"--privacy-gate=false", "--no-privacy-gate"}) {
            Cli.Result r = copyRun("off", holdout, off);
            assertEquals(ExitCodes.OK, r.code(), r::toString);
            assertTrue(lastLine(r).startsWith("privacy gate: off (--privacy-gate=false); the result fails the privacy"
                    + " limits: DCR share 1.00000 >= 0.52"), lastLine(r));
        }
    }

    @Test
    void aResultAsFarFromTrainingAsFromTheHoldoutPasses() {
        // the holdout is the training file: every distance to training equals the one to the holdout (share 0.5,
        // NNDR ratio 1), so even a copy passes
        Cli.Result r = copyRun("tie", train);
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("DCR share                    0.50000   ok"), r.out());
        assertEquals("privacy gate: pass", lastLine(r));
    }

    @Test
    void withoutHoldoutThereIsNoGateLine() {
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "pool", "--pool", s(train), "--no-privacy-guard",
                "--na-values", "?", "--refinement-iterations", "1", "--workdir", s(dir), "--output",
                s(dir.resolve("plain.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(lastLine(r).startsWith("output: "), r.out());
        assertTrue(!r.out().contains("privacy gate"), r.out());
    }
}
