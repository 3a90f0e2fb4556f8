package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result has the training column order and the pool's original cell text, byte for byte. */
class OutputTextTest {
    @TempDir
    Path dir;

    static List<String> lines(Path p) throws IOException {
        var in = Files.newInputStream(p);
        var stream = p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        Collections.sort(c);
        return c;
    }

    /** With size = pool rows every row must be chosen: the output is the pool's rows, text unchanged. */
    private void selectAllRowsOf(Path data, String... extra) throws IOException {
        Path out = dir.resolve("out.csv");
        List<String> args = new ArrayList<>(List.of("select", "-q", "--no-privacy-guard", "--train", s(data), "--pool", s(data),
                "--refinement-iterations", "3", "--output", s(out)));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r::toString);
        List<String> in = lines(data);
        List<String> result = lines(out);
        assertEquals(in.get(0), result.get(0), "header");
        assertEquals(sorted(in.subList(1, in.size())), sorted(result.subList(1, result.size())));
    }

    @Test
    void creditcardKeepsExponentNotationInIntegerColumns() throws IOException {
        Path data = fixturePath("creditcard_1000.csv.gz");
        assertTrue(lines(data).stream().anyMatch(l -> l.contains("e+05")), "fixture has 1e+05-style cells");
        selectAllRowsOf(data);
    }

    @Test
    void censusWithQuestionMarksAsMissing() throws IOException {
        selectAllRowsOf(fixturePath("census_2000.csv.gz"), "--na-values", "?");
    }

    /** Pool columns in another order, leading spaces, quoted commas, '?' and empty cells. */
    @Test
    void handMadeTableWithPermutedPoolColumns() throws IOException {
        String[][] rows = {
                {"39", " State-gov", "77516", "\"Smith, J\"", "1e+05"},
                {"50", " Private", "83311", "plain", "?"},
                {"38", " Private", "215646", "\"say \"\"hi\"\"\"", "20000"},
                {"53", " ?", "234721", "", "3.5e+04"},
                {"28", " Self-emp", "338409", "x", "150000"},
                {"37", " Private", "284582", "\"a,b,c\"", "1e+05"},
        };
        String[] header = {"age", "workclass", "fnlwgt", "name", "limit"};
        int[] poolOrder = {4, 2, 0, 3, 1};
        StringBuilder t = new StringBuilder(String.join(",", header)).append('\n');
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < poolOrder.length; i++) {
            p.append(i > 0 ? "," : "").append(header[poolOrder[i]]);
        }
        p.append('\n');
        List<String> trainLines = new ArrayList<>();
        for (int k = 0; k < 4; k++) { // training: 24 rows
            for (String[] row : rows) {
                String line = String.join(",", row);
                t.append(line).append('\n');
                trainLines.add(line);
            }
        }
        for (int k = 0; k < 10; k++) { // pool: the same rows, 60, columns permuted
            for (String[] row : rows) {
                for (int i = 0; i < poolOrder.length; i++) {
                    p.append(i > 0 ? "," : "").append(row[poolOrder[i]]);
                }
                p.append('\n');
            }
        }
        Path train = Cli.write(dir.resolve("train.csv"), t.toString());
        Path pool = Cli.write(dir.resolve("pool.csv"), p.toString());
        Path out = dir.resolve("out.csv");
        Cli.Result r = Cli.run("select", "-q", "--no-privacy-guard", "--train", s(train), "--pool", s(pool), "--na-values", "?",
                "--refinement-iterations", "5", "--output", s(out));
        assertEquals(0, r.code(), r::toString);
        List<String> result = Files.readAllLines(out);
        assertEquals(String.join(",", header), result.get(0));
        assertEquals(1 + trainLines.size(), result.size());
        for (String line : result.subList(1, result.size())) {
            assertTrue(trainLines.contains(line), "not a training row's text: " + line);
        }
    }
}
