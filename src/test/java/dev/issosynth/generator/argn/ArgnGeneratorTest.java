package dev.issosynth.generator.argn;

import dev.issosynth.generator.Generators;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgnGeneratorTest {
    @TempDir
    Path dir;

    /** A ∈ {x,y,z}, B = A + "1", C numeric with one decimal in [10, 60). */
    private static RawTable table(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] a = new String[n];
        String[] b = new String[n];
        String[] c = new String[n];
        for (int r = 0; r < n; r++) {
            a[r] = String.valueOf((char) ('x' + rng.nextInt(3)));
            b[r] = a[r] + "1";
            c[r] = String.format(Locale.ROOT, "%.1f", 10 + rng.nextInt(500) / 10.0);
        }
        return new RawTable(new String[] {"A", "B", "C"}, new String[][] {a, b, c});
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
        assertTrue(match > 450, "B matches A in only " + match + " of 500 rows");
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
}
