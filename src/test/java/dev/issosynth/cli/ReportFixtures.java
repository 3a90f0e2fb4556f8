package dev.issosynth.cli;

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
import java.util.zip.GZIPInputStream;

/** Census thirds for the report tests, and a strict XML parse of the page. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** census_2000 cut in thirds by line: train.csv, holdout.csv, synth.csv (a fresh real sample) in {@code dir}. */
    static void censusThirds(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var in = new GZIPInputStream(Files.newInputStream(Cli.fixture("census_2000.csv.gz")))) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
        }
        String header = lines.get(0);
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 1; i < lines.size(); i++) {
            parts.get(i % 3).add(lines.get(i));
        }
        String[] names = {"train.csv", "holdout.csv", "synth.csv"};
        for (int p = 0; p < 3; p++) {
            Cli.write(dir.resolve(names[p]), header + "\n" + String.join("\n", parts.get(p)) + "\n");
        }
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
