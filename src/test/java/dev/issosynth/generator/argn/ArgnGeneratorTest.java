package dev.issosynth.generator.argn;

import dev.issosynth.pipeline.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.encoding.CategoricalEncoding;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.math.Gemms;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.TestFiles;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgnGeneratorTest {
    private static final MissingValues NA = MissingValues.defaults();

    @TempDir
    Path dir;

    /** A ∈ {x,y,z}, B = A + "1", C numeric with one decimal in [10, 60). */
    private static RawTable table(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return TestTables.columns("A", "B", "C").rows(n, r -> {
            String a = String.valueOf((char) ('x' + rng.nextInt(3)));
            return new String[] {a, a + "1", String.format(Locale.ROOT, "%.1f", 10 + rng.nextInt(500) / 10.0)};
        }).build();
    }

    @Test
    void endToEndKeepsTheDependency() throws IOException {
        TrainingTable train = TrainingTable.of(table(400, 3L), NA);
        PoolGenerator gen = Generators.create("argn");
        assertInstanceOf(ArgnGenerator.class, gen);
        assertEquals("argn", gen.name());
        Path p1 = dir.resolve("pool1.csv");
        Path p2 = dir.resolve("pool2.csv");
        long t0 = System.nanoTime();
        gen.generate(train, 500, 77L, PoolOutput.to(p1), Progress.silent());
        double secs = (System.nanoTime() - t0) / 1e9;
        Generators.create("argn").generate(train, 500, 77L, PoolOutput.to(p2), Progress.silent());
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p2), "same seed, same pool");

        List<String> lines = Files.readAllLines(p1);
        assertEquals("A,B,C", lines.get(0));
        assertEquals(501, lines.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String v : train.raw().column(2)) {
            min = Math.min(min, Double.parseDouble(v));
            max = Math.max(max, Double.parseDouble(v));
        }
        int match = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(3, cells.length, line);
            assertFalse(line.contains("_RARE_"), line);
            assertTrue(List.of("x", "y", "z").contains(cells[0]), line);
            if (cells[1].equals(cells[0] + "1")) {
                match++;
            }
            double c = Double.parseDouble(cells[2]);
            assertTrue(c >= min && c <= max, "C " + c + " outside [" + min + ", " + max + "]");
        }
        System.out.printf("argn generator: 500 rows from 400 in %.2fs, B = A in %d/500 rows%n", secs, match);
        // an independent sampler keeps B = A in about a third of the rows; argn runs measured 87-99 % over seeds
        assertTrue(match > 400, "B matches A in only " + match + " of 500 rows");
    }

    @Test
    void suppressionMasksAreNullOnlyWhereNothingIsSuppressed() {
        Encodings enc = Encodings.fit(TrainingTable.of(TestTables.fixture("titanic.csv"), NA), true, 42);
        boolean[][] masks = ArgnGenerator.suppressionMasks(enc);
        int withMask = 0;
        for (int s = 0; s < enc.subColumnCount(); s++) {
            boolean any = false;
            for (int k = 0; k < enc.subColumns().get(s).cardinality(); k++) {
                any |= enc.suppressed(s, k);
                if (masks[s] != null) {
                    assertEquals(enc.suppressed(s, k), masks[s][k], "sub-column " + s + " code " + k);
                }
            }
            assertEquals(any, masks[s] != null, "sub-column " + s);
            withMask += any ? 1 : 0;
        }
        assertTrue(withMask > 0 && withMask < enc.subColumnCount(), withMask + " masks"); // both cases occur
    }

    @Test
    void aTableTooSmallToLearnFromIsRefusedBeforeTraining() throws IOException {
        ArgnGenerator gen = new ArgnGenerator(ArgnSettings.builder().maxEpochs(1).maxTrainingMinutes(1).models(1)
                .build());
        Path p = dir.resolve("small.csv");
        dev.issosynth.io.InputException e = assertThrows(dev.issosynth.io.InputException.class, () -> gen.generate(
                TrainingTable.of(table(ArgnGenerator.MIN_TRAINING_ROWS - 1, 4L), NA), 20, 1L, PoolOutput.to(p),
                Progress.silent()));
        assertEquals("argn needs at least 10 training rows to learn from; the table has 9 (use a larger table, or"
                + " --generator independent)", e.getMessage());
        assertFalse(Files.exists(p), "nothing written");
        gen.generate(TrainingTable.of(table(ArgnGenerator.MIN_TRAINING_ROWS, 4L), NA), 20, 1L, PoolOutput.to(p),
                Progress.silent());
        assertEquals(21, Files.readAllLines(p).size(), "10 rows are enough to train on");
    }

    @Test
    void differentSeedDifferentPool() throws IOException {
        TrainingTable train = TrainingTable.of(table(120, 4L), NA);
        ArgnGenerator gen = new ArgnGenerator(ArgnSettings.builder().maxEpochs(2).maxTrainingMinutes(1)
                .models(1).build());
        Path p1 = dir.resolve("a.csv");
        Path p2 = dir.resolve("b.csv");
        gen.generate(train, 50, 1L, PoolOutput.to(p1), Progress.silent());
        gen.generate(train, 50, 2L, PoolOutput.to(p2), Progress.silent());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(p1), Files.readAllBytes(p2)));
        gen.generate(train, 0, 1L, PoolOutput.to(p1), Progress.silent());
        assertEquals(List.of("A,B,C"), Files.readAllLines(p1));
    }

    @Test
    void poolIsByteIdenticalForOneAndThreeThreads() throws IOException {
        TrainingTable train = TrainingTable.of(table(300, 5L), NA);
        ArgnSettings base = ArgnSettings.builder().maxEpochs(3).maxTrainingMinutes(0).models(1)
                .build();
        Path p1 = dir.resolve("t1.csv");
        Path p3 = dir.resolve("t3.csv");
        // 2,345 rows: three generation batches, the last one partial, spread over the threads
        new ArgnGenerator(base.withThreads(1)).generate(train, 2345, 9L, PoolOutput.to(p1), Progress.silent());
        new ArgnGenerator(base.withThreads(3)).generate(train, 2345, 9L, PoolOutput.to(p3), Progress.silent());
        assertEquals(2346, Files.readAllLines(p1).size());
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p3));
        assertThrows(IllegalArgumentException.class, () -> base.withThreads(-1));
    }

    @Test
    void missingCellsAreWrittenWithTheColumnsOwnToken(@TempDir Path dir) throws IOException {
        // b's missing cells are "?", c's are empty; both are missing for the model
        RawTable t = TestTables.columns("a", "b", "c").rows(300, r -> new String[] {
            r % 3 == 0 ? "x" : "y", r % 4 == 0 ? "?" : Integer.toString(r % 17), r % 5 == 0 ? "" : "k" + (r % 2)})
                .build();
        TrainingTable train = TrainingTable.of(t, MissingValues.defaults().withExtra(List.of("?")));
        assertArrayEquals(new String[] {null, "?", null}, ArgnGenerator.missingTokens(train, t.header()));
        Path pool = dir.resolve("pool.csv");
        models(1).generate(train, 600, 5, PoolOutput.to(pool), Progress.silent());
        List<List<String>> rows = TestTables.rowsOf(dev.issosynth.io.CsvReader.read(pool));
        assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("?")), "missing b written as ?");
        assertTrue(rows.stream().noneMatch(r -> r.get(1).isEmpty()), "no empty b");
        assertTrue(rows.stream().anyMatch(r -> r.get(2).isEmpty()), "missing c stays empty");
    }

    @Test
    void aFormattedDateAndAColumnsOwnMissingTokenComeOutAsTheTrainingFileWritesThem(@TempDir Path dir)
            throws IOException {
        // d: day-first dates (some missing); a: -1 means missing in a only; b: the same numbers, -1 a value
        java.time.format.DateTimeFormatter dayFirst = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        RawTable t = TestTables.columns("d", "a", "b").rows(300, r -> new String[] {
            r % 10 == 0 ? "" : dayFirst.format(java.time.LocalDate.of(2015, 3, 1).plusDays(37L * (r % 40))),
            r % 5 == 0 ? "-1" : Integer.toString(r % 9), r % 5 == 0 ? "-1" : Integer.toString(r % 9)}).build();
        TrainingTable train = TrainingTable.of(t, NA, dev.issosynth.schema.ColumnRules.auto()
                .withFormats(java.util.Map.of("d", dev.issosynth.schema.DateFormat.of("dd/MM/yyyy")))
                .withMissing(java.util.Map.of("a", List.of("-1"))));
        assertArrayEquals(new String[] {null, "-1", null}, ArgnGenerator.missingTokens(train, t.header()));
        Path pool = dir.resolve("pool.csv");
        Path model = dir.resolve("m.argn");
        models(1).generate(train, 600, 5, PoolOutput.to(pool), Progress.silent(), model);
        RawTable out = dev.issosynth.io.CsvReader.read(pool);
        int missingA = 0;
        int datesSeen = 0;
        for (int r = 0; r < out.rowCount(); r++) {
            String d = out.cell(0, r);
            assertTrue(d.isEmpty() || d.matches("\\d{2}/\\d{2}/\\d{4}"), "day-first as in training: " + d);
            datesSeen += d.isEmpty() ? 0 : 1;
            String a = out.cell(1, r);
            assertTrue(a.equals("-1") || a.matches("[0-8]"), "a: a training number or its own missing token: " + a);
            missingA += a.equals("-1") ? 1 : 0;
            assertTrue(out.cell(2, r).matches("-1|[0-8]"), "b: numbers, -1 among them: " + out.cell(2, r));
        }
        assertTrue(datesSeen > 400, datesSeen + " dates");
        assertTrue(missingA > 0, "missing a written as -1");
        // the model file keeps the format: sampled again from it, the same pool
        ArgnModelFile.Loaded loaded = ArgnModelFile.read(model);
        Path again = dir.resolve("again.csv");
        models(1).generateFromSaved(loaded, 600, 5, PoolOutput.to(again), Progress.silent(), train);
        assertArrayEquals(Files.readAllBytes(pool), Files.readAllBytes(again));
    }

    private static ArgnGenerator models(int k) {
        return new ArgnGenerator(ArgnSettings.builder().size(ModelSize.SMALL).maxEpochs(1)
                .maxTrainingMinutes(0).models(k).build());
    }

    @Test
    void severalModelsFillOnePoolEvenlyAndDeterministically() throws IOException {
        TrainingTable train = TrainingTable.of(table(300, 5L), NA);
        Path one = dir.resolve("one.csv");
        Path twoA = dir.resolve("twoA.csv");
        Path twoB = dir.resolve("twoB.csv");
        models(1).generate(train, 201, 9L, PoolOutput.to(one), Progress.silent());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        models(2).generate(train, 201, 9L, PoolOutput.to(twoA), progress);
        models(2).generate(train, 201, 9L, PoolOutput.to(twoB), Progress.silent());

        List<String> lines = Files.readAllLines(twoA);
        assertEquals(1 + 201, lines.size());
        assertEquals("A,B,C", lines.get(0));
        assertArrayEquals(Files.readAllBytes(twoA), Files.readAllBytes(twoB), "same seed, same pool");
        byte[] single = Files.readAllBytes(one);
        assertFalse(java.util.Arrays.equals(single, Files.readAllBytes(twoA)), "two models differ from one");
        // model 1 keeps the seeds of a single-model run: its 101 rows are what one model makes for 101 rows
        Path first = dir.resolve("first.csv");
        models(1).generate(train, 101, 9L, PoolOutput.to(first), Progress.silent());
        assertEquals(Files.readAllLines(first), lines.subList(0, 1 + 101));

        String log = err.toString(StandardCharsets.UTF_8);
        for (String stage : List.of("[train argn 1/2] started", "[generate argn 1/2] done", "[train argn 2/2] started",
                "[generate argn 1/2] done", "101 rows", "[generate argn 2/2] done", "100 rows")) {
            assertTrue(log.contains(stage), stage + " missing in:\n" + log);
        }
        assertEquals(1, log.lines().filter(l -> l.startsWith("[train argn] GEMM kernel: ")).count(), log);
        assertTrue(log.contains("[train argn] GEMM kernel: " + Gemms.best().name()), log);
        assertEquals(List.of("first.csv", "one.csv", "twoA.csv", "twoB.csv"), TestFiles.listing(dir),
                "one file per pool, no temp files");
    }

    @Test
    void rowsAreSplitAsEvenlyAsPossibleRemainderFirst() {
        assertEquals(List.of(4L, 3L, 3L), List.of(ArgnGenerator.share(10, 3, 0), ArgnGenerator.share(10, 3, 1),
                ArgnGenerator.share(10, 3, 2)));
        assertEquals(List.of(1L, 1L, 0L), List.of(ArgnGenerator.share(2, 3, 0), ArgnGenerator.share(2, 3, 1),
                ArgnGenerator.share(2, 3, 2)));
        assertEquals(7L, ArgnGenerator.share(7, 1, 0));
    }

    @Test
    void moreModelsThanRowsTrainsOnlyTheModelsWithRows() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        Path out = dir.resolve("p.csv");
        models(3).generate(TrainingTable.of(table(100, 6L), NA), 2, 1L, PoolOutput.to(out), progress);
        assertEquals(3, Files.readAllLines(out).size());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("[train argn 2/3] started") && !log.contains("[train argn 3/3] started"), log);
        assertTrue(log.contains("model 3/3 not trained"), log);
    }

    @Test
    void savingNeedsOneModel() {
        Path out = dir.resolve("p.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> models(2).generate(
                TrainingTable.of(table(50, 1L), NA), 10, 1L, PoolOutput.to(out), Progress.silent(),
                dir.resolve("m.argn")));
        assertEquals(ArgnGenerator.SAVE_ONE_MODEL, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArgnSettings.builder().models(0).build());
        assertEquals(List.of(), TestFiles.listing(dir));
    }

    @Test
    void optionsHoldTheDefaultsAndCheckEveryValueNamingItsOption() {
        ArgnSettings d = ArgnSettings.defaults();
        assertEquals(new ArgnSettings(ModelSize.MEDIUM, 100, 10, true, 1.0, 1.0, false,
                ArgnGenerator.AUTO_MODELS, 0, 0.5, 4, CategoricalEncoding.RareReplacement.SAMPLE, 0), d);
        assertEquals(d, d.toBuilder().build());
        ArgnSettings o = d.toBuilder().size(ModelSize.LARGE).maxEpochs(3).models(2).threads(5).build();
        assertEquals(o, o.toBuilder().build(), "toBuilder keeps every value");
        assertEquals(3, o.withThreads(1).maxEpochs());
        assertEquals(1, o.withThreads(1).threads());
        List<Runnable> bad = List.of(
                () -> d.toBuilder().size(null).build(),
                () -> d.toBuilder().maxTrainingRows(-1).build(),
                () -> d.toBuilder().maxEpochs(0).build(),
                () -> d.toBuilder().maxTrainingMinutes(-1).build(),
                () -> d.toBuilder().maxTrainingMinutes(Double.NaN).build(),
                () -> d.toBuilder().temperature(-0.1).build(),
                () -> d.toBuilder().temperature(Double.POSITIVE_INFINITY).build(),
                () -> d.toBuilder().topP(0).build(),
                () -> d.toBuilder().topP(1.01).build(),
                () -> d.toBuilder().models(0).build(),
                () -> d.toBuilder().models(-2).build(),
                () -> d.toBuilder().threads(-1).build(),
                () -> d.toBuilder().tableOrderShare(-0.01).build(),
                () -> d.toBuilder().tableOrderShare(Double.NaN).build(),
                () -> d.toBuilder().averageEpochs(-1).build(),
                () -> d.withThreads(-1));
        List<String> names = List.of("--model ", "--max-training-rows ", "--max-epochs ", "--max-training-minutes ", "--max-training-minutes ",
                "--temperature ", "--temperature ", "--top-p ", "--top-p ", "--models ", "--models ", "--threads ",
                "--table-order-share ", "--table-order-share ", "--weight-average-epochs ", "--threads ");
        for (int i = 0; i < bad.size(); i++) {
            String message = assertThrows(IllegalArgumentException.class, bad.get(i)::run).getMessage();
            assertTrue(message.startsWith(names.get(i) + "must "), message);
        }
    }

    @Test
    void autoModelsAreTwoUpToTheCellLimitOneAboveAndOneWhenSaving() {
        ArgnSettings auto = ArgnSettings.defaults();
        assertEquals(ArgnGenerator.AUTO_MODELS, auto.models());
        int rows = (int) (ArgnGenerator.AUTO_TWO_MODELS_MAX_CELLS / 2);
        TrainingTable atLimit = TrainingTable.of(TestTables.rows(rows).column("a", i -> "x").column("b", i -> "x")
                .build(), NA);
        TrainingTable above = TrainingTable.of(TestTables.rows(rows + 1).column("a", i -> "x").column("b", i -> "x")
                .build(), NA);
        assertEquals(2, auto.modelsFor(atLimit, false));
        assertEquals(1, auto.modelsFor(above, false));
        assertEquals(1, auto.modelsFor(atLimit, true), "a model file holds one model");
        assertEquals(3, models(3).options().modelsFor(atLimit, false), "an explicit count is kept");
    }

    @Test
    void kernelIsLoggedAndTheScalarHintShownOnce() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        AtomicBoolean hinted = new AtomicBoolean();
        ArgnGenerator.reportKernel(progress, "vector256", hinted);
        assertEquals("[train argn] GEMM kernel: vector256", err.toString(StandardCharsets.UTF_8).trim());
        err.reset();
        ArgnGenerator.reportKernel(progress, "scalar", hinted);
        ArgnGenerator.reportKernel(progress, "scalar", hinted);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines::toString);
        assertEquals(1, lines.stream().filter(l -> l.contains("--add-modules jdk.incubator.vector")
                && l.contains("8x faster")).count(), lines::toString);
    }
}
