package dev.issosynth.generator.argn.encoding;

import static dev.issosynth.testing.TestTables.columns;
import static dev.issosynth.testing.TestTables.fixture;
import static dev.issosynth.testing.TestTables.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.TypeInference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncodingsTest {
    private static final MissingValues NA = MissingValues.defaults();

    @Test
    void subColumnListMatchesTheEncodingsAndCodesAreInRange() {
        RawTable t = fixture("titanic.csv");
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 42);
        int expected = 0;
        for (int c = 0; c < enc.columnCount(); c++) {
            ColumnEncoding e = enc.encoding(c);
            assertEquals(expected, enc.firstSubColumn(c));
            for (int s = 0; s < e.subColumns(); s++) {
                Encodings.SubColumn sc = enc.subColumns().get(expected + s);
                assertEquals(c, sc.column());
                assertEquals(e.subColumnName(s), sc.name());
                assertEquals(e.cardinality(s), sc.cardinality());
                for (int code = 0; code < e.cardinality(s); code++) {
                    assertEquals(e.suppressed(s, code), enc.suppressed(expected + s, code));
                }
            }
            expected += e.subColumns();
        }
        assertEquals(expected, enc.subColumnCount());
        int[][] codes = enc.encode(t);
        assertEquals(expected, codes.length);
        for (int s = 0; s < codes.length; s++) {
            assertEquals(t.rowCount(), codes[s].length);
            for (int code : codes[s]) {
                assertTrue(code >= 0 && code < enc.subColumns().get(s).cardinality());
            }
        }
    }

    @Test
    void orderedCodesFollowTheValues() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 600;
        RawTable t = columns("d", "s", "w", "c").rows(n, r -> new String[] {
            r % 10 == 0 ? "" : String.format(java.util.Locale.ROOT, "%d-%02d-%02d", 1900 + rng.nextInt(80),
                    1 + rng.nextInt(12), 1 + rng.nextInt(28)),
            String.valueOf(1 + rng.nextInt(5)),
            String.valueOf(rng.nextInt(100000)),
            String.valueOf((char) ('a' + rng.nextInt(4)))}).build();
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 42);
        int[][] codes = enc.encode(t);
        int d = enc.firstSubColumn(0);
        assertEquals("nan", enc.subColumns().get(d).name());
        assertEquals(-1, enc.orderedFrom(d));
        assertEquals(0, enc.orderedFrom(d + 1)); // year − min
        assertEquals(-1, enc.orderedFrom(enc.firstSubColumn(3)));
        for (int col : new int[] {1, 2}) {
            int sub = enc.firstSubColumn(col);
            int from = enc.orderedFrom(sub);
            assertTrue(from >= 0, enc.encoding(col).kind());
            String[] v = t.column(col);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b += 7) {
                    if (codes[sub][a] >= from && codes[sub][b] >= from
                            && Double.parseDouble(v[a]) < Double.parseDouble(v[b])) {
                        assertTrue(codes[sub][a] <= codes[sub][b], v[a] + " vs " + v[b]);
                    }
                }
            }
        }
    }

    @Test
    void encodingChoiceFollowsColumnTypes() {
        RawTable t = fixture("titanic.csv");
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 42);
        for (int c = 0; c < t.columnCount(); c++) {
            ColumnType type = TypeInference.infer(t.column(c), NA);
            ColumnEncoding e = enc.encoding(c);
            if (type == ColumnType.CATEGORICAL) {
                assertInstanceOf(CategoricalEncoding.class, e, t.name(c));
            } else {
                assertTrue(e.kind().startsWith("numeric_"), t.name(c) + " " + e.kind());
            }
        }
        assertInstanceOf(CategoricalEncoding.class, enc.encoding(t.columnIndex("sex")));
        assertInstanceOf(NumericDiscreteEncoding.class, enc.encoding(t.columnIndex("pclass")));
    }

    @Test
    void titanicRoundTripKeepsTypesAndValues() {
        RawTable t = fixture("titanic.csv");
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 42);
        int[][] codes = enc.encode(t);
        SplittableRandom rng = new SplittableRandom(1);
        String[][] decoded = new String[t.columnCount()][t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            String[] row = enc.decodeRow(Codes.row(codes, r), rng);
            for (int c = 0; c < row.length; c++) {
                decoded[c][r] = row[c];
            }
        }
        checkColumns(t, enc, decoded);
        // categorical and discrete columns whose values are all non-rare come back unchanged
        for (int c = 0; c < t.columnCount(); c++) {
            ColumnEncoding e = enc.encoding(c);
            boolean exact = (e instanceof CategoricalEncoding ce && ce.rareCategories() == 0)
                    || e instanceof NumericDiscreteEncoding;
            if (exact) {
                for (int r = 0; r < t.rowCount(); r++) {
                    String want = NA.isMissing(t.cell(c, r)) ? "" : t.cell(c, r);
                    assertEquals(want, decoded[c][r], t.name(c) + " row " + r);
                }
            }
            // digit columns: exact inside the protected range, else the range's bound
            if (e instanceof NumericDigitEncoding d) {
                double[] range = d.range();
                for (int r = 0; r < t.rowCount(); r++) {
                    if (NA.isMissing(t.cell(c, r))) {
                        assertEquals("", decoded[c][r]);
                    } else {
                        double x = Numbers.parse(t.cell(c, r));
                        double want = Math.max(range[0], Math.min(range[1], x));
                        assertEquals(want, Numbers.parse(decoded[c][r]), t.name(c) + " row " + r);
                    }
                }
            }
        }
    }

    @Test
    void titanicDecodesOfRandomAllowedCodesStayValid() {
        RawTable t = fixture("titanic.csv");
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 7);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 2000;
        String[][] decoded = new String[t.columnCount()][n];
        for (int r = 0; r < n; r++) {
            int[] codes = new int[enc.subColumnCount()];
            for (int s = 0; s < codes.length; s++) {
                int card = enc.subColumns().get(s).cardinality();
                do {
                    codes[s] = rng.nextInt(card);
                } while (enc.suppressed(s, codes[s]));
            }
            String[] row = enc.decodeRow(codes, rng);
            for (int c = 0; c < row.length; c++) {
                decoded[c][r] = row[c];
            }
        }
        checkColumns(t, enc, decoded);
    }

    @Test
    void fitIsReproducibleForASeed() {
        RawTable t = fixture("titanic.csv");
        Encodings a = Encodings.fit(TrainingTable.of(t, NA), true, 5);
        Encodings b = Encodings.fit(TrainingTable.of(t, NA), true, 5);
        assertEquals(a.subColumns(), b.subColumns());
        assertTrue(Arrays.deepEquals(a.encode(t), b.encode(t)));
    }

    @Test
    void booleanColumnIsCategorical() {
        RawTable t = rows(30).column("flag", i -> i % 3 == 0 ? "True" : "False").build();
        assertEquals(ColumnType.NUMERIC, TypeInference.infer(t.column(0), NA));
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA), true, 1);
        CategoricalEncoding e = assertInstanceOf(CategoricalEncoding.class, enc.encoding(0));
        assertEquals(List.of("False", "True"), e.categories());
    }

    /**
     * Every decoded column has the training column's type; categorical values are training values (or missing), or,
     * where the {@code _RARE_} code may be drawn, new values that are neither a training value nor {@code _RARE_};
     * numbers lie within the training min/max and integer columns stay integers.
     */
    private static void checkColumns(RawTable t, Encodings enc, String[][] decoded) {
        for (int c = 0; c < t.columnCount(); c++) {
            String name = t.name(c);
            ColumnType type = TypeInference.infer(t.column(c), NA);
            assertEquals(type, TypeInference.infer(decoded[c], NA), name);
            ColumnEncoding e = enc.encoding(c);
            if (type == ColumnType.CATEGORICAL) {
                Set<String> allowed = new HashSet<>(Arrays.asList(t.column(c)));
                allowed.add("");
                for (String s : decoded[c]) {
                    if (!allowed.contains(s)) {
                        assertFalse(e.suppressed(0, 0), name + ": " + s);
                        assertFalse(s.equals(CategoricalEncoding.RARE_TOKEN), name + ": " + s);
                    }
                }
            } else if (type == ColumnType.NUMERIC) {
                List<Double> train = new ArrayList<>();
                boolean ints = true;
                for (String s : t.column(c)) {
                    if (!NA.isMissing(s)) {
                        train.add(Numbers.parse(s));
                        ints &= !s.contains(".");
                    }
                }
                double min = train.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double max = train.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                for (String s : decoded[c]) {
                    if (!s.isEmpty()) {
                        double x = Numbers.parse(s);
                        assertTrue(x >= min && x <= max, name + ": " + s);
                        assertFalse(ints && (s.contains(".") || s.contains("e")), name + ": " + s);
                    }
                }
            }
        }
    }

    @Test
    void aColumnFilesNumericEncodingIsTheOneArgnUses() throws Exception {
        // 5 distinct whole numbers: the engine's AUTO makes them discrete
        RawTable t = rows(200).column("n", i -> Integer.toString(10 * (i % 5))).column("x", i -> "v" + i % 3).build();
        assertEquals("numeric_discrete", Encodings.fit(TrainingTable.of(t, NA), true, 1).encoding(0).kind());
        for (String[] pair : new String[][] {{"TABULAR_NUMERIC_DIGIT", "numeric_digit"},
            {"TABULAR_NUMERIC_BINNED", "numeric_binned"}, {"TABULAR_NUMERIC_DISCRETE", "numeric_discrete"},
            {"TABULAR_NUMERIC_AUTO", "numeric_discrete"}}) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("cols", ".json");
            java.nio.file.Files.writeString(file, "{\"columns\": [{\"name\": \"n\", \"model_encoding_type\": \""
                    + pair[0] + "\"}]}");
            dev.issosynth.schema.ColumnRules rules = dev.issosynth.schema.ColumnFile.read(file);
            java.nio.file.Files.delete(file);
            assertEquals(pair[1], Encodings.fit(TrainingTable.of(t, NA, rules), true, 1).encoding(0).kind(), pair[0]);
        }
    }
}
