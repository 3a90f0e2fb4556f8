package dev.issosynth.cli;

import dev.issosynth.io.RawTable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.issosynth.testing.TestTables.everyNthRow;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.writeCsv;

/** Census thirds for the report tests, and a strict XML parse of the page. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /**
     * census_2000 cut in thirds by row, in {@code dir}: train.csv (rows 2, 5, 8, ...), holdout.csv (rows 0, 3, ...)
     * and synth.csv (rows 1, 4, ..., a fresh real sample).
     */
    static void censusThirds(Path dir) {
        RawTable census = fixture("census_2000.csv.gz");
        writeCsv(everyNthRow(census, 3, 2), dir, "train.csv");
        writeCsv(everyNthRow(census, 3, 0), dir, "holdout.csv");
        writeCsv(everyNthRow(census, 3, 1), dir, "synth.csv");
    }

    /** Parses the page as XML (well-formedness is the test); no DTD or external entity is fetched. */
    static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setExpandEntityReferences(false);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(Files.readAllBytes(html)));
    }

    /** Elements with this tag whose class attribute contains {@code cls} as a word. */
    static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if ((" " + e.getAttribute("class") + " ").contains(" " + cls + " ")) {
                out.add(e);
            }
        }
        return out;
    }

    static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    /** The page without its one clock-dependent line. */
    static String withoutTimings(Path html) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(html, StandardCharsets.UTF_8)) {
            if (!line.contains("id=\"timings\"")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
