package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnKind;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Positions as quadtree keys: cells for the neighbourhood, digits for the place; pairs decode to both columns. */
class LatLongEncodingTest {
    private static final MissingValues NA = MissingValues.defaults();

    @Test
    void keysInterleaveTheBitsAndComeBackToTheMetre() {
        // 90° N is 180e5 steps up, 180° E is 360e5 across: the largest offsets fit the 26 bits
        long top = QuadKeys.key(90, 180);
        assertEquals(90, QuadKeys.latitude(top), 1e-9);
        assertEquals(180, QuadKeys.longitude(top), 1e-9);
        long sw = QuadKeys.key(-90, -180);
        assertEquals(0, sw, "the south-west corner is all zeros");
        // one step north sets the latitude's lowest bit: digit 2 at the last place; one step east: digit 1
        assertEquals(2, QuadKeys.digit(QuadKeys.key(-90 + 1e-5, -180), QuadKeys.BITS - 1));
        assertEquals(1, QuadKeys.digit(QuadKeys.key(-90, -180 + 1e-5), QuadKeys.BITS - 1));
        assertEquals(-1, QuadKeys.key(91, 0));
        long a = QuadKeys.key(40.64749, -73.97237);
        assertEquals(40.64749, QuadKeys.latitude(a), 1e-9);
        assertEquals(-73.97237, QuadKeys.longitude(a), 1e-9);
        long b = QuadKeys.key(40.64760, -73.97240); // ~12 m away: the same cell down to ~20 m
        assertEquals(QuadKeys.prefix(a, 20), QuadKeys.prefix(b, 20));
        long far = QuadKeys.key(-33.86, 151.21);
        assertTrue(QuadKeys.prefix(a, 2) != QuadKeys.prefix(far, 2), "New York and Sydney part at once");
        assertEquals("40.6", QuadKeys.format(40.64749, 1));
        assertEquals(5, QuadKeys.decimals(" 40.647490"), "at most the 5 decimals a step resolves");
        assertEquals(0, QuadKeys.decimals("-74"));
    }

    /** 6 blocks of 25 rows ~1 km apart (each within ~30 m), 3 rows alone far away, one missing. */
    private static String[] places() {
        String[] v = new String[154];
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 25; i++) {
                v[25 * j + i] = String.format(java.util.Locale.ROOT, "%.5f, %.5f", 40.70 + 0.01 * j + i * 1e-5,
                        -73.99 + 0.01 * j + (i % 5) * 2e-5);
            }
        }
        v[150] = "41.5, -72.5";
        v[151] = "41.5001, -72.5";
        v[152] = "39.9,-75.1";
        v[153] = "";
        return v;
    }

    @Test
    void positionsRoundTripAndSparseCellsShareOneCode() throws Exception {
        String[] v = places();
        LatLongEncoding e = LatLongEncoding.fit(v, NA, null, -1, false, new SplittableRandom(4));
        assertEquals("nan", e.subColumnName(0));
        int[][] codes = e.encode(v, new SplittableRandom(5));
        int[] row = new int[e.subColumns()];
        for (int r = 0; r < v.length; r++) {
            for (int s = 0; s < row.length; s++) {
                row[s] = codes[s][r];
            }
            double[] in = dev.issosynth.schema.Positions.parsePair(v[r].isEmpty() ? "0,0" : v[r]);
            String out = e.decode(row, 0, new SplittableRandom(6));
            if (v[r].isEmpty()) {
                assertEquals("", out);
                continue;
            }
            double[] back = dev.issosynth.schema.Positions.parsePair(out);
            assertEquals(in[0], back[0], 1e-9, out);
            assertEquals(in[1], back[1], 1e-9, out);
            assertTrue(out.matches("-?\\d+\\.\\d{5}, -?\\d+\\.\\d{5}"),
                    "the training's decimals (the most a cell has) and its first separator: " + out);
        }
        boolean anyLevel = false;
        for (int s = 1; s < e.subColumns(); s++) {
            if (e.subColumnName(s).startsWith("Q")) {
                anyLevel = true;
                assertEquals(0, codes[s][150], "a cell of two rows is never a code of its own");
                assertEquals(codes[s][150], codes[s][152]);
                assertTrue(e.cardinality(s) - 1 >= LatLongEncoding.MIN_KEPT);
            }
        }
        assertTrue(anyLevel, "the six blocks of 25 fill cells of at least one level");
        assertTrue(e.subColumnName(e.subColumns() - 1).equals("D" + (QuadKeys.BITS - 1)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.writeTo(new BinaryWriter(new DataOutputStream(bytes)));
        ColumnEncoding back = Encodings.readEncoding(new BinaryReader(bytes.toByteArray()));
        assertEquals("lat_long", back.kind());
        for (int s = 0; s < e.subColumns(); s++) {
            assertArrayEquals(codes[s], back.encode(v, new SplittableRandom(5))[s]);
        }
        for (int s = 0; s < row.length; s++) {
            row[s] = codes[s][0];
        }
        assertEquals(e.decode(row, 0, null), back.decode(row, 0, null));
    }

    @Test
    void aLatitudeAndALongitudeAreOneModelColumnAndDecodeToTheirPlaces() {
        // longitude before the other columns, latitude last: the output keeps the table's order
        RawTable t = TestTables.rows(200)
                .column("lon", i -> String.format(java.util.Locale.ROOT, "%.5f", -73.9 - i * 1e-4))
                .column("a", i -> i % 2 == 0 ? "x" : "y")
                .column("b", i -> Integer.toString(i % 7))
                .column("lat", i -> String.format(java.util.Locale.ROOT, "%.5f", 40.7 + i * 1e-4))
                .build();
        ColumnRules rules = ColumnRules.auto().withKinds(Map.of("lat", ColumnKind.LATITUDE, "lon",
                ColumnKind.LONGITUDE));
        Encodings enc = Encodings.fit(TrainingTable.of(t, NA, rules), false, 7);
        assertEquals(3, enc.columnCount(), "a, b and the position");
        assertArrayEquals(new String[] {"lon", "a", "b", "lat"}, enc.outputHeader());
        assertEquals("lat", enc.columnName(2));
        int[][] codes = enc.encode(t);
        int[] row = new int[codes.length];
        for (int r = 0; r < t.rowCount(); r++) {
            for (int s = 0; s < row.length; s++) {
                row[s] = codes[s][r];
            }
            String[] cells = enc.decodeRow(row, new SplittableRandom(1));
            assertArrayEquals(new String[] {t.column(0)[r], t.column(1)[r], t.column(2)[r], t.column(3)[r]}, cells);
        }
        // value protection keeps the extremes secret: the northernmost rows come back at the protected maximum
        Encodings safe = Encodings.fit(TrainingTable.of(t, NA, rules), true, 7);
        int[][] safeCodes = safe.encode(t);
        for (int s = 0; s < row.length; s++) {
            row[s] = safeCodes[s][199];
        }
        double north = Double.parseDouble(safe.decodeRow(row, new SplittableRandom(1))[3]);
        assertTrue(north < 40.7199 && north >= 40.7 + 190 * 1e-4, "clipped inward by τ rows: " + north);
    }
}
