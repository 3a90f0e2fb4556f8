package dev.issosynth.generator.argn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test helpers over codes. */
final class Codes {
    private Codes() {
    }

    /** Every combination of codes of the encoding's sub-columns (product of cardinalities must be small). */
    static List<int[]> all(ColumnEncoding e) {
        List<int[]> out = new ArrayList<>();
        int k = e.subColumns();
        int[] cur = new int[k];
        while (true) {
            out.add(cur.clone());
            int s = k - 1;
            while (s >= 0 && ++cur[s] == e.cardinality(s)) {
                cur[s] = 0;
                s--;
            }
            if (s < 0) {
                return out;
            }
            if (out.size() > 200_000) {
                throw new IllegalStateException("too many code combinations");
            }
        }
    }

    /** All combinations whose codes the sampler may draw. */
    static List<int[]> allowed(ColumnEncoding e) {
        List<int[]> out = new ArrayList<>();
        for (int[] c : all(e)) {
            boolean ok = true;
            for (int s = 0; s < c.length; s++) {
                ok &= !e.suppressed(s, c[s]);
            }
            if (ok) {
                out.add(c);
            }
        }
        return out;
    }

    /** Row r of {@code codes[sub][row]}. */
    static int[] row(int[][] codes, int r) {
        int[] out = new int[codes.length];
        for (int s = 0; s < codes.length; s++) {
            out[s] = codes[s][r];
        }
        return out;
    }

    /** Decodes every row of an encoded column. */
    static String[] roundTrip(ColumnEncoding e, String[] values, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] codes = e.encode(values, rng);
        String[] out = new String[values.length];
        for (int r = 0; r < values.length; r++) {
            int[] row = row(codes, r);
            for (int s = 0; s < row.length; s++) {
                if (row[s] < 0 || row[s] >= e.cardinality(s)) {
                    throw new AssertionError("code " + row[s] + " out of range for sub-column " + s);
                }
            }
            out[r] = e.decode(row, 0, rng);
        }
        return out;
    }

    /** {@code n} copies of {@code v}. */
    static List<String> times(String v, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(v);
        }
        return out;
    }

    /** What {@link ColumnEncoding#writeTo} writes: the encoding's part of a model file. */
    static byte[] modelFileBytes(ColumnEncoding e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.writeTo(new BinaryWriter(new DataOutputStream(bytes)));
        return bytes.toByteArray();
    }

    /**
     * {@code e} written as in a model file and read back; the copy is of the same type, used up every byte and
     * writes the same bytes again (so no field was lost).
     */
    @SuppressWarnings("unchecked")
    static <T extends ColumnEncoding> T viaModelFile(T e) throws IOException, CorruptDataException {
        byte[] bytes = modelFileBytes(e);
        BinaryReader in = new BinaryReader(bytes);
        ColumnEncoding back = Encodings.readEncoding(in);
        assertEquals(0, in.remaining(), "bytes left");
        assertEquals(e.getClass(), back.getClass());
        assertArrayEquals(bytes, modelFileBytes(back));
        return (T) back;
    }
}
