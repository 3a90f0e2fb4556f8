package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encodings' part of a model file: every type reads back to an encoding that behaves the same. */
class EncodingModelFileTest {
    private static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));

    /** One small hand-made column per encoding type and variant, with the encoding fitted on it. */
    private record Case(String name, String[] values, ColumnEncoding encoding) {
    }

    private static String[] column(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }

    private static List<String> each(int n, java.util.function.IntFunction<String> f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        // 30 a, 20 b, 8 missing, 40 ids seen once: rare, so CONSTANT fits a rare-value model
        String[] cat = column(each(58, i -> i < 30 ? "a" : i < 50 ? "b" : i % 2 == 0 ? "" : "?"),
                each(40, i -> String.format("id%03d", i)));
        out.add(new Case("categorical, rare model", cat, CategoricalEncoding.fit(cat, NA, true, rng())));
        out.add(new Case("categorical, sample", cat, CategoricalEncoding.fit(cat, NA, true,
                CategoricalEncoding.RareReplacement.SAMPLE, rng())));
        out.add(new Case("categorical, unprotected", cat, CategoricalEncoding.fit(cat, NA, false, rng())));

        String[] discrete = column(each(60, i -> i % 3 == 0 ? "1" : i % 3 == 1 ? "2.5" : "-4"), List.of("NA"));
        out.add(new Case("numeric discrete", discrete, NumericEncoding.fit(discrete, NA, true, rng())));
        String[] digit = column(each(60, i -> Integer.toString(i * 10 - 300)), List.of("", "?"));
        out.add(new Case("numeric digit", digit,
                NumericEncoding.fit(digit, NA, true, NumericEncoding.Mode.DIGIT, rng())));
        SplittableRandom r = new SplittableRandom(5);
        String[] binned = column(each(200, i -> i < 60 ? "50000" : String.format("%.2f", r.nextDouble(1e5))),
                List.of("NA"));
        out.add(new Case("numeric binned", binned,
                NumericEncoding.fit(binned, NA, true, NumericEncoding.Mode.BINNED, rng())));

        String[] dates = column(each(40, i -> String.format("20%02d-%02d-%02d", 10 + i % 7, 1 + i % 12, 1 + i % 28)),
                List.of(""));
        out.add(new Case("date", dates, DatetimeEncoding.fit(dates, NA, true, rng())));
        String[] eras = column(each(60, i -> String.format("%d-%02d-%02d", 1850 + i * 2, 1 + i % 12, 1 + i % 28)),
                List.of(""));
        out.add(new Case("date with decades", eras, DatetimeEncoding.fit(eras, NA, true, rng())));
        String[] times = each(40, i -> String.format("2021-03-%02d %02d:%02d:%02d", 1 + i % 20, i % 24, i, i % 7))
                .toArray(new String[0]);
        out.add(new Case("date-time", times, DatetimeEncoding.fit(times, NA, true, rng())));
        String[] few = {"1", "2", "3"};
        out.add(new Case("protected", few, NumericEncoding.fit(few, NA, true, rng())));
        String[] dayFirst = column(each(40, i -> String.format("%02d.%02d.20%02d %02d:%02d", 1 + i % 28, 1 + i % 12,
                10 + i % 7, i % 24, i)), List.of("?"));
        out.add(new Case("date-time, formatted", dayFirst, DatetimeEncoding.fit(dayFirst, NA,
                dev.issosynth.schema.DateFormat.of("%d.%m.%Y %H:%M"), true, rng())));
        return out;
    }

    private static SplittableRandom rng() {
        return new SplittableRandom(11);
    }

    @Test
    void everyTypeReadsBackToAnEncodingThatBehavesTheSame() throws Exception {
        Map<Class<?>, Integer> types = new LinkedHashMap<>();
        for (Case c : cases()) {
            ColumnEncoding back = Codes.viaModelFile(c.encoding());
            assertSameBehaviour(c, back);
            types.merge(c.encoding().getClass(), 1, Integer::sum);
        }
        assertEquals(List.of(CategoricalEncoding.class, NumericDiscreteEncoding.class, NumericDigitEncoding.class,
                NumericBinnedEncoding.class, DatetimeEncoding.class, ProtectedEncoding.class),
                List.copyOf(types.keySet()), "the cases cover every type");
        NumericBinnedEncoding binned = assertInstanceOf(NumericBinnedEncoding.class, cases().get(5).encoding());
        int exact = 0;
        for (int i = 0; i < binned.edges().length - 1; i++) {
            exact += binned.exactValues(i).length;
        }
        assertEquals(1, exact, "the binned case keeps its spike as an exact value");
    }

    /** Same sub-columns, suppressed and ordered codes, codes of the training column, and decoded cells. */
    private static void assertSameBehaviour(Case c, ColumnEncoding back) {
        ColumnEncoding e = c.encoding();
        assertEquals(e.kind(), back.kind(), c.name());
        assertEquals(e.subColumns(), back.subColumns(), c.name());
        for (int s = 0; s < e.subColumns(); s++) {
            assertEquals(e.subColumnName(s), back.subColumnName(s), c.name());
            assertEquals(e.cardinality(s), back.cardinality(s), c.name());
            assertEquals(e.orderedFrom(s), back.orderedFrom(s), c.name());
            for (int code = 0; code < e.cardinality(s); code++) {
                assertEquals(e.suppressed(s, code), back.suppressed(s, code), c.name());
            }
        }
        assertArrayEquals(e.encode(c.values(), new SplittableRandom(1)), back.encode(c.values(),
                new SplittableRandom(1)), c.name());
        assertEquals(decodeRandomCodes(e, 300, 1), decodeRandomCodes(back, 300, 1), c.name());
    }

    /** {@code n} cells decoded from random codes (suppressed codes included: decoding must handle them too). */
    private static List<String> decodeRandomCodes(ColumnEncoding e, int n, long seed) {
        SplittableRandom codes = new SplittableRandom(seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        List<String> out = new ArrayList<>();
        int[] row = new int[e.subColumns()];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < row.length; s++) {
                row[s] = codes.nextInt(e.cardinality(s));
            }
            out.add(e.decode(row, 0, rng));
        }
        return out;
    }

    @Test
    void encodingsOfATableReadBackWithTheirColumnsAndSeed() throws Exception {
        List<Case> cases = cases();
        String[] header = {"cat", "dates", "num"};
        int rows = 40;
        String[][] columns = {Arrays.copyOf(cases.get(0).values(), rows), Arrays.copyOf(cases.get(6).values(), rows),
            Arrays.copyOf(cases.get(3).values(), rows)};
        RawTable table = new RawTable(header, columns);
        Encodings enc = Encodings.fit(TrainingTable.of(table, NA), true, 17);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        enc.writeTo(new BinaryWriter(new DataOutputStream(bytes)));
        byte[] b = bytes.toByteArray();
        BinaryReader in = new BinaryReader(b);
        Encodings back = Encodings.readFrom(in);
        assertEquals(0, in.remaining());
        assertEquals(enc.subColumns(), back.subColumns());
        assertArrayEquals(enc.encode(table), back.encode(table), "same seed: same imputation");
        int[] codes = new int[enc.subColumnCount()];
        assertArrayEquals(enc.decodeRow(codes, new SplittableRandom(3)), back.decodeRow(codes,
                new SplittableRandom(3)));
    }

    private static CorruptDataException readFails(byte[] bytes) {
        return assertThrows(CorruptDataException.class,
                () -> Encodings.readEncoding(new BinaryReader(bytes)));
    }

    @Test
    void unknownTagHugeLengthAndTruncationAreCorruptData() throws IOException {
        assertEquals("unknown encoding tag 99", readFails(new byte[] {99}).getMessage());
        byte[] name = Codes.modelFileBytes(cases().get(8).encoding()); // protected: tag, then its name's length
        ByteBuffer.wrap(name).putInt(1, Integer.MAX_VALUE);
        assertEquals("bad length 2147483647", readFails(name).getMessage());
        for (Case c : cases()) {
            byte[] full = Codes.modelFileBytes(c.encoding());
            for (int n = 0; n < full.length; n++) {
                readFails(Arrays.copyOf(full, n));
            }
        }
    }

    /**
     * Every single damaged byte of every type either is caught while reading or gives an encoding that still works:
     * no runtime exception, neither now nor when it encodes and decodes.
     */
    @Test
    void damagedBytesNeverEscapeAsRuntimeExceptions() throws IOException {
        int caught = 0;
        int used = 0;
        for (Case c : cases()) {
            byte[] full = Codes.modelFileBytes(c.encoding());
            for (int i = 0; i < full.length; i++) {
                for (int flip : new int[] {0x01, 0x80, 0xff}) {
                    byte[] bad = full.clone();
                    bad[i] ^= (byte) flip;
                    ColumnEncoding read;
                    try {
                        read = Encodings.readEncoding(new BinaryReader(bad));
                    } catch (CorruptDataException expected) {
                        caught++;
                        continue;
                    }
                    read.encode(c.values(), new SplittableRandom(1));
                    decodeRandomCodes(read, 20, i);
                    used++;
                }
            }
        }
        assertTrue(caught > 1000 && used > 1000, caught + " caught, " + used + " used");
    }
}
