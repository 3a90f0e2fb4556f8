package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy guard's encoding (one-hot categoricals), unchanged by the evaluation's move to embeddings. */
class GuardEncoderTest {
    private static final MissingValues NA = MissingValues.defaults().withExtra(List.of("?"));

    @Test
    void quantileTransformMatchesTheLibrarysInterpolation() {
        double[] q = GuardEncoder.referenceQuantiles(new double[] {4, 0, 2, 1, 3});
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, q);
        assertEquals(0.5, GuardEncoder.transform(q, 2));
        assertEquals(0.625, GuardEncoder.transform(q, 2.5));
        assertEquals(0.0, GuardEncoder.transform(q, -1));
        assertEquals(1.0, GuardEncoder.transform(q, 9));
        // a run of equal quantiles maps to its middle: levels 0, 1/3, 2/3 for value 1 → 1/3
        assertEquals(1 / 3.0, GuardEncoder.transform(new double[] {1, 1, 1, 2}, 1), 1e-15);
        // 200 values 0..199 → 100 quantiles at 199·i/99
        double[] many = IntStream.range(0, 200).asDoubleStream().toArray();
        double[] q100 = GuardEncoder.referenceQuantiles(many);
        assertEquals(100, q100.length);
        assertEquals(199.0 * 50 / 99, q100[50], 1e-12);
    }

    @Test
    void encodingOfAHandMadeTable() {
        // x numeric 0..4, c categorical; one row with x missing
        RawTable t = columns("x", "c")
                .row("0", "a")
                .row("1", "b")
                .row("2", "a")
                .row("3", "b")
                .row("4", "a")
                .row("", "a")
                .build();
        Schema schema = Schema.fit(t, NA);
        GuardEncoder enc = new GuardEncoder(schema, NA, t, t);
        // x: value + missing flag; c: one-hot a, b + one "other" slot
        assertEquals(2 + 3, enc.dim());
        float[] x = enc.encode(t);
        // row 2: x = 2 → 0.0, flag −0.5, c = a → 1/√2; length √(0.25 + 0.5)
        double len = Math.sqrt(0.25 + 0.5);
        assertEquals(0.0, x[2 * 5], 1e-7);
        assertEquals(-0.5 / len, x[2 * 5 + 1], 1e-7);
        assertEquals(Math.sqrt(0.5) / len, x[2 * 5 + 2], 1e-7);
        // unseen category → the "other" slot
        RawTable u = columns("c", "x").row("zzz", "4").build();
        float[] y = enc.encode(u);
        assertEquals(0f, y[2]);
        assertEquals(0f, y[3]);
        assertTrue(y[4] > 0);
    }
}
