package dev.issosynth.api;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API does what the command line does, byte for byte, and its README example compiles and runs. */
class ApiTest {
    @TempDir
    Path dir;

    private Path small() {
        return TestTables.columns("id", "group", "age", "city")
                .rows(240, i -> new String[] {"cu" + (1000 + i), "g" + (i % 4), Integer.toString(18 + (i * 7) % 50),
                    i % 3 == 0 ? "?" : (i % 5 < 2 ? "Graz" : "Linz")})
                .writeCsv(dir, "train.csv");
    }

    private static int cli(String... args) {
        return new picocli.CommandLine(new dev.issosynth.cli.IssosynthCommand()).execute(args);
    }

    @Test
    void tablesKeepTheirKeysAndDeclaredTypesApart() {
        Table t = Table.read(small(), TableOptions.builder().naValues("?").columnType("age", "categorical").build());
        assertEquals(240, t.rowCount());
        assertEquals(List.of("group", "age", "city"), t.columns());
        assertEquals(List.of("id"), t.keys());
        IssosynthException missing = assertThrows(IssosynthException.class, () -> Table.read(dir.resolve("no.csv")));
        assertEquals(dir.resolve("no.csv") + ": file not found", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TableOptions.builder().columnType("age", "text").build());
    }

    @Test
    void aColumnsDateFormatAndOwnMissingTokensAreOptionsToo() {
        Path train = TestTables.columns("visit", "score", "level")
                .rows(60, i -> new String[] {String.format("%02d/%02d/2021", 1 + i % 28, 1 + i % 12),
                    i % 4 == 0 ? "-1" : i % 4 == 1 ? "unknown" : Integer.toString(i % 6), Integer.toString(i % 6 - 1)})
                .writeCsv(dir, "visits.csv");
        TableOptions options = TableOptions.builder().columnFormat("visit", "%d/%m/%Y")
                .columnMissing("score", "-1").columnMissing("score", "unknown").build();
        assertEquals(java.util.Map.of("score", List.of("-1", "unknown")), options.columnMissing());
        Table t = Table.read(train, options);
        var table = t.training();
        assertEquals(dev.issosynth.schema.ColumnType.DATETIME, table.columnType(0), "a format alone: a datetime");
        assertEquals(dev.issosynth.schema.ColumnType.NUMERIC, table.columnType(1), "-1 and unknown are missing");
        assertTrue(table.na(1).isMissing("-1") && table.na(1).isMissing("unknown"));
        assertFalse(table.na(2).isMissing("-1"), "level's -1 is a number");
        assertEquals(dev.issosynth.schema.ColumnType.CATEGORICAL, Table.read(train).training().columnType(0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TableOptions.builder().columnFormat("visit", "%d/%m/%Q").build());
        assertTrue(bad.getMessage().startsWith("column visit: bad date format '%d/%m/%Q'"), bad.getMessage());
        IssosynthException wrong = assertThrows(IssosynthException.class, () -> Table.read(train,
                TableOptions.builder().columnFormat("visit", "MM/dd/yyyy").build()));
        assertTrue(wrong.getMessage().contains("column visit is declared datetime in --columns, but row 13 holds"
                + " '13/01/2021' (format MM/dd/yyyy)"), wrong.getMessage());
    }

    @Test
    void selectWritesWhatTheCommandWrites() throws Exception {
        Path train = small();
        Table t = Table.read(train, TableOptions.builder().naValues("?").build());
        Path pool = Issosynth.generatePool(t, GeneratorOptions.builder().generator("independent").build(), 2400, 5,
                dir.resolve("pool.csv"), ProgressListener.none());
        List<String> stages = new ArrayList<>();
        SelectionResult r = Issosynth.select(t, pool, dir.resolve("api.csv"),
                SelectionOptions.builder().seed(5).size(200).refinementIterations(3).build(), new ProgressListener() {
                    @Override
                    public void stage(String stage) {
                        stages.add(stage);
                    }
                });
        assertEquals(200, r.rows());
        assertEquals(2400, r.poolRows());
        assertTrue(stages.containsAll(List.of("read", "ipf", "trim", "refine", "write")), stages.toString());
        assertEquals(0, cli("select", "-q", "--train", train.toString(), "--pool", pool.toString(), "--na-values", "?",
                "--seed", "5", "--size", "200", "--refinement-iterations", "3", "--output",
                dir.resolve("cli.csv").toString()));
        assertEquals(Files.readString(dir.resolve("cli.csv")), Files.readString(r.output()));
        Evaluation e = Issosynth.evaluate(t, r.output(), null, 5);
        assertEquals(r.overall(), e.overall(), 1e-12, "the selection's own figure is evaluate's");
        assertFalse(e.hasHoldout());
        assertTrue(Double.isNaN(e.dcrShare()));
        Evaluation copies = Issosynth.evaluate(t, train, r.output(), 5);
        assertEquals(1.0, copies.overall(), 1e-12, "the training rows themselves");
        assertTrue(copies.hasHoldout() && copies.dcrShare() > 0.6 && !copies.privacyPass(),
                "copies of the training rows fail: DCR share " + copies.dcrShare());
        // copying is seen without a holdout too: every training row repeats all of itself
        assertEquals(1.0, copies.copyingShare(), 1e-12);
        assertTrue(copies.copyingSuspected());
        assertFalse(e.copyingSuspected(), "an independent pool's selection copies nothing: " + e.copyingShare());
    }

    @Test
    void steeringFromJavaMatchesTheCommandsSteering() throws Exception {
        Path train = small();
        Table t = Table.read(train, TableOptions.builder().naValues("?").build());
        Path pool = Issosynth.generatePool(t, GeneratorOptions.builder().generator("independent").build(), 2400, 5,
                dir.resolve("pool.csv"), ProgressListener.none());
        SelectionResult r = Issosynth.select(t, pool, dir.resolve("steered.csv"), SelectionOptions.builder().seed(5)
                .size(200).refinementIterations(3).rebalance("group", java.util.Map.of("g0", 0.5)).impute("city")
                .build(), ProgressListener.none());
        assertEquals(0, cli("select", "-q", "--train", train.toString(), "--pool", pool.toString(), "--na-values", "?",
                "--seed", "5", "--size", "200", "--refinement-iterations", "3", "--rebalance", "group=g0:0.5",
                "--impute", "city", "--output", dir.resolve("cli.csv").toString()));
        assertEquals(Files.readString(dir.resolve("cli.csv")), Files.readString(r.output()));
        dev.issosynth.io.RawTable out = dev.issosynth.io.CsvReader.read(r.output());
        long g0 = java.util.Arrays.stream(out.column(out.columnIndex("group"))).filter("g0"::equals).count();
        assertEquals(100, g0, 4, "half the rows in g0 (a quarter in the training data)");
        assertTrue(java.util.Arrays.stream(out.column(out.columnIndex("city"))).noneMatch("?"::equals));
        assertThrows(IllegalArgumentException.class, () -> SelectionOptions.builder()
                .rebalance("group", java.util.Map.of("g0", 1.5)).build());
    }

    @Test
    void aFittedModelSamplesWhatOneGenerationWrites() throws Exception {
        Table t = Table.read(small(), TableOptions.builder().naValues("?").build());
        GeneratorOptions quick = GeneratorOptions.builder().maxEpochs(2).models(1).build();
        Model m = Model.fit(t, quick, 9, dir.resolve("m.argn"), ProgressListener.none());
        assertEquals(List.of("group", "age", "city"), m.columns());
        Path sampled = Model.load(m.file()).sample(300, 9, dir.resolve("sampled.csv"), t, ProgressListener.none());
        Path direct = Issosynth.generatePool(t, quick, 300, 9, dir.resolve("direct.csv"), ProgressListener.none());
        assertEquals(Files.readString(direct), Files.readString(sampled));
        RawTable rows = CsvReader.read(sampled);
        assertEquals(300, rows.rowCount());
        assertArrayEquals(new String[] {"group", "age", "city"}, rows.header());
        assertTrue(List.of(rows.column(2)).contains("?"), "missing cells spelled as the training file spells them");
    }

    @Test
    void theReadmeExampleCompilesAndRuns() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/issosynth/api/Example.java"));
        String example = source.substring(source.indexOf("// README:start\n") + 16, source.indexOf("// README:end"));
        assertTrue(Files.readString(Path.of("README.md")).contains("```java\n" + example + "```"),
                "the README shows Example.java as it is");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Example.main(new String[] {TestTables.fixturePath("titanic.csv").toString(), dir.toString()});
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).matches("1309 rows, accuracy 0\\.9\\d{3}\\R"),
                printed.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("result.csv")) && Files.exists(dir.resolve("pool.csv")));
    }
}
