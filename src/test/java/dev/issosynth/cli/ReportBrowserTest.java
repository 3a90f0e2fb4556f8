package dev.issosynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.issosynth.cli.Cli.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report in a real headless browser (Debian's chromium): the page loads without console messages, the DOM
 * Chromium builds holds every SVG chart, and a screenshot renders. Skipped when no chromium is on the PATH
 * ({@code apt-get install -y chromium} enables it); CI does not install one.
 */
class ReportBrowserTest {
    @TempDir
    static Path dir;
    static Path report;
    static Optional<Path> chromium;

    @BeforeAll
    static void makeReport() throws Exception {
        chromium = findChromium();
        if (chromium.isEmpty()) {
            return;
        }
        ReportFixtures.censusThirds(dir);
        report = dir.resolve("report.html");
        Cli.Result r = Cli.run("report", "-q", "--na-values", "?", "--train", s(dir.resolve("train.csv")),
                "--synth", s(dir.resolve("synth.csv")), "--holdout", s(dir.resolve("holdout.csv")),
                "--output", s(report));
        assertEquals(0, r.code(), r::toString);
    }

    static Optional<Path> findChromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static void requireChromium() {
        assumeTrue(chromium.isPresent(), "no chromium on the PATH: headless-browser test skipped "
                + "(apt-get install -y chromium to run it)");
    }

    record Run(String stdout, String stderr) {
    }

    /** Runs headless chromium with the flags that keep it off the network, in a fresh profile. */
    private static Run browse(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> cmd = new ArrayList<>(List.of(chromium.get().toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Console output of the page, as chromium logs it with --enable-logging=stderr ("CONSOLE(line)" lines). */
    private static List<String> consoleLines(String stderr) {
        return stderr.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
    }

    @Test
    void theConsoleCheckSeesAnErrorOnABadPage() throws Exception {
        requireChromium();
        // the control: a page that does log an error must be caught, or the next test proves nothing
        Path bad = Cli.write(dir.resolve("bad.html"),
                "<!DOCTYPE html><html><body><p>x</p><script>console.error('boom'); undefinedFunction();</script></body></html>");
        Run r = browse("--dump-dom", bad.toUri().toString());
        List<String> console = consoleLines(r.stderr());
        assertFalse(console.isEmpty(), () -> "no console line seen for a failing page; stderr:\n" + r.stderr());
    }

    @Test
    void theReportLoadsWithoutConsoleMessagesAndHasEveryChart() throws Exception {
        requireChromium();
        Run r = browse("--dump-dom", report.toUri().toString());
        assertEquals(List.of(), consoleLines(r.stderr()), r.stderr());
        String dom = r.stdout();
        assertTrue(dom.contains("id=\"univariate\"") && dom.contains("id=\"privacy-figures\""), dom.length() + " chars");
        int svgs = dom.split("<svg", -1).length - 1;
        assertEquals(15 + 6 * 2 + 3, svgs, "svg elements in the browser's DOM");
        // the browser parsed the charts as SVG, not as unknown HTML: its serialisation keeps the SVG namespace
        assertTrue(dom.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void aScreenshotRenders() throws Exception {
        requireChromium();
        Path png = dir.resolve("report.png");
        Run r = browse("--hide-scrollbars", "--window-size=1400,2000", "--screenshot=" + png, report.toUri().toString());
        assertTrue(Files.size(png) > 20_000, () -> "tiny screenshot; stderr:\n" + r.stderr());
        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertEquals(List.of(), consoleLines(r.stderr()), r.stderr());
    }
}
