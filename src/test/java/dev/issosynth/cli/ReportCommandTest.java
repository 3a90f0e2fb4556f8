package dev.issosynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code issosynth report}: structure, escaping, determinism and errors of the HTML page. */
class ReportCommandTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path holdout;
    static Path synth;

    @BeforeAll
    static void split() {
        ReportFixtures.censusThirds(dir);
        train = dir.resolve("train.csv");
        holdout = dir.resolve("holdout.csv");
        synth = dir.resolve("synth.csv");
    }

    private static Cli.Result report(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("report", "-q", "--na-values", "?", "--train", s(train),
                "--synth", s(synth), "--output", s(out)));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void withHoldoutEverySectionAndChartIsThere() throws Exception {
        Path out = dir.resolve("with-holdout.html");
        Cli.Result r = report(out, "--holdout", s(holdout));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("report: " + out + " (overall accuracy 0."), r.out());
        Document d = ReportFixtures.parse(out);
        for (String id : List.of("summary", "accuracy", "acc-synthetic", "acc-ceiling", "acc-holdout", "univariate",
                "bivariate", "correlation", "privacy", "privacy-figures", "dcr", "parameters", "timings")) {
            assertNotNull(ReportFixtures.byId(d, id), id);
        }
        int columns = 15;
        List<Element> uni = ReportFixtures.byClass(d, "div", "univariate");
        assertEquals(columns, uni.size());
        for (Element card : uni) {
            assertEquals(1, card.getElementsByTagName("svg").getLength());
            assertTrue(card.getElementsByTagName("rect").getLength() >= 2);
        }
        List<Element> pairs = ReportFixtures.byClass(d, "div", "bivariate");
        assertEquals(6, pairs.size());
        for (Element p : pairs) {
            assertEquals(2, p.getElementsByTagName("svg").getLength(), "training and synthetic heatmaps");
        }
        assertEquals(3, ReportFixtures.byId(d, "correlation").getElementsByTagName("svg").getLength());
        // every chart is an svg element, and nothing else draws: 15 + 6 * 2 + 3
        assertEquals(columns + 12 + 3, d.getElementsByTagName("svg").getLength());
        String text = ReportFixtures.byId(d, "privacy-figures").getTextContent();
        assertTrue(text.contains("DCR share") && text.contains("< 0.52") && text.contains("> 0.5"), text);
        // one row per column group, the headline one marked; all columns first
        Element groups = ReportFixtures.byId(d, "privacy-groups");
        assertNotNull(groups);
        org.w3c.dom.NodeList rows = groups.getElementsByTagName("tbody").item(0).getChildNodes();
        List<String> names = new java.util.ArrayList<>();
        int headline = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            if (rows.item(i) instanceof Element row) {
                String first = row.getElementsByTagName("td").item(0).getTextContent();
                names.add(first.replace(" (headline)", ""));
                headline += first.endsWith("(headline)") && "worst".equals(row.getAttribute("class")) ? 1 : 0;
            }
        }
        assertEquals(List.of("all", "correlated 1", "correlated 2", "correlated 3", "random 1", "random 2", "random 3"),
                names);
        assertEquals(1, headline);
        assertTrue(groups.getTextContent().contains("all 15 columns"), groups.getTextContent());
        assertTrue(ReportFixtures.byId(d, "parameter-table").getTextContent().contains("train.csv (666 rows, 15 columns)"));
        assertSelfContained(out);
    }

    @Test
    void withoutHoldoutThereAreNoPrivacyFiguresButAPointerToTheOption() throws Exception {
        Path out = dir.resolve("plain.html");
        Cli.Result r = report(out);
        assertEquals(0, r.code(), r::toString);
        Document d = ReportFixtures.parse(out);
        assertNull(ReportFixtures.byId(d, "privacy-figures"));
        assertNull(ReportFixtures.byId(d, "acc-holdout"));
        assertTrue(ReportFixtures.byId(d, "privacy").getTextContent().contains("--holdout"));
        assertEquals(15, ReportFixtures.byClass(d, "div", "univariate").size());
        assertSelfContained(out);
    }

    /** Opens offline: no script, no external reference of any kind. */
    private static void assertSelfContained(Path html) throws Exception {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        for (String bad : List.of("<script", " src=", " href=", "url(", "@import", "<link", "<iframe")) {
            assertFalse(page.contains(bad), bad);
        }
        String stripped = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "");
        assertFalse(stripped.contains("http:") || stripped.contains("https:"), "a URL in the page");
    }

    @Test
    void sameInputsAndSeedGiveTheSameBytesWhateverTheThreads() throws Exception {
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("sub/b.html");
        assertEquals(0, report(a, "--holdout", s(holdout), "--threads", "1").code());
        assertEquals(0, report(b, "--holdout", s(holdout), "--threads", "2").code());
        String pa = ReportFixtures.withoutTimings(a);
        assertEquals(pa, ReportFixtures.withoutTimings(b));
        // exactly one line was left out
        assertEquals(Files.readAllLines(a).size() - 1, pa.lines().count());
        // a different seed samples other triples and privacy rows: the page changes
        Path c = dir.resolve("c.html");
        assertEquals(0, report(c, "--holdout", s(holdout), "--seed", "7").code());
        assertFalse(pa.equals(ReportFixtures.withoutTimings(c)));
    }

    @Test
    void dataTextIsEscaped() throws Exception {
        String evil = "<b>&\"x";
        Path t = columns(evil, "y", "'quote'")
                .rows(40, i -> new String[] {i % 3 == 0 ? "<script>alert(1)</script>" : i % 3 == 1 ? "a&b" : "</svg>",
                    String.valueOf(i % 7), i % 2 == 0 ? "it's" : "say \"hi\""})
                .writeCsv(dir, "evil.csv");
        Path out = dir.resolve("evil.html");
        Cli.Result r = Cli.run("report", "-q", "--train", s(t), "--synth", s(t), "--holdout", s(t), "--output", s(out));
        assertEquals(0, r.code(), r::toString);
        String page = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(page.contains(evil));
        assertFalse(page.contains("<script"));
        assertFalse(page.contains("<b>"));
        assertTrue(page.contains("&lt;b&gt;&amp;&quot;x"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Document d = ReportFixtures.parse(out);
        List<Element> uni = ReportFixtures.byClass(d, "div", "univariate");
        assertEquals(3, uni.size());
        String title = uni.get(0).getElementsByTagName("h3").item(0).getTextContent();
        assertTrue(title.startsWith(evil + " "), title);
        // the bin labels survive the round trip too
        NodeList texts = uni.get(0).getElementsByTagName("text");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("<script>")), labels::toString);
        // a label's text content is its tooltip (full) followed by the visible (possibly cut) text
        assertTrue(labels.contains("</svg></svg>"), labels::toString);
        assertTrue(labels.contains("a&ba&b"), labels::toString);
    }

    @Test
    void aMissingInputIsOneLineExitOneAndNoFile() {
        Path out = dir.resolve("errors/missing.html");
        Cli.Result r = Cli.run("report", "-q", "--train", s(dir.resolve("nope.csv")), "--synth", s(synth),
                "--output", s(out));
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("issosynth: ") && r.err().contains("nope.csv"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aSyntheticTableWithoutTheTrainingColumnsFailsWithoutLeavingAFile() throws Exception {
        Path errors = Files.createDirectories(dir.resolve("errors2"));
        Path wrong = Cli.write(errors.resolve("wrong.csv"), "a,b\n1,2\n3,4\n");
        Path out = errors.resolve("r.html");
        Cli.Result r = Cli.run("report", "-q", "--na-values", "?", "--train", s(train), "--synth", s(wrong),
                "--output", s(out));
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertEquals(List.of("wrong.csv"), Cli.files(errors), "no report, no temp file");
    }

    @Test
    void anExistingReportIsReplacedOnlyWhenTheNewOneIsComplete() throws Exception {
        Path errors = Files.createDirectories(dir.resolve("errors3"));
        Path out = Cli.write(errors.resolve("r.html"), "old");
        Cli.Result r = Cli.run("report", "-q", "--train", s(dir.resolve("nope.csv")), "--synth", s(synth),
                "--output", s(out));
        assertEquals(1, r.code(), r::toString);
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));
        assertEquals(List.of("r.html"), Cli.files(errors));
    }

    @Test
    void usageErrorsExitTwo() {
        Path out = dir.resolve("usage.html");
        Cli.Result noOutput = Cli.run("report", "--train", s(train), "--synth", s(synth));
        assertEquals(2, noOutput.code(), noOutput::toString);
        assertTrue(noOutput.err().contains("--output"), noOutput.err());
        Cli.Result overwrite = Cli.run("report", "--train", s(train), "--synth", s(synth), "--output", s(synth));
        assertEquals(2, overwrite.code(), overwrite::toString);
        assertTrue(overwrite.err().contains("must not be an input file"), overwrite.err());
        Cli.Result sample = Cli.run("report", "--train", s(train), "--synth", s(synth), "--holdout", s(holdout),
                "--privacy-sample", "1", "--output", s(out));
        assertEquals(2, sample.code(), sample::toString);
        assertFalse(Files.exists(out));
    }
}
