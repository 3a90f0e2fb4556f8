package dev.issosynth.generator.argn;

import dev.issosynth.pipeline.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemms;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.TestFiles;
import dev.issosynth.schema.MissingValues;
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
        RawTable train = table(400, 3L);
        PoolGenerator gen = Generators.create("argn");
        assertInstanceOf(ArgnGenerator.class, gen);
        assertEquals("argn", gen.name());
        Path p1 = dir.resolve("pool1.csv");
        Path p2 = dir.resolve("pool2.csv");
        long t0 = System.nanoTime();
        gen.generate(train, MissingValues.defaults(), 500, 77L, p1, null);
        double secs = (System.nanoTime() - t0) / 1e9;
        Generators.create("argn").generate(train, MissingValues.defaults(), 500, 77L, p2, null);
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p2), "same seed, same pool");

        List<String> lines = Files.readAllLines(p1);
        assertEquals("A,B,C", lines.get(0));
        assertEquals(501, lines.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String v : train.column(2)) {
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
        Encodings enc = Encodings.fit(TestTables.fixture("titanic.csv"), MissingValues.defaults(), true, 42);
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
    void differentSeedDifferentPool() throws IOException {
        RawTable train = table(120, 4L);
        ArgnGenerator gen = new ArgnGenerator(new ArgnGenerator.Options(
                dev.issosynth.generator.argn.model.ModelSize.MEDIUM, 2, 1, true, 1.0, 1.0, false));
        Path p1 = dir.resolve("a.csv");
        Path p2 = dir.resolve("b.csv");
        gen.generate(train, MissingValues.defaults(), 50, 1L, p1, null);
        gen.generate(train, MissingValues.defaults(), 50, 2L, p2, null);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(p1), Files.readAllBytes(p2)));
        gen.generate(train, MissingValues.defaults(), 0, 1L, p1, null);
        assertEquals(List.of("A,B,C"), Files.readAllLines(p1));
    }

    @Test
    void poolIsByteIdenticalForOneAndThreeThreads() throws IOException {
        RawTable train = table(300, 5L);
        ArgnGenerator.Options base = new ArgnGenerator.Options(
                dev.issosynth.generator.argn.model.ModelSize.MEDIUM, 3, 0, true, 1.0, 1.0, false);
        Path p1 = dir.resolve("t1.csv");
        Path p3 = dir.resolve("t3.csv");
        // 2,345 rows: three generation batches, the last one partial, spread over the threads
        new ArgnGenerator(base.withThreads(1)).generate(train, MissingValues.defaults(), 2345, 9L, p1, null);
        new ArgnGenerator(base.withThreads(3)).generate(train, MissingValues.defaults(), 2345, 9L, p3, null);
        assertEquals(2346, Files.readAllLines(p1).size());
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p3));
        assertThrows(IllegalArgumentException.class, () -> base.withThreads(-1));
    }

    private static ArgnGenerator models(int k) {
        return new ArgnGenerator(new ArgnGenerator.Options(
                dev.issosynth.generator.argn.model.ModelSize.SMALL, 1, 0, true, 1.0, 1.0, false, k));
    }

    @Test
    void severalModelsFillOnePoolEvenlyAndDeterministically() throws IOException {
        RawTable train = table(300, 5L);
        Path one = dir.resolve("one.csv");
        Path twoA = dir.resolve("twoA.csv");
        Path twoB = dir.resolve("twoB.csv");
        models(1).generate(train, MissingValues.defaults(), 201, 9L, one, null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        models(2).generate(train, MissingValues.defaults(), 201, 9L, twoA, progress);
        models(2).generate(train, MissingValues.defaults(), 201, 9L, twoB, null);

        List<String> lines = Files.readAllLines(twoA);
        assertEquals(1 + 201, lines.size());
        assertEquals("A,B,C", lines.get(0));
        assertArrayEquals(Files.readAllBytes(twoA), Files.readAllBytes(twoB), "same seed, same pool");
        byte[] single = Files.readAllBytes(one);
        assertFalse(java.util.Arrays.equals(single, Files.readAllBytes(twoA)), "two models differ from one");
        // model 1 keeps the seeds of a single-model run: its 101 rows are what one model makes for 101 rows
        Path first = dir.resolve("first.csv");
        models(1).generate(train, MissingValues.defaults(), 101, 9L, first, null);
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
        models(3).generate(table(100, 6L), MissingValues.defaults(), 2, 1L, out, progress);
        assertEquals(3, Files.readAllLines(out).size());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("[train argn 2/3] started") && !log.contains("[train argn 3/3] started"), log);
        assertTrue(log.contains("model 3/3 not trained"), log);
    }

    @Test
    void savingNeedsOneModel() {
        Path out = dir.resolve("p.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> models(2).generate(
                table(50, 1L), MissingValues.defaults(), 10, 1L, out, null, dir.resolve("m.argn")));
        assertEquals(ArgnGenerator.SAVE_ONE_MODEL, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArgnGenerator.Options(
                dev.issosynth.generator.argn.model.ModelSize.SMALL, 1, 0, true, 1.0, 1.0, false, -1));
        assertEquals(List.of(), TestFiles.listing(dir));
    }

    @Test
    void autoModelsAreTwoUpToTheCellLimitOneAboveAndOneWhenSaving() {
        ArgnGenerator.Options auto = ArgnGenerator.Options.defaults();
        assertEquals(ArgnGenerator.AUTO_MODELS, auto.models());
        int rows = (int) (ArgnGenerator.AUTO_TWO_MODELS_MAX_CELLS / 2);
        RawTable atLimit = TestTables.rows(rows).column("a", i -> "x").column("b", i -> "x").build();
        RawTable above = TestTables.rows(rows + 1).column("a", i -> "x").column("b", i -> "x").build();
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
